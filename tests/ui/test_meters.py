"""The tension meter draws its thresholds (ticks on the bar, the one reached named beside the
track) and says who raised it, from the faction's observation alone. Drawn headless on a plain
surface; the assertions read the pixels drawn and the tooltip."""

from __future__ import annotations

import dataclasses

import pygame
import pytest

from game import load_game
from game.ui.theme import ACCENT, INK, PAPER, Fonts
from game.ui.view import Meter, meters
from game.ui.widgets.meters import draw_meters, mark_xs, meter_tooltip

WIDTH = 360  # one column of meters


@pytest.fixture(scope="module", autouse=True)
def _pygame() -> None:
    pygame.init()


def tension_meter(value: int, faction: int = 0) -> Meter:
    game = load_game("railway-sale")
    rules = game.rules
    state = game.initial_state(1)
    tracks = list(state.tracks)
    tracks[rules.track_index("tension")] = value
    tracks[rules.track_index("tension_by_ussr")] = 12
    tracks[rules.track_index("tension_by_japan")] = 36
    tracks[rules.track_index("tension_share_ussr")] = 25
    tracks[rules.track_index("tension_share_japan")] = 75
    obs = game.observe(dataclasses.replace(state, tracks=tuple(tracks)), faction)
    shown = meters(rules, obs)
    assert not any("_by_" in m.track.id or "_share_" in m.track.id for m in shown)
    return next(m for m in shown if m.track.id == "tension")


def draw(meter: Meter) -> tuple[pygame.Surface, pygame.Rect, int]:
    """Draws one meter; returns the surface, the meters' rect and the font's line height."""
    surface = pygame.Surface((WIDTH + 20, 80))
    surface.fill(PAPER)
    rect = pygame.Rect(10, 10, WIDTH, 60)
    fonts = Fonts()
    draw_meters(surface, rect, [meter], fonts, (0, 114, 178))
    return surface, rect, fonts.get("sans", 12).get_linesize()


def ticks(surface: pygame.Surface, y: int) -> list[tuple[int, tuple[int, int, int]]]:
    """Returns (first x, colour) of each run of tick-coloured pixels along row `y`."""
    out: list[tuple[int, tuple[int, int, int]]] = []
    last = None
    for x in range(surface.get_width()):
        rgb = tuple(surface.get_at((x, y)))[:3]
        colour = rgb if rgb in (INK, ACCENT) else None
        if colour is not None and colour != last:
            out.append((x, colour))
        last = colour
    return out


def test_the_meter_carries_the_observations_thresholds_and_raisers() -> None:
    meter = tension_meter(70)
    assert [(m.at, m.label) for m in meter.marks] == [
        (65, "talks stop meeting"),
        (80, "the army may strike"),
        (100, "border crisis"),
    ]
    assert meter.passed is not None
    assert meter.passed.at == 65
    assert meter.raised == (("Soviet Union", 12, 25), ("Japan–Manchukuo", 36, 75))
    assert tension_meter(30).passed is None


def test_the_bar_draws_a_tick_per_threshold_reached_ones_in_the_accent() -> None:
    surface, rect, line = draw(tension_meter(70))
    found = ticks(surface, rect.top + line + 2)  # just above the bar: only ticks reach there
    assert [colour for _, colour in found] == [ACCENT, INK, INK]
    xs = [x for x, _ in found]
    # 65, 80 and 100 of a 0–100 bar that starts at the rect's left edge
    width = xs[2] - rect.left
    assert xs[0] - rect.left == pytest.approx(0.65 * width, abs=2)
    assert xs[1] - rect.left == pytest.approx(0.80 * width, abs=2)


def test_a_meter_without_thresholds_draws_no_ticks() -> None:
    meter = dataclasses.replace(tension_meter(70), marks=())
    surface, rect, line = draw(meter)
    assert ticks(surface, rect.top + line + 2) == []


def test_the_threshold_reached_is_named_beside_the_track() -> None:
    """Right of the track's name, on its line, the label of the threshold reached is written in
    the accent colour; below the first threshold nothing is."""

    def accent_right_of_name(value: int) -> int:
        meter = tension_meter(value)
        surface, rect, line = draw(meter)
        name_w = Fonts().get("sans", 12).size(meter.track.name)[0]
        return sum(
            tuple(surface.get_at((x, y)))[:3] == ACCENT
            for x in range(rect.left + name_w + 4, rect.right)
            for y in range(rect.top, rect.top + line)
        )

    assert accent_right_of_name(70) > 0
    assert accent_right_of_name(30) == 0


def test_the_tooltip_names_the_thresholds_and_who_raised_the_tension() -> None:
    tip = meter_tooltip(tension_meter(70))
    assert "Thresholds: 65 talks stop meeting (reached); 80 the army may strike; " in tip
    assert "100 border crisis." in tip
    assert "Raised so far by: Soviet Union 12 (25 %), Japan–Manchukuo 36 (75 %)" in tip


def test_mark_xs_spans_the_bar() -> None:
    bar = pygame.Rect(0, 0, 101, 7)
    assert mark_xs(bar, tension_meter(90)) == [(65, True), (80, True), (100, False)]
