"""The player's settings (kept between runs) and the folders for settings, saves and chronicles.

Settings live in `platformdirs.user_config_dir("amur")/settings.json`, saves and chronicles in
`platformdirs.user_data_dir("amur")`. `AMUR_CONFIG_DIR` and `AMUR_DATA_DIR` override both folders
(tests use them so that they never touch the player's own files).
"""

from __future__ import annotations

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


def autosave_path() -> Path:
    return data_dir() / "autosave.json"


AUTOSAVES = 3
"""How many autosaves are kept: the latest, and the two before it to fall back on."""


def autosave_paths(latest: Path | None = None) -> list[Path]:
    """Returns the autosave files, newest first (`autosave.json`, `autosave.1.json`, …)."""
    latest = latest or autosave_path()
    return [latest] + [
        latest.with_name(f"{latest.stem}.{i}{latest.suffix}") for i in range(1, AUTOSAVES)
    ]


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
        if isinstance(default, bool):
            out[key] = value if isinstance(value, bool) else default
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and 200 <= value <= 10_000
            out[key] = value if ok else default
        elif isinstance(default, float):
            ok = isinstance(value, int | float) and 0.5 <= float(value) <= 3.0
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
