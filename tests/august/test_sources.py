"""The scenario's data keeps the house rules: citations point at real places in the sources,
invented numbers are named assumptions, every choice explains itself, the map is the Far East."""

from __future__ import annotations

import itertools
import re

import yaml

from game import load_game
from tests.august.runs import REPO, SCENARIO, SCENARIO_FILE

SOURCES = REPO.parent / "shared" / "sources"
TEXT = SCENARIO_FILE.read_text(encoding="utf-8")
DATA = yaml.safe_load(TEXT)


def _source(prefix: str) -> str:
    assert SOURCES.is_dir(), f"the seed sources are expected in {SOURCES}"
    (path,) = SOURCES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _paragraphs_003() -> set[int]:
    return {int(m) for m in re.findall(r"^- (\d+) ", _source("003"), flags=re.MULTILINE)}


def _cited(pattern: str) -> set[tuple[str, ...]]:
    return set(re.findall(pattern, TEXT))


def test_every_cited_paragraph_of_003_exists() -> None:
    """[003 ¶51], [003 ¶59-63; ¶76]: every paragraph number cited is one of Hasegawa's."""
    known = _paragraphs_003()
    cited: set[int] = set()
    for group in re.findall(r"\[003 ((?:[^\]])*)\]", TEXT):
        for a, b in re.findall(r"¶(\d+)(?:-(\d+))?", group):
            cited.update(range(int(a), int(b or a) + 1))
    assert cited, "the scenario cites 003"
    assert cited <= known, sorted(cited - known)
    notes = {int(n) for n in re.findall(r"n\.(\d+)", TEXT)}
    assert notes
    assert max(notes) <= 84


def test_every_cited_line_exists() -> None:
    """[001 L50], [004 L105-107]: line numbers within the cited file."""
    for source in ("001", "002", "004"):
        lines = _source(source).count("\n") + 1
        for a, b in re.findall(rf"\b{source} L(\d+)(?:-(\d+))?", TEXT):
            assert 1 <= int(a) <= int(b or a) <= lines, (source, a, b)


def test_every_event_and_action_cites_and_explains() -> None:
    for event in DATA["events"]:
        assert event["cite"].strip(), event["id"]
        assert event["text"].strip(), event["id"]
        for option in event.get("options", []):
            assert option["label"].strip(), option["id"]
            assert option.get("text", "").strip(), option["id"]
        if event.get("options"):
            marked = [o for o in event["options"] if o.get("historical")]
            assert len(marked) == 1, f"{event['id']}: mark exactly one historical option"
    for action in DATA["actions"]:
        for field in ("label", "text", "cite", "historical"):
            assert str(action.get(field, "")).strip(), (action["id"], field)


def test_invented_numbers_are_named_assumptions() -> None:
    """Every index track (a scale of 100 or more) and every start range says it is a
    modelling assumption."""
    for track in DATA["tracks"]:
        lo, hi = track.get("range", [0, 100])
        ranged = isinstance(track.get("initial"), list)
        if ranged or (lo >= 0 and hi >= 100):
            assert str(track.get("assumption", "")).strip(), track["id"]
    assert TEXT.count("# ASSUMPTION") >= 40


def test_the_map_is_the_far_east_and_links_are_sound() -> None:
    game = load_game(SCENARIO)
    campaign = game.rules.mechanics[0]
    ids = {r.id for r in campaign.regions}
    assert {
        "manchuria_west",
        "manchuria_north",
        "manchuria_east",
        "manchuria_central",
        "korea_north",
        "korea_south",
        "inner_mongolia",
        "liaodong",
        "south_sakhalin",
        "kurils_north",
        "kurils_central",
        "kurils_south",
        "hokkaido",
        "honshu",
        "mongolia",
        "transbaikal",
        "amur_khabarovsk",
        "primorye",
        "kamchatka",
        "north_sakhalin",
    } <= ids
    for region in campaign.regions:
        assert 105 <= region.lon <= 160, region.id
        assert 33 <= region.lat <= 55, region.id
        assert region.land or region.sea, region.id
        assert region.text.strip(), region.id
        for other in region.land:
            assert region.index in campaign.regions[other].land
        for other in region.sea:
            assert region.index in campaign.regions[other].sea
    assert {f.id for f in campaign.fronts} >= {
        "transbaikal_front",
        "first_far_eastern",
        "second_far_eastern",
        "pacific_fleet",
    }


def test_the_calendar_is_weekly_then_daily() -> None:
    calendar = load_game(SCENARIO).rules.calendar
    assert calendar[0].isoformat() == "1945-02-11"
    assert calendar[-1].isoformat() == "1945-09-05"
    july = calendar.index(next(d for d in calendar if d.month == 7))
    steps = [(b - a).days for a, b in itertools.pairwise(calendar)]
    assert set(steps[:july]) == {7}
    assert set(steps[july:]) == {1}
