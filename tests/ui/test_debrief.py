"""The debrief teaches (issue 15, item 5) and the score explains itself (item 1): every turning
point with its date, the values the player's side could not see, charts against the historical
path and history's values, the two chronicles aligned by date, a bibliography reached from any
citation, and the side panel's score hover."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
import pytest

from game.agents.base import make_agents
from game.sim.play import play
from game.ui import scene as sc
from game.ui.bibliography import (
    PROJECT_SOURCES,
    cite_html,
    cited_ids,
    scenario_sources,
    sources_markdown,
)
from game.ui.catalog import game_of
from game.ui.chronicle import turning_points
from game.ui.debrief_data import aligned_chronicles, day_text, historical_path
from game.ui.scenes import play as play_module
from game.ui.scenes.debrief import DebriefScene
from game.ui.score_words import score_explanation, score_terms
from game.ui.session import Session
from game.ui.ticks import nice_step
from game.ui.widgets.track_chart import PAR_LEGEND
from tests.ui.driver import Driver
from tests.ui.helpers import start_railway, until_human

SEED = 7
ROOT = Path(__file__).resolve().parents[2]


def _finished(scenario: str, first: str = "random", seed: int = SEED) -> Session:
    """Returns a finished game: the first side (played at the window) by `first`, the others by
    their historical agents."""
    game = game_of(scenario, None)
    seats = {f.id: (first if f.index == 0 else "historical") for f in game.rules.factions}
    record, _ = play(game, make_agents(game, seats), seed)
    return Session(
        game, seed, {**seats, game.rules.factions[0].id: "human"}, actions=record.actions
    )


def _show(d: Driver, session: Session) -> DebriefScene:
    scene = DebriefScene(d.app.ctx, session)
    d.app._apply(sc.Reset(scene))
    d.frames(2)
    return scene


def _texts(d: Driver) -> list[str]:
    return [
        str(w.html_text)
        for w in d.app.manager.get_sprite_group().sprites()
        if type(w).__name__ == "UITextBox" and w.visible
    ]


def test_every_turning_point_is_shown_with_its_date(driver: Driver) -> None:
    session = _finished("august-1945", "historical")
    points = turning_points(session, limit=1_000_000)
    assert len(points) > 10  # more than the first ten the debrief used to show
    _show(driver, session)
    described = driver.describe()
    assert described["turning_points"] == points
    (html,) = [t for t in _texts(driver) if "Turning points" in t]
    assert f"Turning points ({len(points)})" in html
    for when, _ in points:
        assert when in html
    # August 1945 has days in its calendar: the dates are days, not months.
    assert all(when[0].isdigit() for when, _ in points)


def test_the_values_the_side_could_not_see_are_revealed_with_their_names(driver: Driver) -> None:
    session = _finished("railway-sale")  # the USSR at the window
    _show(driver, session)
    hidden = driver.describe()["hidden"]
    rules = session.rules
    track = rules.tracks[rules.track_index("japan_value")]  # Japan's valuation of the line
    assert hidden["japan_value"][0] == track.name
    value = session.state.tracks[track.index] / track.scale
    assert hidden["japan_value"][1] == f"{value:g} {track.unit}"
    assert "seizure_plan" in hidden  # the army's plans
    assert "seller_value" not in hidden  # Moscow's own valuation it could see
    (html,) = [t for t in _texts(driver) if "What you could not see" in t]
    assert track.name in html
    assert "seen by Japan" in html


def test_the_emperors_threshold_is_revealed_after_august_1945(driver: Driver) -> None:
    session = _finished("august-1945", "historical")
    _show(driver, session)
    hidden = driver.describe()["hidden"]
    assert "emperor_threshold" in hidden
    assert hidden["emperor_threshold"][1] != "—"


def test_charts_draw_scores_against_par_and_figures_against_history(driver: Driver) -> None:
    session = _finished("railway-sale")
    scene = _show(driver, session)
    driver.key(pygame.K_2)
    driver.frames(2)
    assert driver.describe()["page"] == "charts"
    drawn = {c["title"]: c for c in driver.describe()["charts_drawn"]}
    assert set(drawn) == {s.title for s in scene.series}
    scores = drawn["Scores"]
    assert PAR_LEGEND in scores["legend"]
    price = drawn["Agreed price (M gold rubles)"]
    assert "history" in price["legend"]
    assert price["y_ticks"][-1] >= 67.5  # history's price is inside the axis
    for chart in drawn.values():
        ticks = chart["y_ticks"]
        step = ticks[1] - ticks[0]
        assert step == pytest.approx(nice_step(ticks[-1] - ticks[0], len(ticks) - 1))
        assert chart["x"]
        assert chart["x"][0] == "Jun 1933"
    # The historical path is the par's: same seed, historical agents, same final scores.
    path = historical_path(session.game, SEED)
    final = tuple(session.game.score(path[-1], f.index) for f in session.rules.factions)
    assert final == session.par.final()


def test_the_two_chronicles_are_aligned_by_date(driver: Driver) -> None:
    session = _finished("railway-sale")
    rows = aligned_chronicles(session)
    dates = [r.date for r in rows]
    assert dates == sorted(dates)
    assert len(set(dates)) == len(dates)
    timeline = session.rules.baseline.timeline
    assert sum(len(r.history) for r in rows) == len(timeline)
    assert any(r.game and r.history for r in rows)  # a date both chronicles tell
    scene = _show(driver, session)
    driver.key(pygame.K_3)
    driver.frames(2)
    assert driver.describe()["rows"] == len(rows)
    assert scene.table is not None
    assert scene.table.hits
    rect, cite = scene.table.hits[0]
    assert day_text(session.rules, timeline[0].date) == "26 Jun 1933"
    driver.click_at(rect.center)
    driver.frames(2)
    assert driver.name == "sources"
    assert driver.describe()["cite"] == cite
    assert driver.describe()["marked"] == cited_ids(cite)
    driver.key(pygame.K_ESCAPE)
    assert driver.name == "debrief"


def test_any_citation_link_opens_the_bibliography(driver: Driver) -> None:
    session = start_railway(driver)
    until_human(driver)
    assert "<a href='cite:" in cite_html("[001 L26]")
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_TEXT_BOX_LINK_CLICKED, {"link_target": "cite:[001 L26]; FACTS §2"}
        )
    )
    driver.frames(2)
    assert driver.name == "sources"
    described = driver.describe()
    assert described["marked"] == ["001", "FACTS"]
    assert described["scenario_sources"] == [sid for sid, _ in scenario_sources(session.rules)]
    assert "Eudin" in described["html"]
    driver.key(pygame.K_ESCAPE)
    assert driver.name == "game"


def test_the_chronicle_and_the_debrief_cite_with_links(driver: Driver) -> None:
    start_railway(driver)
    until_human(driver)
    log = driver.scene.log  # type: ignore[attr-defined]
    for _ in range(4):  # the first cited lines come with the first turns
        driver.key(pygame.K_a)
        driver.key(pygame.K_RETURN)
        until_human(driver)
    assert "<a href='cite:[" in log.html
    _show(driver, _finished("railway-sale"))
    driver.press("Sources (B)")
    assert driver.name == "sources"
    assert driver.describe()["scenario_sources"] == ["001", "000", "003", "pages"]


def test_the_sources_ship_with_the_game_and_cover_every_scenario() -> None:
    assert (ROOT / "docs" / "sources.md").read_text(encoding="utf-8") == sources_markdown()
    ids = {s.id for s in PROJECT_SOURCES}
    for scenario in ("railway-sale", "fishery-auctions", "august-1945"):
        rules = game_of(scenario, None).rules
        own = {sid for sid, _ in scenario_sources(rules)}
        assert own, scenario
        assert own - {"pages"} <= ids, scenario
    assert cited_ids("[003 ¶51]; FRUS 1933 doc. 448; Time, 5 Mar 1934") == ["003", "FRUS", "Time"]


def _hover(monkeypatch: pytest.MonkeyPatch, pos: tuple[int, int]) -> list[str]:
    """Puts the mouse at `pos` (the dummy display has no pointer) and records the tooltips."""
    shown: list[str] = []
    original: Callable[..., Any] = play_module.draw_tooltip

    def record(surface: pygame.Surface, font: Any, text: str, *args: Any) -> Any:
        shown.append(text)
        return original(surface, font, text, *args)

    monkeypatch.setattr(play_module, "draw_tooltip", record)
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: pos)
    monkeypatch.setattr(pygame.mouse, "get_focused", lambda: True)
    return shown


def test_hovering_the_score_lists_the_terms_that_make_it(
    driver: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = start_railway(driver)
    until_human(driver)
    for _ in range(6):  # a few turns, so that more than one term counts
        driver.key(pygame.K_a)
        driver.key(pygame.K_RETURN)
        until_human(driver)
    scene = driver.scene
    rect = scene.side.score_rect  # type: ignore[attr-defined]
    assert rect.width > 0
    shown = _hover(monkeypatch, rect.center)
    driver.frames(1)
    assert shown, "no tooltip over the score"
    tip = shown[-1]
    state = session.state
    terms = score_terms(session.game, state, session.viewer)
    assert tip == score_explanation(session.game, state, session.viewer)
    assert tip.startswith(f"Score {session.game.score(state, session.viewer):g}")
    assert terms
    assert sum(t.value for t in terms) == pytest.approx(session.game.score(state, session.viewer))
    for term in terms[:5]:
        assert term.label in tip
    assert "Tension" in tip
