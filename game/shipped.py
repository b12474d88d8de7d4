"""Where the data that ships with the game is: the scenario files and the assets.

The repository keeps them at its top, beside the package (`scenarios/`, `assets/`), where the
designers edit them. A wheel carries a copy inside the package, `game/_data/scenarios` and
`game/_data/assets` (setup.py's `build_py` copies them at build time), found here through
`importlib.resources`. The package's own copy wins when it has one, so an installed game never
reads a folder that happens to sit beside `site-packages`; a checkout (and an editable install,
which copies nothing) has none and reads the top-level folders.

Every reader of shipped data asks `shipped_dir`; nothing else works out these paths. What the
player makes (settings, saves, chronicles) never goes here: see `game.ui.settings`.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Literal

ShippedName = Literal["scenarios", "assets"]
SHIPPED: tuple[ShippedName, ...] = ("scenarios", "assets")
"""The top-level folders of the repository that the wheel carries."""
PACKAGED = "_data"
"""The folder inside the installed package that holds the copies."""


@functools.cache
def shipped_dir(name: ShippedName) -> Path:
    """Returns the folder of shipped data `name`: the installed package's copy if it has one,
    else the checkout's top-level folder (named even when missing, so that errors name it)."""
    packaged = resources.files("game") / PACKAGED / name
    if packaged.is_dir():
        if not isinstance(packaged, Path):
            raise RuntimeError(
                f"the game reads its {name} as files, but the package is not on the file system "
                f"({packaged}): install it unpacked, as pip does"
            )
        return packaged
    return Path(__file__).resolve().parent.parent / name
