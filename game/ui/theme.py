"""The look: palette, faction colours, fonts, and the pygame_gui theme (assets/theme.json).

A 1930s paper-and-ink palette: parchment panels, dark ink, oxblood headings. Faction colours
come from the Okabe–Ito set, which stays distinguishable under the common colour-blindnesses.
"""

from __future__ import annotations

import copy
import json
import sys
import warnings
from functools import cache
from typing import Any

import pygame

from game.shipped import shipped_dir

ASSETS = shipped_dir("assets")
"""The assets folder (`game.shipped`): fonts (with licence), the widget theme, the base map."""
FONTS = ASSETS / "fonts"

Colour = tuple[int, int, int]

PAPER: Colour = (239, 230, 208)
PAPER_DARK: Colour = (230, 219, 191)
PAPER_LIGHT: Colour = (246, 240, 226)
INK: Colour = (43, 33, 24)
INK_SOFT: Colour = (90, 74, 58)
RULE: Colour = (140, 122, 91)
ACCENT: Colour = (142, 42, 30)
ACCENT_DARK: Colour = (94, 26, 18)
GOLD: Colour = (184, 134, 11)
SEA: Colour = (196, 212, 210)
SEA_DEEP: Colour = (170, 192, 192)
LAND: Colour = (233, 222, 190)
COAST: Colour = (96, 110, 104)
RIVER: Colour = (110, 150, 170)
BORDER: Colour = (150, 90, 80)
GOOD: Colour = (0, 114, 178)
"""Okabe–Ito blue: a good outcome or a success chance."""
BAD: Colour = (213, 94, 0)
"""Okabe–Ito vermillion: a warning."""
FOCUS: Colour = (0, 114, 178)
"""The ring around the widget that has the keyboard (`game.ui.focus`)."""

OKABE_ITO: tuple[Colour, ...] = (
    (213, 94, 0),  # vermillion
    (0, 114, 178),  # blue
    (0, 158, 115),  # bluish green
    (230, 159, 0),  # orange
    (204, 121, 167),  # reddish purple
    (86, 180, 233),  # sky blue
    (240, 228, 66),  # yellow
    (60, 60, 60),  # near black
)
_BY_ID: dict[str, Colour] = {
    "ussr": OKABE_ITO[0],
    "soviet": OKABE_ITO[0],
    "japan": OKABE_ITO[1],
    "usa": OKABE_ITO[2],
    "us": OKABE_ITO[2],
    "china": OKABE_ITO[3],
    "manchukuo": OKABE_ITO[4],
    "uk": OKABE_ITO[5],
}


PALETTE_NAMES = (
    "PAPER", "PAPER_DARK", "PAPER_LIGHT", "INK", "INK_SOFT", "RULE", "ACCENT", "ACCENT_DARK",
    "GOLD", "SEA", "SEA_DEEP", "LAND", "COAST", "RIVER", "BORDER", "GOOD", "BAD", "FOCUS",
)  # fmt: skip
"""The colours a palette sets (module constants of this module)."""

HIGH_CONTRAST: dict[str, Colour] = {
    "PAPER": (255, 255, 255),
    "PAPER_DARK": (236, 236, 236),
    "PAPER_LIGHT": (255, 255, 255),
    "INK": (0, 0, 0),
    "INK_SOFT": (30, 30, 30),
    "RULE": (0, 0, 0),
    "ACCENT": (122, 0, 0),
    "ACCENT_DARK": (80, 0, 0),
    "GOLD": (110, 70, 0),
    "SEA": (160, 205, 235),
    "SEA_DEEP": (110, 170, 215),
    "LAND": (255, 255, 240),
    "COAST": (0, 0, 0),
    "RIVER": (0, 35, 115),  # water's names on the sea at 8:1
    "BORDER": (122, 0, 0),
    "GOOD": (0, 70, 150),
    "BAD": (130, 36, 0),
    "FOCUS": (0, 0, 230),
}
"""The high-contrast palette: black ink on white (21:1), the accent dark red (over 10:1); every
colour used for text reads at 7:1 or more on every paper (`tests/ui/test_contrast.py`)."""

_NORMAL: dict[str, Colour] = {name: globals()[name] for name in PALETTE_NAMES}


def use_palette(*, high_contrast: bool) -> bool:
    """Switches the drawing palette; returns True if it changed.

    The window's modules import the colours by name (`from game.ui.theme import INK`), as
    constants read when drawing. Switching rebinds each such name, in this module and in every
    loaded `game.ui` module that holds the colour object now in use, so that drawing code keeps
    its plain constants.
    """
    wanted = HIGH_CONTRAST if high_contrast else _NORMAL
    here = sys.modules[__name__]
    now = {name: getattr(here, name) for name in PALETTE_NAMES}
    if all(now[name] == wanted[name] for name in PALETTE_NAMES):
        return False
    for module in [m for k, m in sys.modules.items() if k.startswith("game.ui") and m]:
        for name in PALETTE_NAMES:
            if getattr(module, name, None) is now[name]:
                setattr(module, name, wanted[name])
    return True


def is_high_contrast() -> bool:
    """True while the high-contrast palette is in use (`use_palette`)."""
    return HIGH_CONTRAST["PAPER"] == PAPER


