"""The player's settings (kept between runs) and the folders for settings, saves and chronicles.

Settings live in `platformdirs.user_config_dir("amur")/settings.json`, saves and chronicles in
`platformdirs.user_data_dir("amur")`. `AMUR_CONFIG_DIR` and `AMUR_DATA_DIR` override both folders
(tests use them so that they never touch the player's own files).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import platformdirs

from game.scenario.reading import parse_json, read_text
from game.sim.files import write_atomic

MAX_SETTINGS_BYTES = 64 << 10
"""A settings file is a few hundred bytes; a larger one is not ours (it falls back to the
defaults)."""

WINDOW_SIZES: tuple[tuple[int, int], ...] = (
    (1024, 700),
    (1280, 800),
    (1440, 900),
    (1600, 1000),
    (1920, 1080),
)
"""Window sizes offered in the settings screen (the window can also be resized freely)."""
UI_SCALES: tuple[float, ...] = (0.85, 1.0, 1.15, 1.3, 1.5)
"""Text and widget scales offered in the settings screen."""
VOLUMES: tuple[float, ...] = (0.2, 0.4, 0.6, 0.8, 1.0)
"""Volumes offered in the settings screen (besides sound off)."""
MIN_SIZE = (960, 640)
"""The smallest window the layout is designed for."""


def config_dir() -> Path:
    """Returns the folder of the settings file."""
    override = os.environ.get("AMUR_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("amur"))


def data_dir() -> Path:
    """Returns the folder of saves, the autosave and chronicles."""
    override = os.environ.get("AMUR_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("amur"))


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosaves_dir() -> Path:
    """Returns the folder of the autosaves: one file per game, the newest `AUTOSAVES` kept."""
    return data_dir() / "autosaves"


AUTOSAVES = 3
"""How many autosaves are kept: those of the last three games played (one file per game)."""


def autosave_path() -> Path:
    """Returns a new autosave file for a game starting now (its name is the time, to the
    microsecond, so that files sort by age and two games never share one)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return autosaves_dir() / f"autosave-{stamp}.json"


def _age(path: Path) -> tuple[float, str]:
    try:
        return (path.stat().st_mtime, path.name)
    except OSError:  # gone since it was listed
        return (0.0, path.name)


def autosave_paths() -> list[Path]:
    """Returns the autosave files, newest first: those of the autosaves folder, then an
    `autosave*.json` left in the data folder by an earlier version of the game."""
    found: list[Path] = []
    for folder, pattern in ((autosaves_dir(), "*.json"), (data_dir(), "autosave*.json")):
        try:
            found += sorted((p for p in folder.glob(pattern) if p.is_file()), key=_age)[::-1]
        except OSError:
            continue
    return found


def is_autosave(path: Path) -> bool:
    """True for a file of the autosaves folder (a game opened from it goes on saving there)."""
    return path.parent == autosaves_dir()


def prune_autosaves(folder: Path, keep: Path) -> list[Path]:
    """Deletes the autosaves of `folder` beyond the newest `AUTOSAVES` (never `keep`, the one
    just written, nor any file that is not an autosave); returns those deleted."""
    older = sorted((p for p in folder.glob("autosave-*.json") if p != keep), key=_age)[::-1]
    gone = []
    for path in older[AUTOSAVES - 1 :]:
        try:
            path.unlink()
            gone.append(path)
        except OSError:  # already gone, or read-only: kept, never an error while playing
            continue
    return gone


def chronicles_dir() -> Path:
    return data_dir() / "chronicles"


@dataclass(frozen=True, slots=True)
class Settings:
    """What the player chose in the settings screen."""

    width: int = 1280
    height: int = 800
    fullscreen: bool = False
    ui_scale: float = 1.0
    sound: bool = True
    volume: float = 0.8
    """Loudness of the sounds, 0 to 1 (0 is silence, as `sound` off is)."""
    high_contrast: bool = False
    """Black on white with strong borders and a yellow keyboard focus (`game.ui.theme`)."""
    language: str = ""
    """The window's language (`game.ui.i18n`): empty for the environment's, else English."""
    ask_why: bool = False
    """Ask the human player "why?" at key decisions (a teacher's switch for hot-seat play;
    `game.ui.why`): the answer is kept in the save and printed by `main.py chronicle`."""

    @property
    def loudness(self) -> float:
        """Returns the volume the sounds play at: 0 with sound off."""
        return self.volume if self.sound else 0.0

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    def with_size(self, size: tuple[int, int]) -> Settings:
        """Returns these settings with a window size no smaller than the layout's minimum."""
        return replace(self, width=max(MIN_SIZE[0], size[0]), height=max(MIN_SIZE[1], size[1]))


def _clean(data: Any) -> Settings:
    """Returns settings from a parsed file, keeping the defaults for anything odd in it."""
    base = Settings()
    if not isinstance(data, dict):
        return base
    out = asdict(base)
    for key, default in asdict(base).items():
        value = data.get(key, default)
        if isinstance(default, str):
            ok = isinstance(value, str) and len(value) <= 20 and value.replace("_", "").isalnum()
            out[key] = value if ok or value == "" else default
        elif isinstance(default, bool):
            out[key] = value if isinstance(value, bool) else default
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and 200 <= value <= 10_000
            out[key] = value if ok else default
        elif isinstance(default, float):
            low = 0.0 if key == "volume" else 0.5
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            ok = ok and low <= float(value) <= (1.0 if key == "volume" else 3.0)
            out[key] = float(value) if ok else default
    return Settings(**out).with_size((out["width"], out["height"]))


def load_settings(path: Path | None = None) -> Settings:
    """Returns the saved settings, or the defaults if there are none or the file is damaged."""
    path = path or config_dir() / "settings.json"
    try:
        return _clean(parse_json(read_text(path, MAX_SETTINGS_BYTES), str(path)))
    except (OSError, ValueError):  # ScenarioError is a ValueError
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Writes the settings atomically; returns the file written."""
    path = path or config_dir() / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(asdict(settings), indent=1))
    return path
