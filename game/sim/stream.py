"""Results written as each game finishes, so that a killed run keeps every finished game, and
`--resume` continues it without repeating or losing one.

JSONL lines and CSV rows are the same as a whole run writes at once (a finished run's file is
byte for byte what it always was); each is flushed when its game finishes. A run killed while
writing leaves at most a half line, which resuming cuts off. Only JSONL can be resumed: its
lines hold the games' results whole (CSV flattens them).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from game.sim.outputs import OutputError


def jsonl_line(result: Mapping[str, Any]) -> str:
    """Returns a result as its JSONL line (finite numbers only: standard JSON)."""
    return json.dumps(result, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def flatten(result: Mapping[str, Any]) -> dict[str, Any]:
    """Returns a result with its nested fields as `scores.ussr` columns (for CSV)."""
    flat: dict[str, Any] = {}
    for key, value in result.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    return flat


class ResultsFile:
    """An output file of `simulate`, written line by line (`.jsonl` or `.csv`)."""

    def __init__(self, path: Path, *, append: bool = False) -> None:
        self.path = path
        self.csv = path.suffix == ".csv"
        self._columns: list[str] | None = None
        self._handle: IO[str] = path.open("a" if append else "w", encoding="utf-8", newline="")

    def write(self, result: Mapping[str, Any]) -> None:
        """Adds one game's result and flushes it to the file."""
        if self.csv:
            row = flatten(result)
            buffer = io.StringIO()
            if self._columns is None:
                self._columns = list(row)
                header = csv.DictWriter(buffer, fieldnames=self._columns, lineterminator="\n")
                header.writeheader()
            csv.DictWriter(buffer, fieldnames=self._columns, lineterminator="\n").writerow(row)
            self._handle.write(buffer.getvalue())
        else:
            self._handle.write(jsonl_line(result))
        self._handle.flush()

    def close(self) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()


def finished_games(
    path: Path, expected: Callable[[int], Mapping[str, Any]], total: int
) -> list[dict[str, Any]]:
    """Returns the results a killed run left in `path` (its first lines, in order), after cutting
    off a half-written last line; OutputError if the file is from another run or cannot be
    resumed. `expected(i)` gives the fields line i must hold (its scenario, variant, agents, game
    number, seed, …) in a run of `total` lines."""
    if path.suffix != ".jsonl":
        raise OutputError(f"{path}: only a .jsonl results file can be resumed")
    raw = path.read_bytes()
    whole = raw[: raw.rfind(b"\n") + 1]
    if len(whole) != len(raw):
        with path.open("r+b") as handle:  # the line being written when the run was killed
            handle.truncate(len(whole))
    out: list[dict[str, Any]] = []
    for i, line in enumerate(whole.decode("utf-8").splitlines()):
        try:
            result = json.loads(line)
        except ValueError:
            raise OutputError(f"{path}: line {i + 1} is not a result; not resuming") from None
        want = expected(i) if i < total else None
        if (
            want is None
            or not isinstance(result, dict)
            or any(result.get(k) != v for k, v in want.items())
        ):
            raise OutputError(
                f"{path}: line {i + 1} is from another run (scenario, variant, agents, seed "
                "or number of games differ); not resuming"
            )
        out.append(result)
    return out
