"""The governments' aims on screen (issue 14 item 1): the briefing shows what each side's
government wanted, would not accept and paid for waiting, its own first."""

from __future__ import annotations

from game.ui.personas import HEADING
from tests.ui.driver import Driver
from tests.ui.test_debates import briefing


def test_the_briefing_shows_each_governments_aims_its_own_first(driver: Driver) -> None:
    html = briefing(driver, None, "railway-sale")
    assert HEADING in html
    own = html.index("Soviet Union (you):")
    other = html.index("Japan–Manchukuo:")
    assert own < other
    assert "Moscow wanted to sell a railway it could not defend" in html
    assert "Will not accept: a war over the railway" in html
    assert "Waiting costs it:" in html
    aims = driver.describe()["aims"]
    assert set(aims) == {"ussr", "japan"}
    assert aims["japan"].startswith("Hirota's Foreign Ministry")


def test_the_august_briefing_names_stalins_aim(driver: Driver) -> None:
    html = briefing(driver, None)
    assert "Stalin wanted to be in the war before Japan surrendered" in html
    assert "Wants: to be at war before Japan surrenders." in html
