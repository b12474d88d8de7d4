"""Personas in scenario files (issue 14 item 1): what each government wanted and believed.
Broken sections fail with file, line and field; a compiled persona values states as its terms
say; every shipped faction has one, every number sourced or named an ASSUMPTION.

Broken cases are copies of the railway scenario with one edit."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from game import load_game
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_rules
from tests.scenario.helpers import RAILWAY_TEXT, find_problem, write_broken

SHIPPED = ("railway-sale", "fishery-auctions", "august-1945")
JAPAN_PRIOR = """        - track: railway_value
          range: [450, 750]"""
USSR_SCORE_AIM = """          score: 1
          why: The scenario's score for the USSR"""
USSR_SCORE_WHY = (
    "          why: The scenario's score for the USSR (`scoring:`), each term sourced or an "
    "ASSUMPTION there."
)


def fails(path: Path, needle: str, field: str, message: str) -> None:
    text = path.read_text(encoding="utf-8")
    rows = [i + 1 for i, row in enumerate(text.splitlines()) if needle in row]
    assert len(rows) == 1, (needle, rows)
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    find_problem(info.value.problems, path, rows[0], field, message)


def test_an_aim_on_a_track_its_side_cannot_see_is_refused(tmp_path: Path) -> None:
    path = write_broken(
        tmp_path,
        USSR_SCORE_AIM,
        """          track: seizure_plan
          why: The scenario's score for the USSR""",
    )
    aim = "- label: the price, the line while it is kept"
    fails(path, aim, "factions[0].persona.aims[0]", "does not observe")


def test_a_prior_on_a_value_its_side_sees_is_refused(tmp_path: Path) -> None:
    path = write_broken(tmp_path, JAPAN_PRIOR, JAPAN_PRIOR.replace("railway_value", "tension"))
    fails(path, "- track: tension", "factions[1].persona.priors[0].track", "a prior is for")


def test_a_prior_outside_its_track_is_refused(tmp_path: Path) -> None:
    path = write_broken(tmp_path, JAPAN_PRIOR, JAPAN_PRIOR.replace("[450, 750]", "[450, 5000]"))
    fails(path, "range: [450, 5000]", "factions[1].persona.priors[0].range", "within the track")


@pytest.mark.parametrize(
    ("setting", "field", "message"),
    [
        ("playouts: 4", "playouts", "greater than or equal to 16"),
        ("playouts: 192\n      guided: often", "guided", "bool"),
        ("playouts: 192\n      every_order: sometimes", "every_order", "bool"),
    ],
    ids=["too few playouts", "guided not true or false", "every_order not true or false"],
)
def test_a_bad_search_setting_is_refused(
    tmp_path: Path, setting: str, field: str, message: str
) -> None:
    path = write_broken(
        tmp_path,
        "see Moscow's persona.\n      playouts: 192",
        "see Moscow's persona.\n      " + setting,
    )
    fails(path, setting.split("\n")[-1].strip(), f"factions[1].persona.{field}", message)


def test_a_lookahead_of_no_turns_is_refused(tmp_path: Path) -> None:
    path = write_broken(tmp_path, "lookahead: 2  # SEARCH", "lookahead: 0  # SEARCH")
    fails(path, "lookahead: 0", "factions[1].persona.lookahead", "greater than or equal to 1")


def test_an_aim_without_its_source_is_refused(tmp_path: Path) -> None:
    path = write_broken(tmp_path, USSR_SCORE_WHY, "          why: ''")
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    assert any("why" in p.field for p in info.value.problems)


def test_an_aim_both_score_and_outcome_is_refused(tmp_path: Path) -> None:
    path = write_broken(
        tmp_path,
        USSR_SCORE_AIM,
        """          score: 1
          outcome: historical
          why: The scenario's score for the USSR""",
    )
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    assert any("not two of them" in p.message for p in info.value.problems)


def test_every_shipped_faction_has_a_persona_with_sources() -> None:
    for scenario in SHIPPED:
        rules = load_game(scenario).rules
        for faction in rules.factions:
            persona = rules.persona(faction.index)
            assert persona is not None, (scenario, faction.id)
            assert persona.summary
            whys = [a.why for a in persona.aims] + [r.why for r in persona.red_lines]
            whys += [p.why for p in persona.priors]
            if persona.patience is not None:
                whys.append(persona.patience.why)
            for why in whys:
                assert "[" in why or "ASSUMPTION" in why or "FACTS" in why, (scenario, why)


def test_a_persona_values_the_score_its_red_lines_and_its_patience() -> None:
    game = load_game("railway-sale")
    rules = game.rules
    state = game.initial_state(3)
    ussr = rules.persona(0)
    assert ussr is not None
    assert ussr.patience is not None
    # At the start: the score alone (turn 0, no red line crossed).
    assert ussr.value(rules, state) == pytest.approx(game.score(state, 0))
    crisis = rules.track_index("crisis")
    tracks = list(state.tracks)
    tracks[crisis] = 1
    later = dataclasses.replace(state, tracks=tuple(tracks), turn=4)
    cost = ussr.red_lines[0].cost + ussr.patience.per_turn * 4
    expected = game.score(later, 0) - cost / rules.score_scale
    assert ussr.value(rules, later) == pytest.approx(expected)
    # A sale agreed ends the wait: no more patience cost.
    tracks[rules.track_index("agreed")] = 1
    sold = dataclasses.replace(later, tracks=tuple(tracks))
    expected = game.score(sold, 0) - ussr.red_lines[0].cost / rules.score_scale
    assert ussr.value(rules, sold) == pytest.approx(expected)


def test_the_briefing_words_name_aims_red_lines_and_waiting() -> None:
    rules = load_game("railway-sale").rules
    words = rules.persona(0).words()  # type: ignore[union-attr]
    assert words[0].startswith("Moscow wanted")
    assert any(w.startswith("Will not accept: a war over the railway") for w in words)
    assert any(w.startswith("Waiting costs it:") for w in words)


def test_the_railway_text_has_the_personas() -> None:
    assert RAILWAY_TEXT.count("    persona:\n") == 2
