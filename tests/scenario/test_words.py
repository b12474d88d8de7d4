"""Effects and conditions read back in words, for one side (game.scenario.words)."""

from __future__ import annotations

import pytest

from game.core import conditions as c
from game.core import effects as e
from game.core.game import Game
from game.core.rules import Rules
from game.scenario.loader import load_game
from game.scenario.words import Reader, condition_text, effects_text, signed, turn_tracks
from tests.scenario.helpers import RAILWAY_ID

USSR, JAPAN = 0, 1


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game(RAILWAY_ID)


def reader(game: Game, faction: int, *, now: bool = True) -> Reader:
    """A side's reader, with the values it sees at the start of game 1 (if `now`)."""
    obs = game.observe(game.initial_state(1), faction)
    values = game.seen(obs).values if now else ()
    return Reader(game.rules, faction, values, turn_tracks(game.rules))


def option(rules: Rules, event: str, option: str) -> tuple[e.Effect, ...]:
    ev = next(x for x in rules.events if x.id == event)
    return next(o for o in ev.options if o.id == option).effects


def track(rules: Rules, tid: str) -> int:
    return rules.track_index(tid)


def test_signed_amounts_use_a_true_minus() -> None:
    assert (signed(5), signed(-3), signed(0.5)) == ("+5", "−3", "+0.5")


def test_an_option_reads_as_its_tracks_and_amounts(game: Game) -> None:
    rules = game.rules
    assert effects_text(reader(game, JAPAN), option(rules, "us_recognition", "stay_calm")) == (
        "Tension −2"
    )
    # a flag set reads yes/no; a track holding a turn reads as a date
    assert effects_text(reader(game, JAPAN), option(rules, "final_terms", "guarantee")) == (
        "Sale signed: yes, Turn of signature set to this turn's date, Tension −10"
    )


def test_a_chance_shows_its_odds_when_the_side_sees_its_inputs(game: Game) -> None:
    text = effects_text(reader(game, JAPAN), option(game.rules, "us_recognition", "show_force"))
    assert text.startswith("Tension +8; The army's weight in Tokyo +5; a ")
    assert "% chance of: Side terms won +6 M gold rubles; otherwise: Tension +8" in text
    # without the values of now, no number is made up
    later = effects_text(
        reader(game, JAPAN, now=False), option(game.rules, "us_recognition", "show_force")
    )
    assert "; a chance of: Side terms won +6" in later


def test_what_a_side_cannot_see_is_summed_up_never_named(game: Game) -> None:
    rules = game.rules
    effects = option(rules, "yen_ruble_dispute", "hold_rate")
    # The odds read the army's weight in Tokyo, and its failure raises it: Japan's secrets.
    text = effects_text(reader(game, USSR), effects)
    assert text == (
        "Tension +5; a chance of: Side terms won −5 M gold rubles; otherwise: Tension +6; "
        "and effects you cannot see"
    )
    assert "army" not in text
    assert "The army's weight in Tokyo +4" in effects_text(reader(game, JAPAN), effects)
    hidden = (e.Add(track(rules, "army_influence"), 3),)
    assert effects_text(reader(game, USSR), hidden) == "only on tracks you cannot see"


def test_conditions_ends_and_deep_nesting(game: Game) -> None:
    rules = game.rules
    tension, talks = track(rules, "tension"), track(rules, "talks_open")
    inner = e.Chance(c.Odds(0.5), (e.Add(tension, 1),))
    deep = e.When(c.Compare(talks, "eq", 0), (e.When(c.Compare(tension, "gte", 50), (inner,)),))
    words = reader(game, USSR)
    assert effects_text(words, (deep,)) == (
        "if Talks open is no: (if Tension at least 50: other effects)"
    )
    news = e.Say("Something happens.", -1)
    assert effects_text(words, (news,)) == ""
    end = e.End(0)
    assert effects_text(words, (end,)) == f"the game ends ({rules.end_rules[0].label})"
    hidden_if = e.When(c.Compare(track(rules, "seizure_plan"), "gte", 70), (e.Add(tension, 5),))
    assert effects_text(words, (hidden_if,)) == "if a condition you cannot see: Tension +5"


def test_an_orders_condition_reads_in_words(game: Game) -> None:
    rules = game.rules
    words = reader(game, JAPAN)
    seize = next(a for a in rules.actions if a.id == "seize_railway")
    assert condition_text(words, seize.cond) == (
        "(either Kwantung Army's seizure preparations at least 70 or (Tension at least 80 and "
        "Kwantung Army's seizure preparations at least 40)) and Price agreed is no"
    )
    last = len(rules.calendar) - 1
    assert condition_text(words, c.TurnRange(2, last)).startswith("from ")
    assert condition_text(words, c.TurnRange(0, 2)).startswith("until ")
    assert condition_text(words, None) == "always"
