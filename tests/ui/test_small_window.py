"""The smallest window with large text, 1024×700 at 130 % (issue 15, item 4): what does not fit
scrolls a whole block at a time (`BlockColumn`), so nothing is cut at its edge and nothing is
dropped: every block can be reached with PageDown or the wheel, and a marker says what is above
and below. The debrief's first page's left column (scores, levels, par, distance, key figures) and
the scenario panel of "Choose a scenario" (title, period, summary, sides, details) do so; the
set-up screen's variants page; a message too long for the top bar is shown whole under it."""

from __future__ import annotations

import pygame

from game.ui import scene as sc
from game.ui.chronicle import figure_rows
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.play import GameScene
from game.ui.scenes.setup import SetupScene
from game.ui.settings import Settings
from game.ui.widgets.block_column import Block, BlockColumn
from tests.ui.driver import Driver
from tests.ui.layout import Recorder
from tests.ui.test_debrief import _finished
from tests.ui.test_layout import game_screen, railway

SMALL = Settings(width=1024, height=700, ui_scale=1.3, sound=False)


def _column(d: Driver) -> dict[str, object]:
    column: dict[str, object] = d.describe()["column"]
    return column


def test_every_block_of_the_left_column_is_reached_by_paging_and_the_wheel() -> None:
    d = Driver(SMALL)
    try:
        session = _finished("railway-sale")
        d.app._apply(sc.Reset(DebriefScene(d.app.ctx, session)))
        d.frames(2)
        column = _column(d)
        keys = column["blocks"]
        assert isinstance(keys, list)
        assert keys[-1] == f"figure:{figure_rows(session)[-1][0]}"  # the last key figure
        assert column["first"] == 0
        seen = list(column["shown"])  # type: ignore[call-overload]
        assert len(seen) < len(keys)  # the window is too short for all: it scrolls
        for _ in range(len(keys)):
            d.key(pygame.K_PAGEDOWN)
            seen += _column(d)["shown"]  # type: ignore[arg-type]
        assert set(seen) == set(keys)  # nothing dropped
        assert _column(d)["shown"][-1] == keys[-1]  # type: ignore[index]
        end = _column(d)["first"]
        d.key(pygame.K_PAGEDOWN)
        assert _column(d)["first"] == end  # the end stops it
        d.key(pygame.K_PAGEUP)
        assert _column(d)["first"] < end  # type: ignore[operator]
        for _ in range(len(keys)):
            d.key(pygame.K_PAGEUP)
        assert _column(d)["first"] == 0
        # The wheel over the column scrolls it a block at a time; elsewhere it does not.
        scene = d.app.top
        assert isinstance(scene, DebriefScene)
        pygame.mouse.set_pos(scene._layout()["scores"].center)
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        d.frames(2)
        assert _column(d)["first"] == 1
        pygame.mouse.set_pos((d.app.screen.get_width() - 5, 5))
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        d.frames(2)
        assert _column(d)["first"] == 1
    finally:
        d.close()


def test_the_column_does_not_scroll_where_everything_fits(driver: Driver) -> None:
    session = _finished("railway-sale")
    driver.app._apply(sc.Reset(DebriefScene(driver.app.ctx, session)))
    driver.frames(2)
    column = _column(driver)
    assert column["shown"] == column["blocks"]
    driver.key(pygame.K_PAGEDOWN)
    assert _column(driver)["first"] == 0


def test_a_block_is_drawn_whole_inside_the_column_or_not_at_all() -> None:
    drawn: list[tuple[str, int, int]] = []

    def block(key: str, height: int) -> Block:
        return Block(key, height, lambda _s, y: drawn.append((key, y, y + height)))

    pygame.font.init()
    font = pygame.font.Font(None, 20)
    marker = font.get_linesize()
    blocks = [block(f"b{i}", h) for i, h in enumerate((30, 50, 40, 60, 30, 45, 25))]
    rect = pygame.Rect(0, 100, 200, 130)
    surface = pygame.Surface((300, 400))
    column = BlockColumn()
    reached: set[str] = set()
    for _ in range(len(blocks) + 2):
        drawn.clear()
        column.draw(surface, rect, blocks, font)
        top = rect.top + (marker if column.first > 0 else 0)
        more = column.first + len(column.shown) < len(blocks)
        bottom = rect.bottom - (marker if more else 0)
        assert drawn, "every scroll place shows a block"
        for _key, y0, y1 in drawn:
            assert top <= y0, (column.first, drawn)
            assert y1 <= bottom, (column.first, drawn)
        reached.update(k for k, _y0, _y1 in drawn)
        column.scroll(column.page)
    assert reached == {b.key for b in blocks}
    assert column.shown[-1] == "b6"


def test_the_scenario_panel_scrolls_to_its_details() -> None:
    d = Driver(SMALL)
    try:
        d.press("New game")
        assert d.name == "scenarios"
        panel = d.describe()["panel"]
        assert panel["shown"][0] == "title"
        assert "detail:2" not in panel["shown"]  # the difficulty is below: too little room
        d.key(pygame.K_PAGEDOWN)
        panel = d.describe()["panel"]
        assert panel["first"] > 0
        assert panel["shown"][-1] == "detail:2"
        d.key(pygame.K_DOWN)  # another scenario: its panel from the top
        assert d.describe()["panel"]["first"] == 0
    finally:
        d.close()


def test_the_variants_page_and_every_one_can_be_chosen() -> None:
    d = Driver(SMALL)
    try:
        d.app._apply(sc.Reset(SetupScene(d.app.ctx, "august-1945", seed=7)))
        d.frames(2)
        described = d.describe()
        titles = described["variants"]
        shown = described["variants_shown"]
        assert 0 < len(shown) < len(titles)  # ten variants do not fit: they page
        scene = d.app.top
        assert isinstance(scene, SetupScene)
        assert scene.variant_box.visible  # and what the chosen one changes is still said
        reached = set(shown)
        for _ in range(len(titles)):
            d.key(pygame.K_PAGEDOWN)
            reached.update(d.describe()["variants_shown"])
        assert reached == set(range(len(titles)))
        last = titles[-1]
        d.press(last[:20])  # a button on the last page chooses its variant
        assert d.describe()["variant_text"] == scene.variants[len(titles) - 1][2]
        before = min(d.describe()["variants_shown"])
        d.press("▲")
        assert min(d.describe()["variants_shown"]) < before  # a page back
        assert d.describe()["variant_text"] == scene.variants[len(titles) - 1][2]  # kept
    finally:
        d.close()


def test_a_message_too_long_for_the_top_bar_is_shown_whole_under_it() -> None:
    d = Driver(SMALL)
    try:
        scene = game_screen(railway)(d.app.ctx)
        assert isinstance(scene, GameScene)
        d.app._apply(sc.Reset(scene))
        d.frames(2)
        text = "Japan–Manchukuo's AI plays its best move so far"
        scene.flash = (text, scene.clock + 1000)
        recorder = Recorder()
        recorder.screen = d.app.screen
        with recorder.recording():
            d.app.draw()
        (drawn,) = [t for t in recorder.drawn if t.text == text]  # whole, in one piece
        assert text not in recorder.cuts
        bar = scene._layout()["bar"]
        assert drawn.rect.top >= bar.bottom  # under the bar: beside the turn it had 60 px
        assert d.app.screen.get_rect().contains(drawn.box)
    finally:
        d.close()
