"""Staged orders preview their cost in the side panel's meters (issue 15, item 1): an order
staged shows, on each meter it changes, a hatched segment from the value to the one it would
leave and `3 → 1` beside the bar; undoing it, or the turn's end, takes the preview away. Only
tracks the side sees are previewed. Driven with synthetic keys; the assertions read the meters
and the pixels of the window."""

from __future__ import annotations

import pygame

from game.ui.theme import faction_colour
from game.ui.view import Meter
from game.ui.widgets.meters import ghost, meter_tooltip
from tests.ui.driver import Driver
from tests.ui.helpers import game_scene, start_railway


def meter(d: Driver, track: str) -> tuple[pygame.Rect, Meter]:
    """Returns the hit box and the meter of a track, as the side panel drew it last."""
    return next((r, m) for r, m in game_scene(d).meter_hits if m.track.id == track)


def ghost_pixels(d: Driver, box: pygame.Rect) -> int:
    """Counts the pixels of the staged change's tint inside `box` on the window."""
    s = game_scene(d).session
    viewer = s.rules.factions[s.viewer]
    tint = ghost(faction_colour(viewer.id, viewer.index))
    screen = d.app.screen
    return sum(
        tuple(screen.get_at((x, y)))[:3] == tint
        for x in range(box.left, box.right)
        for y in range(box.top, box.bottom)
    )


def test_a_staged_order_previews_its_cost_on_the_meter_until_undone(driver: Driver) -> None:
    session = start_railway(driver)  # the Soviet Union, political capital 3
    driver.frames(2)
    box, capital = meter(driver, "ussr_capital")
    assert capital.pending is None
    assert ghost_pixels(driver, box) == 0
    reinforce = next(
        a for a in session.legal() if session.game.label(a).startswith("Reinforce the Far East")
    )
    cost = dict(session.rules.actions[reinforce.action].cost)  # type: ignore[attr-defined]
    paid = cost[session.rules.track_index("ussr_capital")]
    driver.key(pygame.K_2)  # 2. Reinforce the Far East
    assert session.staged == [reinforce]
    driver.frames(2)
    box, capital = meter(driver, "ussr_capital")
    assert capital.value == 3  # the meter still says what the side has now
    assert capital.pending == 3 - paid
    assert capital.pending_text == str(3 - paid)
    assert ghost_pixels(driver, box) > 20  # the hatched segment is drawn
    assert f"make it {3 - paid}" in meter_tooltip(capital)
    previewed = {m.track.id for _, m in game_scene(driver).meter_hits if m.pending is not None}
    assert "far_east_strength" in previewed  # the order's sure effect, not only its cost
    seen = {t for t, _ in session.observation().tracks}
    assert previewed <= seen
    driver.key(pygame.K_BACKSPACE)  # undo
    assert session.staged == []
    driver.frames(2)
    box, capital = meter(driver, "ussr_capital")
    assert capital.pending is None
    assert ghost_pixels(driver, box) == 0
    assert all(m.pending is None for _, m in game_scene(driver).meter_hits)


def test_the_preview_goes_when_the_turn_ends(driver: Driver) -> None:
    session = start_railway(driver)
    driver.key(pygame.K_2)
    assert meter(driver, "ussr_capital")[1].pending is not None
    turn = session.state.turn
    driver.key(pygame.K_RETURN)  # end the turn: the orders resolve
    driver.until(lambda: session.state.turn > turn and session.human_to_act() >= 0)
    driver.frames(2)
    assert not session.staged
    assert all(m.pending is None for _, m in game_scene(driver).meter_hits)
