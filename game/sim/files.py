"""Writing files safely: a temporary file in the same folder, flushed, then renamed."""

from __future__ import annotations

import glob
import os
import tempfile
import time
from pathlib import Path


def default_file_mode() -> int:
    """Returns the mode a plain new file gets (mkstemp's files are private, 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


STALE_SECONDS = 600
"""A temporary file of a write this old was left by a killed process (a write takes far less)."""


def clean_stale(path: Path) -> None:
    """Removes the temporary files that killed writes of `path` left beside it."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        leftovers = list(folder.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return
    now = time.time()  # noqa: TID251 - file ages are wall-clock facts, not game rules
    for tmp in leftovers:
        try:
            if tmp.is_file() and now - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
        except OSError:
            continue


def write_atomic(path: Path, text: str) -> None:
    """Writes `text` to `path` so that a crash never leaves half a file or damages the old one
    (and removes what earlier killed writes of it left)."""
    path = Path(path)
    clean_stale(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, default_file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
