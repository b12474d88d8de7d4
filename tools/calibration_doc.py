"""Assembles docs/calibration.md (or, with --kind variants, docs/variants.md) from the
per-scenario tables of `python main.py calibrate --out` (or `variants --out`).

Run by `make calibrate` and `make variants` (which first write one table per scenario into
docs/calibration/ or docs/variants/, beside its JSON):

    .venv/bin/python tools/calibration_doc.py --agents "all=historical" --label "..." \\
        --out docs/calibration.md docs/calibration/railway-sale.md ...

The header names the commit, the date (UTC), the agents and how to read the tables; each
scenario's section follows as `calibrate` wrote it (with its command line and wall time).

A record written by hand in the file being replaced (what each run was, and why it was run
again) is kept: the text between `<!-- kept -->` and `<!-- /kept -->` in the old file is copied
under the new header, with a line saying that it predates the tables below it, so a new run
does not silently drop it. Nothing else of the old file is kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
from pathlib import Path

READING = """\
How to read it: each section is one scenario, played `games` times with the agents named (the
seeds derive from `--seed`, as `simulate`'s do, so the same command gives the same numbers on any
machine and any worker count; only the wall time differs). A game is *near history* when every
check of the scenario's `calibration:` section holds at its end; the first table gives the share
of games near history with its 95 % Wilson interval, the second each check's own share, so a low
share points at the fact the agents miss. The checks, their historical ranges and their sources
are data in the scenario files (README, "Calibration"). Issue 14 asks that, with every side played
by the `persona` agent, at least 60 % of 200 seeds land near history in each scenario.
"""

VARIANTS_READING = """\
How to read it: each section is one scenario. The scenario as in history and each of its
variants are played on the same seeds (from `--seed`) with the same agents; every variant names
in its file (`expect:`) its headline figures, the direction the sources argue and why. A row
gives the figure's mean as in history and in the variant, the paired difference (variant minus
history) with its 95 % t interval, and the verdict: *moves* when the whole interval lies on the
side the sources argue, *wrong way* when it lies on the other, *cannot tell* otherwise. A date
figure is a mean date; a game in which it never came counts as the day the variant file names
(`unset`), so a mean is a floor on the real delay. Issue 14 asks every variant, run with persona
agents on 200 seeds, to move its headline figure the way the sources argue.
"""

KEPT_OPEN = "<!-- kept -->"
KEPT_CLOSE = "<!-- /kept -->"
KEPT_NOTE = (
    "*The record below was written by hand before this file was last generated: check it "
    "against the tables that follow it.*"
)


def kept_record(old: str) -> str:
    """Returns the hand-written record between the markers in `old` (markers included), or ""
    when there is none. The note that it predates the tables stands outside the markers, so it
    is written once by each run, not carried over."""
    start = old.find(KEPT_OPEN)
    end = old.find(KEPT_CLOSE, start + len(KEPT_OPEN)) if start >= 0 else -1
    if start < 0 or end < 0:
        return ""
    body = old[start + len(KEPT_OPEN) : end].strip("\n")
    return f"{KEPT_OPEN}\n{body}\n{KEPT_CLOSE}"


KINDS = {
    "calibration": ("Calibration against history", "make calibrate", READING),
    "variants": ("Counterfactuals against history", "make variants", VARIANTS_READING),
}


PLAYED_FROM = ("game", "scenarios", "main.py")
"""What decides the games: changes elsewhere (the runs' own reports under docs/) do not make a
run's commit "with uncommitted changes"."""


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", *PLAYED_FROM],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip() + (
        " (with uncommitted changes to the code or scenarios)" if dirty.stdout.strip() else ""
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("sections", nargs="+", type=Path, help="calibrate --out tables")
    parser.add_argument("--agents", default="", help="the --agents given (empty: the default)")
    parser.add_argument("--label", default="", help="what this run is, in one line")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--kind", choices=sorted(KINDS), default="calibration")
    args = parser.parse_args()
    title, maker, reading = KINDS[args.kind]
    agents = args.agents or "simulate's default for every side (random)"
    today = dt.datetime.now(dt.UTC).date().isoformat()
    kept = kept_record(args.out.read_text(encoding="utf-8")) if args.out.is_file() else ""
    lines = [
        f"# {title}",
        "",
        *([f"**{args.label}**", ""] if args.label else []),
        f"Written by `{maker}` on {today} (UTC) at commit {_commit()}; agents: `{agents}`.",
        "",
        *([KEPT_NOTE, "", kept, ""] if kept else []),
        reading,
    ]
    parts = ["\n".join(lines)]
    parts += [path.read_text(encoding="utf-8") for path in args.sections]
    args.out.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
