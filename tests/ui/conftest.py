"""UI test fixtures: the real app on the dummy display, with its folders in a temporary place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.driver import Driver

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points settings and saves at a temporary folder (never the player's own), and asks for
    English whatever the machine's language (tests find buttons by their English labels)."""
    monkeypatch.setenv("AMUR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("AMUR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LANGUAGE", "en")
    return tmp_path


@pytest.fixture
def driver() -> Iterator[Driver]:
    d = Driver()
    yield d
    d.close()
