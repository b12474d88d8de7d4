"""Outputs never destroy what is not theirs.

Before a command plays its first game, each file it will write is claimed: refused if it is
one of the command's inputs (even with `--force`), if its folder does not exist or cannot be
written, if the disk has too little room, or if it exists and is not a previous output of the
same kind (a results file, a summary, a save, a golden text, a schema, an audit report, a
calibration table) — unless `--force`.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

Kind = Literal[
    "results",
    "summary",
    "save",
    "golden",
    "schema",
    "audit",
    "calibration",
    "counterfactuals",
    "chronicle",
    "pack",
    "branch",
    "comparison",
]

COMPARISON_HEADS = ("<!-- amur comparison report -->", "section,run,item,label,stat,")
"""How a comparison report's page and table begin (`game.report`)."""

CALIBRATION_HEADS = ("## Calibration: ", "# Calibration against history")
"""How `calibrate --out` (one scenario) and `make calibrate` (docs/calibration.md) begin."""

SNIFF_BYTES = 64 << 10
"""How much of an existing file is read to tell whether it is a previous output."""


class OutputError(ValueError):
    """An output path that must not be written; the message says why and what to do."""


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(SNIFF_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


def _json_head(path: Path) -> object:
    try:
        return json.loads(_head(path))
    except ValueError:
        return None


def is_output(path: Path, kind: Kind) -> bool:
    """True if the existing file at `path` looks like an output of this kind (so writing it
    again replaces a previous result, not the user's data)."""
    head = _head(path)
    if kind == "results":
        if path.suffix == ".csv":
            first = head.split("\n", 1)[0]
            return first.startswith("game,") and "state_hash" in first
        try:
            line = json.loads(head.split("\n", 1)[0])
        except ValueError:
            return False
        return isinstance(line, dict) and {"game", "seed", "state_hash"} <= line.keys()
    if kind == "summary":
        data = _json_head(path)
        # simulate's summary has outcome classes; a tournament's has cells of them
        return (
            isinstance(data, dict)
            and {"games", "baseline"} <= data.keys()
            and not {"classes", "cells"}.isdisjoint(data.keys())
        )
    if kind == "save":
        data = _json_head(path)
        return isinstance(data, dict) and data.get("format") == "amur-save"
    if kind == "branch":  # game.sim.branch.branch_markdown's first line
        return head.startswith("<!-- amur branch -->")
    if kind == "pack":  # game.sim.sheet.MARK
        return "<!-- amur exercise pack -->" in head
    if kind == "chronicle":  # game.sim.chronicle_page's heading and title say this
        return ": the chronicle of game " in head
    if kind == "golden":
        lines = head.split("\n", 2)
        return len(lines) > 1 and lines[0].startswith("# ") and lines[1].startswith("turn 0 ")
    if kind == "audit":
        if path.suffix == ".json":
            data = _json_head(path)
            if isinstance(data, dict):
                return {"seats", "epsilon"} <= data.keys()
            # A report longer than the sniff: its keys are sorted, so its first ones show.
            keys = ('{\n "agents": {', '"epsilon": ', '"games": ', '"points": [')
            return head.startswith(keys[0]) and all(k in head for k in keys[1:])
        return head.startswith("# Dominance audit: ")
    if kind == "calibration":
        if path.suffix == ".json":
            data = _json_head(path)
            return isinstance(data, dict) and {"near_history", "checks"} <= data.keys()
        return head.startswith(CALIBRATION_HEADS)
    if kind == "counterfactuals":
        if path.suffix == ".json":
            # sorted keys: "agents" opens it and "counterfactuals" follows
            return head.startswith('{\n "agents": {') and '"counterfactuals": [' in head
        return head.startswith(("## Counterfactuals: ", "# Counterfactuals"))
    if kind == "comparison":
        return head.startswith(COMPARISON_HEADS)
    # A schema: read whole (the scenario schema outgrew the sniff), within reason.
    data = _json_head(path) if _size(path) <= SNIFF_BYTES else _json_whole(path)
    return isinstance(data, dict) and "properties" in data and "title" in data


SCHEMA_BYTES = 8 << 20
"""The largest file `is_output` reads whole to tell whether it is a schema it wrote."""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _json_whole(path: Path) -> object:
    if _size(path) > SCHEMA_BYTES:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def claim(
    path: Path,
    kind: Kind,
    *,
    force: bool = False,
    inputs: Iterable[Path] = (),
    room: int = 1 << 20,
) -> None:
    """Checks that `path` may be written as an output of `kind`; OutputError says why not.

    `inputs` are the command's input files (never written over); `room` is how many bytes
    the output may take (the disk must have them free).
    """
    for source in inputs:
        if _same(path, source):
            raise OutputError(f"{path}: is an input of this command; not writing over it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: the folder {folder} cannot be written to")
    if path.exists() or path.is_symlink():
        if not path.is_file():
            raise OutputError(f"{path}: exists and is not a regular file; not writing over it")
        if not force and not is_output(path, kind):
            raise OutputError(
                f"{path}: exists and is not a previous {kind} file of this program; "
                "not overwriting it (--force replaces it)"
            )
    free = shutil.disk_usage(folder).free
    if free < room:
        raise OutputError(
            f"{path}: the disk has {free:,} bytes free; this output may need {room:,}"
        )
