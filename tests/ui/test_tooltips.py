"""Tooltips are drawn above every widget and kept inside the window (issue 15, item 4), at
1024×700. Each kind is hovered with a synthetic mouse: the game screen's own hover texts (a
meter, the score, a region of the map beside the order cards, a lot of the fishery's table) must
leave, after the whole frame, the very pixels of their own rendering (nothing drawn later covers
them); pygame_gui's (the top bar's buttons, an order card) must sit in its top layer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pygame
import pytest
from pygame_gui.elements import UITooltip

from game.ui.settings import Settings
from game.ui.widgets.text import draw_tooltip
from tests.ui.driver import Driver
from tests.ui.helpers import choose_sides, game_scene, start_railway, until_human

SIZE = (1024, 700)


@dataclass
class Mouse:
    """The mouse as pygame reports it, moved by the test (the dummy display has none)."""

    pos: tuple[int, int] = (1, 1)


@pytest.fixture
def mouse(monkeypatch: pytest.MonkeyPatch) -> Mouse:
    m = Mouse()
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: m.pos)
    monkeypatch.setattr(pygame.mouse, "get_focused", lambda: True)
    return m


@pytest.fixture
def small() -> Iterator[Driver]:
    d = Driver(Settings(sound=False, width=SIZE[0], height=SIZE[1]))
    yield d
    d.close()


def hover(d: Driver, mouse: Mouse, pos: tuple[int, int], frames: int = 3) -> None:
    mouse.pos = pos
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0,) * 3))
    d.frames(frames)


def assert_on_top(d: Driver) -> pygame.Rect:
    """Asserts that the game screen drew a hover text, inside the window, and that the window
    shows it as drawn alone (nothing covers it); returns its box."""
    tip = game_scene(d).tip
    assert tip is not None, "no hover text"
    text, pos, box = tip
    screen = d.app.screen
    assert screen.get_rect().contains(box), (box, screen.get_size())
    alone = pygame.Surface(screen.get_size())
    alone.fill((255, 0, 255))
    assert draw_tooltip(alone, d.app.ctx.fonts.get("sans", 13), text, pos) == box
    shown = pygame.image.tobytes(screen.subsurface(box).copy(), "RGB")
    assert shown == pygame.image.tobytes(alone.subsurface(box).copy(), "RGB"), "covered"
    return box


def test_the_game_screens_hover_texts_are_on_top_and_inside(small: Driver, mouse: Mouse) -> None:
    d = small
    start_railway(d)
    d.frames(2)
    scene = game_scene(d)
    assert d.app.screen.get_size() == SIZE
    box, _meter = scene.meter_hits[0]
    hover(d, mouse, box.center)
    assert "political capital" in scene.tip[0]  # type: ignore[index]
    assert_on_top(d)
    hover(d, mouse, scene.side.score_rect.center)
    assert_on_top(d)
    # Near the window's corner, the text is moved back inside.
    hover(d, mouse, (SIZE[0] - 3, SIZE[1] - 3))
    assert scene.tip is None  # no hover text there …
    bottom = max(scene.meter_hits, key=lambda hit: hit[0].bottom)[0]
    hover(d, mouse, (bottom.right - 2, bottom.bottom - 2))
    assert_on_top(d)  # … and one at the panel's foot is lifted above the mouse
    hover(d, mouse, (1, 1))
    assert scene.tip is None


def test_a_regions_hover_text_is_on_top_of_the_order_cards(small: Driver, mouse: Mouse) -> None:
    d = small
    choose_sides(d, "The August 1945 Race", ["Human", "AI: historical", "AI: historical"], seed=7)
    until_human(d)
    scene = game_scene(d)
    d.frames(2)
    # The region nearest the map's right edge: its text spills over the order cards.
    cards = scene.orders.cards_rect  # type: ignore[union-attr]
    rect, _region = max(scene.region_hits, key=lambda hit: hit[0].right)
    hover(d, mouse, rect.center)
    box = assert_on_top(d)
    assert box.colliderect(cards), "the case that matters: a tooltip over the widgets"
    # and over the chronicle (a text box widget) from the map's lowest region
    rect, _region = max(scene.region_hits, key=lambda hit: hit[0].bottom)
    hover(d, mouse, rect.center)
    box = assert_on_top(d)


def test_the_lot_tables_hover_text_is_on_top(small: Driver, mouse: Mouse) -> None:
    d = small
    choose_sides(d, "The Fishery Auctions", ["AI: historical", "Human"], seed=7)
    until_human(d)
    scene = game_scene(d)
    d.frames(2)
    lots = scene.panel
    assert lots is not None
    box, _row = lots.hits[-1]  # type: ignore[attr-defined]
    hover(d, mouse, box.center)
    assert_on_top(d)


def widget_tip(d: Driver, mouse: Mouse, element: object) -> UITooltip:
    """Hovers a pygame_gui widget until its tooltip shows; returns the tooltip."""
    hover(d, mouse, element.rect.center, frames=90)  # type: ignore[attr-defined]
    tips = [s for s in d.app.manager.get_sprite_group().sprites() if isinstance(s, UITooltip)]
    assert len(tips) == 1
    return tips[0]


def test_widget_tooltips_are_in_the_top_layer_and_inside(small: Driver, mouse: Mouse) -> None:
    d = small
    start_railway(d)
    scene = game_scene(d)
    screen = d.app.screen.get_rect()
    cards = [button for button, _info in scene.orders.cards]  # type: ignore[union-attr]
    bar = [d.button(text) for text in ("Menu", "Help", "Save", "Briefing")]
    for element in [*bar, *cards]:
        tip = widget_tip(d, mouse, element)
        assert screen.contains(tip.rect), (tip.rect, element.text)
        own = {tip, getattr(tip, "text_block", None)}
        under = [
            s
            for s in d.app.manager.get_sprite_group().sprites()
            if s not in own and s.visible and s.rect.colliderect(tip.rect)
        ]
        assert under, "the tooltip lies over other widgets"
        higher = [(s, s.layer) for s in under if s.layer >= tip.layer]
        assert not higher, (tip.layer, higher)
        assert scene.tip is None  # the game's own hover text does not draw over it
        hover(d, mouse, (1, 1), frames=2)
