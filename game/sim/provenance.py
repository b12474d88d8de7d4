"""Where a measured run's figures came from, kept in its JSON so that a test can tell whether
they still describe the game: the SHA-256 of every scenario and variant file it read, and the
state hashes of its first games (`SPOT`), which the same code replays to the same states."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from game.scenario.loader import digest

SPOT = 3
"""Games of each run whose state hashes a report keeps."""


def digests(paths: Iterable[Path]) -> dict[str, str]:
    """Returns file name → SHA-256 of the files a run read."""
    return {p.name: digest(p) for p in paths}


def spot(results: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """Returns [game, seed, state hash] of a run's first `SPOT` games."""
    return [[r["game"], r["seed"], r["state_hash"]] for r in results[:SPOT]]
