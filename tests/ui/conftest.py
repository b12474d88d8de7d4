"""UI test fixtures: the real app on the dummy display, with its folders in a temporary place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.driver import Driver

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points settings and saves at a temporary folder (never the player's own)."""
    monkeypatch.setenv("AMUR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("AMUR_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


@pytest.fixture
def driver() -> Iterator[Driver]:
    d = Driver()
    yield d
    d.close()