def _luminance(colour: Colour) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Colour, b: Colour) -> float:
    """Returns WCAG's contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


HIGH_CONTRAST_TEXT = 7.0
"""The contrast every text reaches in high contrast (WCAG AAA)."""


def legible(colour: Colour, ground: Colour | None = None) -> Colour:
    """Returns `colour` for text on `ground` (default: the paper): as it is in the normal
    palette; in high contrast, darkened until it reads at 7:1 (a faction's colour as a name)."""
    if not is_high_contrast():
        return colour
    ground = PAPER if ground is None else ground
    r, g, b = colour
    while contrast((r, g, b), ground) < HIGH_CONTRAST_TEXT and (r or g or b):
        r, g, b = (int(c * 0.85) for c in (r, g, b))
    return (r, g, b)


def html_colour(hex_colour: str) -> str:
    """Returns a colour for a text box's HTML (`#6B5A48`), made `legible` on white in high
    contrast (text boxes are white there)."""
    rgb = pygame.Color(hex_colour)
    r, g, b = legible((rgb.r, rgb.g, rgb.b), (255, 255, 255))
    return f"#{r:02X}{g:02X}{b:02X}"


def faction_colour(faction_id: str, index: int) -> Colour:
    """Returns a faction's colour: a fixed one for the usual powers, else by its index."""
    return _BY_ID.get(faction_id, OKABE_ITO[index % len(OKABE_ITO)])


def text_on(colour: Colour) -> Colour:
    """Returns ink or paper, whichever reads better on `colour`."""
    r, g, b = colour
    return INK if 0.299 * r + 0.587 * g + 0.114 * b > 150 else PAPER_LIGHT


FONT_FILES: dict[str, str] = {
    "sans": "DejaVuSans.ttf",
    "sans_bold": "DejaVuSans-Bold.ttf",
    "sans_italic": "DejaVuSans-Oblique.ttf",
    "serif": "DejaVuSerif.ttf",
    "serif_bold": "DejaVuSerif-Bold.ttf",
    "serif_italic": "DejaVuSerif-Italic.ttf",
}


class Fonts:
    """pygame fonts by kind and size, scaled by the UI scale and cached."""

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self._cache: dict[tuple[str, int], pygame.font.Font] = {}

    def get(self, kind: str, size: int) -> pygame.font.Font:
        px = max(8, round(size * self.scale))
        key = (kind, px)
        font = self._cache.get(key)
        if font is None:
            path = FONTS / FONT_FILES.get(kind, FONT_FILES["sans"])
            font = pygame.font.Font(str(path) if path.exists() else None, px)
            self._cache[key] = font
        return font


@cache
def _raw_theme(name: str = "theme.json") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ASSETS / name).read_text(encoding="utf-8"))
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Returns `base` with `over`'s entries laid over it, block by block (in place)."""
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def _adjust(node: Any, scale: float) -> Any:
    """Resolves font paths against the assets folder and scales sizes (in place)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_path") and isinstance(value, str):
                node[key] = str(ASSETS / value)
            elif key in {"size", "list_item_height", "rect_width"} and isinstance(value, str):
                node[key] = str(max(8, round(int(value) * scale)))
            else:
                _adjust(value, scale)
    return node


def gui_theme(scale: float = 1.0, *, high_contrast: bool = False) -> dict[str, Any]:
    """Returns the pygame_gui theme with absolute font paths and sizes scaled by `scale`; in
    high contrast, with `theme_high_contrast.json` laid over it (colours and borders only)."""
    data = copy.deepcopy(_raw_theme())
    if high_contrast:
        _merge(data, _raw_theme("theme_high_contrast.json"))
    # A choice whose label is too long for its button at this text size (a variant's title at
    # 1024 × 700 and 130 %): the same button, its label a size smaller rather than cut.
    small = copy.deepcopy(data.get("#seat", {}))
    small["font"] = {**data["button"]["font"], "size": "12"}
    data["#seat_small"] = small
    return dict(_adjust(data, scale))


def register_fonts(manager: Any, scale: float = 1.0) -> None:
    """Tells pygame_gui where our fonts are and preloads the sizes the theme uses."""
    manager.add_font_paths(
        "sans",
        str(FONTS / FONT_FILES["sans"]),
        str(FONTS / FONT_FILES["sans_bold"]),
        str(FONTS / FONT_FILES["sans_italic"]),
        str(FONTS / FONT_FILES["sans_bold"]),
    )
    manager.add_font_paths(
        "serif",
        str(FONTS / FONT_FILES["serif"]),
        str(FONTS / FONT_FILES["serif_bold"]),
        str(FONTS / FONT_FILES["serif_italic"]),
        str(FONTS / "DejaVuSerif-BoldItalic.ttf"),
    )
    wanted = []
    for name, sizes in (("sans", (13, 14, 15, 16)), ("serif", (13, 14, 15, 16, 19, 20, 44))):
        for size in sizes:
            for style in ("regular", "bold", "italic"):
                wanted.append(
                    {"name": name, "point_size": max(8, round(size * scale)), "style": style}
                )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        manager.preload_fonts(wanted)
