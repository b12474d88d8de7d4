"""High contrast everywhere (issue 15, item 7): with the high-contrast theme on, every scene draws
every text at a contrast of at least 7:1 (WCAG AAA) against what lies under it; a disabled
widget's text at least 4.5:1. Measured by `tests.ui.contrast` on one frame of each scene (the
scenes of the layout test, and the load list, pause menu, save dialog, sources, hot-seat cover,
and the game screen with a hover text and an order staged)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pygame
import pytest

from game.ui import scene as sc
from game.ui.saves import save_game
from game.ui.scenes import menu
from game.ui.scenes.dialogs import CoverScene, PauseScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.play import GameScene
from game.ui.scenes.save_dialog import SaveScene
from game.ui.scenes.sources import SourcesScene
from game.ui.settings import Settings, saves_dir
from game.ui.theme import HIGH_CONTRAST, use_palette
from game.ui.widgets import text as text_module
from tests.ui import test_layout as layout
from tests.ui.contrast import AAA, ContrastRecorder, Low, ratio, widget_lows
from tests.ui.driver import Driver


def load(ctx: sc.Context) -> sc.Scene:
    save_game(layout.railway())
    (saves_dir() / "foreign.json").write_text('{"game": "chess"}', "utf-8")
    scene = LoadScene(ctx)
    scene.selected = 1
    return scene


def hovered(ctx: sc.Context) -> sc.Scene:
    """The railway sale with an order staged, the mouse over the first meter."""
    session = layout.railway()
    session.give(next(a for a in session.legal() if a.kind == "do"))
    scene = layout.game_screen(lambda: session)(ctx)
    assert isinstance(scene, GameScene)
    return scene


EXTRA: dict[str, Callable[[sc.Context], sc.Scene]] = {
    "load": load,
    "pause": PauseScene,
    "save": lambda ctx: SaveScene(ctx, layout.railway()),
    "sources": lambda ctx: SourcesScene(ctx, layout.railway().rules),
    "cover": lambda ctx: CoverScene(ctx, layout.railway(), 1),
    "game-hover-staged": hovered,
}
SCENES = {**layout.SCENES, **EXTRA}


@pytest.fixture(scope="module")
def window() -> Iterator[Driver]:
    d = Driver(Settings(sound=False, high_contrast=True))
    yield d
    d.close()
    use_palette(high_contrast=False)


def frame(d: Driver, scene: sc.Scene) -> tuple[list[Low], int]:
    """Shows `scene` (over the main menu if it is a dialog), draws one frame while measuring;
    returns the texts too faint and how many texts were measured."""
    recorder = ContrastRecorder()
    if scene.opaque:
        d.app._apply(sc.Reset(scene))
    else:
        d.app._apply(sc.Reset(MainMenu(d.app.ctx)))
        d.app._apply(sc.Push(scene))
    pygame.mouse.set_pos((1, 1))
    d.frames(3)
    if isinstance(scene, GameScene) and scene.meter_hits:
        where = scene.meter_hits[0][0].center
        get_pos, focused = pygame.mouse.get_pos, pygame.mouse.get_focused
        pygame.mouse.get_pos, pygame.mouse.get_focused = (lambda: where), (lambda: True)
        try:
            with recorder.recording():
                d.app.draw()
        finally:
            pygame.mouse.get_pos, pygame.mouse.get_focused = get_pos, focused
    else:
        with recorder.recording():
            d.app.draw()
    lows, counted = widget_lows(d.app.manager, d.app.screen)
    return recorder.low + lows, recorder.measured + counted


@pytest.mark.parametrize("name", list(SCENES))
def test_every_text_has_a_high_contrast(window: Driver, name: str) -> None:
    assert window.app.settings.high_contrast
    low, measured = frame(window, SCENES[name](window.app.ctx))
    assert measured >= 2, "the check measured next to nothing"
    assert not low, "\n".join(sorted({str(x) for x in low}))


def test_the_check_finds_faint_text() -> None:
    assert ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert ratio((90, 74, 58), (239, 230, 208)) < AAA  # the normal palette's soft ink
    surface = pygame.Surface((200, 40))
    surface.fill((255, 255, 255))
    recorder = ContrastRecorder()
    pygame.font.init()
    font = pygame.font.Font(None, 20)
    with recorder.recording():
        menu.blit_text(surface, font, "faint", (4, 4), (150, 150, 150))  # type: ignore[attr-defined]
        menu.blit_text(surface, font, "black", (4, 20), (0, 0, 0))  # type: ignore[attr-defined]
    assert recorder.measured == 2
    assert [(x.text, x.ground) for x in recorder.low] == [((150, 150, 150), (255, 255, 255))]
    assert menu.blit_text is text_module.blit_text  # put back


TEXT_COLOURS = ("INK", "INK_SOFT", "ACCENT", "ACCENT_DARK", "GOOD", "BAD", "GOLD", "RIVER")
PAPERS = ("PAPER", "PAPER_DARK", "PAPER_LIGHT", "LAND")


@pytest.mark.parametrize("ink", TEXT_COLOURS)
def test_the_high_contrast_palettes_text_colours_read_on_every_paper(ink: str) -> None:
    """Also what the frames above do not measure: the map's own labels (ink on land and sea,
    water's names in the river's colour on the sea)."""
    for paper in PAPERS:
        assert ratio(HIGH_CONTRAST[ink], HIGH_CONTRAST[paper]) >= AAA, (ink, paper)
    if ink in ("INK", "RIVER"):
        assert ratio(HIGH_CONTRAST[ink], HIGH_CONTRAST["SEA"]) >= AAA
