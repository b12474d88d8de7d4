"""The one command line: play | simulate | tournament | audit | calibrate | variants | compare |
record | replay | chronicle | briefing | branch | serve-seat | validate | schema | golden |
scenarios.

`python main.py` (or `amur`) with no command opens the game window. The commands live in the
modules of this package by kind (`app`: the group, `play`, `scenarios`; `runs`: `simulate`,
`tournament`; `audit`: the dominance audit; `calibrate`: the share of games near history;
`variants`: whether counterfactuals move their headline figures; `compare`: the comparison
report (HTML and CSV); `files`: `record`, `replay`, `validate`, `schema`, `golden`; `teaching`:
`chronicle` and `briefing`, for a class; `branch`: a game forked at a date; `seat`:
`serve-seat`, one side played over JSON lines); importing the
package registers them all.
"""

from game.cli import audit, branch, calibrate, compare, files, runs, seat, teaching, variants
from game.cli.app import UserError, cli, main
from game.cli.files import validate_file

__all__ = [
    "UserError",
    "audit",
    "branch",
    "calibrate",
    "cli",
    "compare",
    "files",
    "main",
    "runs",
    "seat",
    "teaching",
    "validate_file",
    "variants",
]
