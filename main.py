"""Amur: `python main.py` opens the game window; `python main.py --help` lists the rest."""

from game.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
