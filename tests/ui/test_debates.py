"""The scenario's contested theses on screen: the briefing shows each question, its schools and
the one the game follows; the debrief says which school the game followed and what the other
would argue; the saved chronicle says the same."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui import scene as sc
from game.ui.catalog import game_of
from game.ui.chronicle import chronicle_markdown
from game.ui.debates import HEADING
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.dialogs import BriefingScene
from game.ui.session import Session
from tests.ui.driver import Driver
from tests.ui.shots import thesis_shots

QUESTION = "What weighed more in Japan's decision to surrender"
HASEGAWA = "Soviet entry decisive (Hasegawa)"
TRADITIONAL = "The bombs decisive (the traditional view)"
SEATS = {"ussr": "human", "japan": "historical", "usa": "historical"}


def texts(d: Driver) -> list[str]:
    """Returns the HTML of every visible text box on screen."""
    return [
        w.html_text
        for w in d.app.manager.get_sprite_group().sprites()
        if type(w).__name__ == "UITextBox" and w.visible
    ]


def briefing(d: Driver, variant: str | None, scenario: str = "august-1945") -> str:
    game = game_of(scenario, variant)
    seats = {f.id: "human" if f.index == 0 else "historical" for f in game.rules.factions}
    session = Session(game, 5, seats)
    d.app._apply(sc.Push(BriefingScene(d.app.ctx, session, 0)))
    d.frames(3)
    assert d.name == "briefing"
    (html,) = [t for t in texts(d) if "Briefing" not in t and "goals" in t]
    return html


def test_the_briefing_shows_the_debate_and_the_school_followed(driver: Driver) -> None:
    html = briefing(driver, None)
    assert HEADING in html
    assert QUESTION in html
    assert HASEGAWA in html
    assert TRADITIONAL in html
    followed = html.index("this game follows it")
    assert html.index(HASEGAWA) < followed < html.index(TRADITIONAL)
    assert "¶57]" in html
    assert driver.describe()["debates"] == {"entry_or_bombs": "hasegawa"}
    driver.key(pygame.K_RETURN)
    assert driver.name != "briefing"


def test_the_variant_briefing_marks_the_other_school(driver: Driver) -> None:
    html = briefing(driver, "bombs_decisive")
    assert html.index(TRADITIONAL) < html.index("this game follows it")
    assert driver.describe()["debates"] == {"entry_or_bombs": "bombs_decisive"}


def test_a_scenario_without_debates_shows_none(driver: Driver) -> None:
    html = briefing(driver, None, "railway-sale")
    assert HEADING not in html


def test_the_debrief_names_the_school_and_the_other_view(driver: Driver) -> None:
    session = Session(game_of("august-1945", "bombs_decisive"), 5, dict(SEATS))
    driver.app._apply(sc.Reset(DebriefScene(driver.app.ctx, session)))
    driver.frames(3)
    assert driver.name == "debrief"
    (html,) = [t for t in texts(driver) if HEADING in t]
    assert f"This game followed <b>{TRADITIONAL}</b>" in html
    assert f"<b>{HASEGAWA}</b> would argue" in html
    assert "two bombs combined" in html
    assert driver.describe()["debates"] == {"entry_or_bombs": "bombs_decisive"}


def test_the_chronicle_names_the_school_and_the_other_view() -> None:
    session = Session(game_of("august-1945"), 5, dict(SEATS))
    text = chronicle_markdown(session)
    assert "## Where historians disagree" in text
    assert f"This game follows **{HASEGAWA}**" in text
    assert f"**{TRADITIONAL}** would argue" in text


def test_the_thesis_screenshots(tmp_path: Path) -> None:
    shots = thesis_shots(tmp_path)
    assert [p.name for p in shots] == ["19-briefing-debate.png", "20-debrief-debate.png"]
    assert all(p.stat().st_size > 10_000 for p in shots)
