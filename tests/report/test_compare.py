"""`compare`: the comparison report's page and table, from a small run of the railway sale and
its two variants (historical agents on both sides, 8 paired seeds)."""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.cli import main
from game.report.page import plot_ids
from game.scenario.loader import load_rules

GAMES = 8
VARIANTS = ("army_unrestrained", "no_us_recognition")


def _args(out: Path, *extra: str) -> list[str]:
    return [
        "compare",
        "--scenario",
        "railway-sale",
        "--variants",
        ",".join(VARIANTS),
        "--agents",
        "all=historical",
        "--games",
        str(GAMES),
        "--seed",
        "3",
        "--workers",
        "1",
        "--no-progress",
        "--out",
        str(out),
        *extra,
    ]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of one small comparison report."""
    out = tmp_path_factory.mktemp("compare") / "report"
    assert main(_args(out)) == 0
    return out


class _Page(HTMLParser):
    """Collects a page's tags, attributes and how deep the open elements nest."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attrs: list[tuple[str, str, str]] = []
        self.open: list[str] = []
        self.unbalanced: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs += [(tag, k, v or "") for k, v in attrs]

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.unbalanced.append(tag)


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def test_the_page_parses_and_holds_one_svg_per_plot(report: Path) -> None:
    text = (report / "report.html").read_text(encoding="utf-8")
    page = _parse(text)
    assert page.unbalanced == []
    assert page.open == []
    assert page.tags["html"] == page.tags["body"] == page.tags["title"] == 1
    rules = load_rules("railway-sale")
    ids = plot_ids(text)
    assert page.tags["svg"] == len(ids) == page.tags["figure"]
    figures = {f"plot-figure-{f.id}" for f in rules.figures}
    # every key figure set in some game has its plot; the report says which never were
    assert {"plot-outcomes", "plot-headlines-share"} <= set(ids)
    assert 4 <= len(figures & set(ids)) <= len(figures)
    for fig in rules.figures:
        assert f"plot-figure-{fig.id}" in ids or fig.label in html.unescape(text)
    for variant in VARIANTS:
        assert f'id="variant-{variant}"' in text
    # each id once in the whole page: the plots' own ids are prefixed by the plot's
    counts = Counter(v for _, k, v in page.attrs if k == "id")
    assert [i for i, n in counts.items() if n > 1] == []


def test_the_page_needs_nothing_from_outside(report: Path) -> None:
    text = (report / "report.html").read_text(encoding="utf-8")
    page = _parse(text)
    assert "<script" not in text.lower()
    for tag in ("script", "link", "img", "iframe", "object", "embed", "image", "use"):
        if tag != "use":
            assert page.tags[tag] == 0, tag
    for tag, key, value in page.attrs:
        if key in ("src", "href", "xlink:href", "action", "srcset", "data"):
            assert value.startswith("#"), (tag, key, value)  # only links within the page
        assert not key.startswith("on"), (tag, key)  # no event handlers
    assert not re.search(r"url\(\s*['\"]?(?!#)", text), "a style fetches something"
    assert "@import" not in text
    assert "@font-face" not in text


def test_the_page_says_what_a_teacher_needs(report: Path) -> None:
    text = html.unescape((report / "report.html").read_text(encoding="utf-8"))
    assert "The army has its way" in text  # a variant's title
    assert "Japan's army held that buying the line was a waste" in text  # its question
    assert "starts at 70 instead of 40" in text  # what it changes, in words
    assert "The sources' view." in text
    assert "An index with no historical unit." in text  # an assumption it touches
    assert "recognition_odds: a monthly chance of 0.5 from November 1933" in text
    assert "95 %" in text
    assert "moves" in text
    assert "python main.py compare --scenario railway-sale" in text


def test_the_table_has_every_row_with_its_interval(report: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((report / "report.csv").read_text(encoding="utf-8"))))
    runs = ("history", *VARIANTS)
    outcome = [r for r in rows if r["section"] == "outcome"]
    assert {r["run"] for r in outcome} == set(runs)
    for run in runs:  # a run's shares add up to one, each inside its interval
        shares = [float(r["value"]) for r in outcome if r["run"] == run]
        assert sum(shares) == pytest.approx(1.0, abs=1e-4)
    for r in outcome:
        assert float(r["low"]) <= float(r["value"]) <= float(r["high"])
        assert r["n"] == str(GAMES)
    rules = load_rules("railway-sale")
    diffs = [r for r in rows if r["section"] == "figure_difference"]
    assert len(diffs) == len(VARIANTS) * len(rules.figures)
    headline = [r for r in rows if r["section"] == "headline" and r["stat"] == "mean_diff"]
    assert {(r["run"], r["item"]) for r in headline} == {
        ("army_unrestrained", "force"),
        ("army_unrestrained", "sold"),
        ("no_us_recognition", "weaker"),
    }
    force = next(r for r in headline if r["item"] == "force")
    assert force["verdict"] == "moves"  # historical agents: the unrestrained army seizes it
    assert float(force["low"]) > 0
    medians = [r for r in rows if r["section"] == "figure" and r["stat"] == "median"]
    dates = [r for r in medians if r["item"] == "signed" and r["run"] == "history"]
    assert dates
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", dates[0]["value"])
    assert {r["item"] for r in rows if r["section"] == "history"} == {
        "deal_price",
        "agreed",
        "signed",
    }


def test_the_same_seed_gives_the_same_bytes(report: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(_args(again, "--workers", "2")) == 0  # the worker count changes nothing
    for name in ("report.html", "report.csv"):
        assert (again / name).read_bytes() == (report / name).read_bytes(), name


def test_a_second_run_replaces_its_own_report_but_nothing_else(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    page = out / "report.html"
    page.write_text("<p>my own page</p>\n", encoding="utf-8")
    assert main(_args(out)) != 0
    assert "not overwriting it (--force replaces it)" in capsys.readouterr().err
    assert page.read_text(encoding="utf-8") == "<p>my own page</p>\n"
    assert not (out / "report.csv").exists()  # refused before any game was played
    for name in ("report.html", "report.csv"):  # a previous report is replaced without --force
        (out / name).write_bytes((report / name).read_bytes())
    assert main(_args(out, "--games", "2")) == 0
    assert (out / "report.html").read_bytes() != (report / "report.html").read_bytes()


def test_bad_flags_are_refused_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r"
    bad_variant = _args(out)
    bad_variant[bad_variant.index("--variants") + 1] = "army_unrestrained,no_such"
    assert main(bad_variant) != 0
    err = capsys.readouterr().err
    assert "no such variant" in err
    assert "no_us_recognition" in err
    afile = tmp_path / "a_file"
    afile.write_text("x\n", encoding="utf-8")
    assert main(_args(afile)) != 0
    assert "is a file, not a folder" in capsys.readouterr().err
    assert main(_args(tmp_path / "missing" / "deeper")) != 0
    assert "does not exist" in capsys.readouterr().err
    assert main([*_args(out)[:-2], "--agents", "nobody=historical", "--out", str(out)]) != 0
    assert "unknown faction" in capsys.readouterr().err
    assert not out.exists()  # nothing made for a run that never started
