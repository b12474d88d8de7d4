"""The comparison report and a game's chronicle in a real headless browser (issue 16 item 2):
Debian's Chromium (the `chromium` package, which .ci/run installs) driven by Playwright through
its executable path — no browser is downloaded. Each page opens from a file, every plot is drawn
with a size, the console stays clean and nothing is fetched from the network; full-page
screenshots go to docs/screenshots/ for people to look at."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.cli import main
from game.report.page import plot_ids

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip(
        "no Chromium on this machine (Debian: apt-get install chromium); CI installs it and "
        "runs these tests",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="the dev extra installs playwright")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert CHROMIUM is not None, "CI must have Chromium (.ci/run installs Debian's package)"
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def _open(browser: Any, page_file: Path) -> tuple[Any, list[str], list[str]]:
    """Opens a file in a new page; returns the page, the requests it made for anything but
    itself (each aborted), and its console errors."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    fetched: list[str] = []
    errors: list[str] = []
    own = page_file.resolve().as_uri()

    def route(r: Any) -> None:
        if r.request.url == own:
            r.continue_()
        else:
            fetched.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(own)
    page.wait_for_load_state("load")
    return page, fetched, errors


def test_the_comparison_report_opens_offline_and_draws_every_plot(
    browser: Any, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    args = ["compare", "--scenario", "railway-sale", "--variants", "army_unrestrained"]
    args += ["--agents", "all=historical", "--games", "8", "--seed", "3", "--workers", "1"]
    assert main([*args, "--no-progress", "--out", str(out)]) == 0
    html = out / "report.html"
    ids = plot_ids(html.read_text())
    assert len(ids) >= 3
    page, fetched, errors = _open(browser, html)
    assert fetched == []
    assert errors == []
    for plot in ids:
        box = page.locator(f"svg#{plot}").bounding_box()
        assert box is not None, plot
        assert box["width"] > 100
        assert box["height"] > 50
    assert page.title()
    page.screenshot(path=str(SHOTS / "50-compare-report.png"), full_page=False)
    page.close()


def test_a_chronicle_opens_offline(browser: Any, tmp_path: Path) -> None:
    save, story = tmp_path / "game.json", tmp_path / "game.html"
    args = ["record", "--scenario", "railway-sale", "--agents", "all=historical", "--seed", "2"]
    assert main([*args, "--explain", "--out", str(save)]) == 0
    assert main(["chronicle", str(save), "--out", str(story)]) == 0
    page, fetched, errors = _open(browser, story)
    assert fetched == []
    assert errors == []
    assert page.locator("tr").count() > 10
    page.screenshot(path=str(SHOTS / "51-chronicle.png"), full_page=False)
    page.close()
