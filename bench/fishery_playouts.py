"""What search's playouts see from Moscow's first 1929 decision in the fishery (issue 14).

    python bench/fishery_playouts.py [--playouts 300] [--out bench/FISHERY_PLAYOUTS.md]

The game is played to that decision with every side `persona:fast` (seed 1, game 0); then, for a
few first orders, the same `--playouts` seeded playouts run to the search's horizon and Moscow's
persona values each end. Three arms in the same run: the default policy without the auction's
routine order and anchors (as before issue 14's repair), with the routine only, and with both.
For each: the mean value of each first order and its standard deviation over the playouts, and
how many playouts end with the Japanese firms holding under 20 grounds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game import Game, State, load_game
from game.agents.base import make_agents
from game.agents.rollout import rollout_action
from game.core.mechanics.auction import Auction
from game.sim.batch import game_seed
from game.sim.play import play

FIRSTS = (
    ("ussr:end",),
    ("ussr:expand_state_trust", "ussr:end"),
    ("ussr:expand_state_trust", "ussr:withhold:on_gizhiga", "ussr:end"),
    ("ussr:expand_trust_take_back", "ussr:end"),
    ("ussr:expand_trust_take_back",),
)


class _FoundError(Exception):
    """Stops the game at the decision."""


def decision(game: Game) -> State:
    """Returns the state at Moscow's first decision of the 1929 season."""
    names = {f.id: "persona:fast" for f in game.rules.factions}
    found: dict[str, State] = {}

    def hook(state: State, action: object, choices: object) -> None:
        if state.to_act == 0 and str(game.rules.date(state.turn)).startswith("1929"):
            found["state"] = state
            raise _FoundError

    with suppress(_FoundError):
        play(game, make_agents(game, names), game_seed(1, 0), names=names, on_action=hook)
    return found["state"]


@contextmanager
def arm(game: Game, routine: bool, anchors: bool) -> Iterator[None]:
    """Switches the auction's routine order and anchors off where asked (the arm before)."""
    saved = (Game.routine, Auction.anchors)
    if not routine:
        Game.routine = lambda self, state, faction: None  # type: ignore[method-assign]
    if not anchors:
        Auction.anchors = lambda self, state, members: ()  # type: ignore[method-assign]
    try:
        yield
    finally:
        Game.routine, Auction.anchors = saved  # type: ignore[method-assign]


def measure(game: Game, start: State, first: tuple[str, ...], n: int) -> tuple[float, float, int]:
    """Mean and standard deviation of Moscow's persona value at the horizon, and the playouts
    that end with Japan holding under 20 grounds."""
    persona = game.rules.persona(0)
    assert persona is not None
    limit = start.turn + 1
    japan = game.rules.track_index("grounds_japan")
    values, shut_out = [], 0
    for k in range(n):
        rng = random.Random(k)
        state = start
        for text in first:
            state = game.apply(state, game.parse_action(text))
        while not game.is_terminal(state) and state.turn < limit:
            state = game.apply(state, rollout_action(game, state, rng))
        values.append(persona.value(game.rules, state))
        shut_out += state.tracks[japan] < 20
    return statistics.mean(values), statistics.pstdev(values), shut_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--playouts", type=int, default=300)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    game = load_game("fishery-auctions")
    start = decision(game)
    lines = [
        "# Fishery playouts from Moscow's first 1929 decision",
        "",
        f"`python bench/fishery_playouts.py --playouts {args.playouts}`: {args.playouts} seeded "
        "playouts per first order and arm, to the end of the season (the `fast` horizon), "
        "valued by Moscow's persona. *sd*: standard deviation over the playouts; *shut out*: "
        "playouts ending with the Japanese firms holding under 20 grounds.",
        "",
        "| first orders | arm | mean | sd | shut out |",
        "|---|---|---:|---:|---:|",
    ]
    arms = (("before", False, False), ("routine", True, False), ("routine + anchors", True, True))
    for first in FIRSTS:
        for label, routine, anchors in arms:
            with arm(game, routine, anchors):
                mean, sd, shut = measure(game, start, first, args.playouts)
            lines.append(f"| {', '.join(first)} | {label} | {mean:.2f} | {sd:.1f} | {shut} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
