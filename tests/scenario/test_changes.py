"""A variant's changes in words (game/scenario/changes.py), as the set-up screen shows them."""

from __future__ import annotations

from game.scenario.changes import change_lines, change_text
from game.scenario.loader import available_scenarios, read_scenario, read_variant, variants_of
from game.scenario.schema import ChangeSpec

DATA = {
    "tracks": [
        {"id": "tension", "name": "Tension", "initial": 35, "unit": "points"},
        {"id": "flag", "name": "Talks open", "initial": 0, "range": [0, 1]},
        {"id": "plan", "name": "Seizure plan", "initial": [10, 30]},
    ],
    "events": [
        {
            "id": "talks",
            "title": "Talks open",
            "probability": {"base": 0.5, "per": {"tension": 0.01, "plan": -0.2}},
            "options": [
                {"id": "go", "label": "Go", "historical": True},
                {"id": "stay", "label": "Stay"},
            ],
        }
    ],
}


def test_each_kind_of_change_in_words() -> None:
    def words(**change: object) -> str:
        return change_text(ChangeSpec.model_validate(change), DATA)

    assert words(set="tracks.tension.initial", value=50) == (
        "Tension: starts at 50 points instead of 35 points."
    )
    assert (
        words(set="tracks.flag.initial", value=1) == "Talks open: at the start: yes instead of no."
    )
    assert words(set="tracks.plan.initial", value=[40, 60]) == (
        "Seizure plan: starts, drawn each game, between 40 and 60 instead of between 10 and 30."
    )
    assert words(disable_event="talks") == "“Talks open” never happens."
    assert words(force_event="talks") == "“Talks open” happens for certain."
    assert words(keep_option="talks.stay") == (
        "“Talks open”: the only option is “Stay” (in history: “Go”)."
    )
    assert words(set="events.talks.probability", value={"base": 0, "per": {"tension": 0}}) == (
        "Talks open: chance each turn 0 instead of 0.5, minus 0.2 per point of “Seizure plan”, "
        "plus 0.01 per point of “Tension”."
    )
    assert words(set="events.talks.probability", value=0.25) == (
        "Talks open: chance each turn 0.25 instead of 0.5, minus 0.2 per point of “Seizure plan”, "
        "plus 0.01 per point of “Tension”."
    )
    assert words(set="nowhere.at_all", value=3) == "nowhere.at_all set to 3."


def test_every_installed_variant_change_has_words() -> None:
    for path in available_scenarios().values():
        data = read_scenario(path)[0]
        for vpath in variants_of(path).values():
            spec, _ = read_variant(vpath)
            for change, line in zip(spec.changes, change_lines(spec, data), strict=True):
                assert change.set is None or change.set not in line, line  # named, not a path
                assert "cannot put in words" not in line
