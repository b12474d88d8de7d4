"""Two commits checked out side by side, for the A/B harnesses (`bench/ab.py`,
`bench/icount.py`)."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commit_of(rev: str) -> str:
    """Returns the short hash of a revision of this repository."""
    return subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", rev],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@contextmanager
def worktrees(base: str, head: str, prefix: str) -> Iterator[dict[str, Path]]:
    """Checks out `base` and `head` into temporary git worktrees ({"base": …, "head": …}) and
    removes them afterwards, whatever happens in between."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        trees = {"base": Path(tmp) / "base", "head": Path(tmp) / "head"}
        try:
            for side, rev in (("base", base), ("head", head)):
                add = ["worktree", "add", "-q", "--detach", str(trees[side]), rev]
                subprocess.run(["git", "-C", str(ROOT), *add], check=True)
            yield trees
        finally:
            for tree in trees.values():
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                    check=False,
                    capture_output=True,
                )
