"""`bench/icount.py` (instructions executed, A/B; run by hand, needs Valgrind): its worker still
plays and names the state it reached, and its report flags different games. Valgrind itself is
not run here (a counted run is about 40 times slower)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _icount(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    return importlib.import_module("icount")


def _worker(module: ModuleType, moves: int) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED="0")
    cmd = [sys.executable, "-c", module.WORKER, "railway-sale", str(moves)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_the_worker_stops_after_its_moves_and_names_the_state(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    icount = _icount(monkeypatch)
    file, start = _worker(icount, 0)
    assert file.startswith(str(ROOT / "game"))
    assert start == "start"
    _, after_two = _worker(icount, 2)
    _, after_three = _worker(icount, 3)
    assert len(after_two) == len(after_three) == 64  # a state hash (SHA-256, hex)
    assert after_two != after_three
    assert _worker(icount, 3)[1] == after_three  # the same moves every run


def test_the_report_gives_ratios_and_flags_different_games(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    icount = _icount(monkeypatch)
    rows = [("railway-sale", 1_000, 865, True), ("august-1945", 2_000, 2_100, False)]
    text = icount.report("aaaa", "bbbb", 30, rows)
    assert "| railway-sale | 1,000 | 865 | 0.865 | yes |" in text
    assert "| august-1945 | 2,000 | 2,100 | 1.050 | **no** |" in text
    assert "--base aaaa --head bbbb --moves 30" in text
    assert icount.COLLECTED.search("==1== Collected : 12345\n").group(1) == "12345"
