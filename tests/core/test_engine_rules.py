"""Rule cases for the turn structure (module docstring of `game/core/game.py`), on the railway
sale: secret orders, the order of resolution, skipped factions, event choices and the end.

"A turn: each faction with a decision gives its orders in faction order (they stay secret until
all are in), the orders resolve together (by priority, then faction order, then the order they
were given), the scenario's per-turn effects apply, events fire (in scenario order), factions
answer the events that ask them to choose, and then the end rules are checked in order."
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable

import pytest

from game import Game, State, load_game
from game.agents import HistoricalAgent
from game.core.actions import CHOOSE, END, Action
from game.core.log import entries
from game.core.state import CHOICES, ORDERS
from tests.core.support import play, track, with_tracks

USSR, JAPAN = 0, 1


@pytest.fixture(scope="module")
def railway() -> Game:
    game = load_game("railway-sale")
    assert [f.id for f in game.rules.factions] == ["ussr", "japan"]
    return game


def lines(state: State, turn: int) -> list[str]:
    return [e.text for e in entries(state.log) if e.turn == turn]


def seed_where(test: Callable[[int], bool], tries: int = 300) -> int:
    for seed in range(tries):
        if test(seed):
            return seed
    pytest.fail(f"no seed below {tries} fits the case")


def end_turns_until(game: Game, state: State, stop: Callable[[State], bool]) -> State:
    """Ends every faction's orders (choosing option 0 of events) until `stop` holds."""
    for _ in range(len(game.rules.calendar) * (len(game.rules.factions) + 8)):
        if stop(state) or game.is_terminal(state):
            return state
        f = state.to_act
        legal = game.legal_actions(state, f)
        state = game.apply(state, Action(f, END) if Action(f, END) in legal else legal[0])
    return state


# -------------------------------------------------------------------------- secret orders


def test_orders_stay_secret_until_the_turn_resolves(railway: Game) -> None:
    """Orders "stay secret until all are in": after the USSR has ordered an offer and a secret
    approach to Washington, Japan's observation (and its choice of actions) is the same as if
    the USSR had ordered nothing. Once the turn resolves, Japan sees the public offer but still
    not the secret approach (visible to the USSR only)."""
    start = railway.initial_state(0)
    busy = play(railway, start, "ussr:offer:250", "ussr:court_us", "ussr:end")
    idle = play(railway, start, "ussr:end")
    assert busy.to_act == idle.to_act == JAPAN
    assert railway.observe(busy, JAPAN) == railway.observe(idle, JAPAN)
    assert railway.observe(busy, JAPAN).own_orders == ()
    assert railway.legal_actions(busy, JAPAN) == railway.legal_actions(idle, JAPAN)
    assert railway.observe(busy, USSR).own_orders == (
        railway.parse_action("ussr:offer:250"),
        railway.parse_action("ussr:court_us"),
    )

    done = play(railway, busy, "japan:end")
    assert done.turn == 1
    japan, ussr = railway.observe(done, JAPAN), railway.observe(done, USSR)
    assert japan.track("ask") == 2500
    assert any("offers 250" in e.text for e in japan.log)
    court = railway.rules.actions[railway.parse_action("ussr:court_us").ref].label
    assert any(court in e.text for e in ussr.log)
    assert not any(court in e.text for e in japan.log)


# ------------------------------------------------------------------ order of resolution


def test_orders_resolve_by_priority_before_faction_order(railway: Game) -> None:
    """Orders resolve "by priority, then faction order": Japan's acceptance (priority 0)
    resolves before the USSR's break-off (priority 10) although the USSR is the first faction,
    so the deal is struck and the break-off, whose condition needs no deal, lapses."""
    opening = ("ussr:offer:250", "ussr:end", "japan:offer:20", "japan:end")
    accept = ("japan:accept", "japan:end")
    (table,) = railway.rules.mechanics
    break_off = railway.rules.actions[railway.parse_action("ussr:break_off_talks").ref]
    assert table.priority(railway.parse_action("japan:accept")) < break_off.priority

    def approved(seed: int) -> bool:
        state = play(railway, railway.initial_state(seed), *opening, "ussr:end", *accept)
        return bool(track(railway, state, "agreed"))

    seed = seed_where(approved)
    start = play(railway, railway.initial_state(seed), *opening)
    state = play(railway, start, "ussr:break_off_talks", "ussr:end", *accept)
    assert track(railway, state, "agreed") == 1
    assert track(railway, state, "deal_price") == 2500
    assert track(railway, state, "talks_open") == 1
    assert any("Break off the talks — no longer possible" in t for t in lines(state, 1))


def test_equal_priorities_resolve_in_faction_order(railway: Game) -> None:
    """Orders resolve "by priority, then faction order": the USSR's break-off and Japan's
    recall of its delegate share priority 10, so the USSR's (faction 0) resolves first and
    closes the talks, and Japan's recall, which needs open talks, lapses."""
    priorities = {
        railway.rules.actions[railway.parse_action(o).ref].priority
        for o in ("ussr:break_off_talks", "japan:recall_delegate")
    }
    assert priorities == {10}
    state = play(
        railway,
        railway.initial_state(0),
        "ussr:break_off_talks",
        "ussr:end",
        "japan:recall_delegate",
        "japan:end",
    )
    texts = lines(state, 0)
    broke = texts.index("Soviet Union: Break off the talks.")
    lapsed = texts.index(
        "Japan–Manchukuo: Recall Manchukuo's delegate — no longer possible; the order lapsed."
    )
    assert broke < lapsed
    assert track(railway, state, "talks_open") == 0


def test_orders_of_one_faction_resolve_in_the_order_given(railway: Game) -> None:
    """Orders resolve "by priority, then faction order, then the order they were given": two
    USSR orders of the same priority appear in the chronicle in the order they were given."""
    first = "ussr:reinforce_far_east", "ussr:search_army_plans"
    assert len({railway.rules.actions[railway.parse_action(o).ref].priority for o in first}) == 1
    for orders in (first, first[::-1]):
        state = play(railway, railway.initial_state(0), *orders, "ussr:end", "japan:end")
        labels = [railway.rules.actions[railway.parse_action(o).ref].label for o in orders]
        texts = lines(state, 0)
        at = [next(i for i, t in enumerate(texts) if label in t) for label in labels]
        assert at == sorted(at), orders


# ------------------------------------------------------------------------ who must act


def test_factions_without_a_decision_are_skipped(railway: Game) -> None:
    """ "Each faction with a decision gives its orders": Japan, with the talks closed, a crisis
    declared, no capital, no prisoners and no seizure plan, has nothing to do but `end`, so
    when the USSR ends its orders the turn resolves at once without asking Japan."""
    state = with_tracks(
        railway,
        railway.initial_state(0),
        talks_open=0,
        crisis=1,
        japan_capital=0,
        arrests=0,
        seizure_plan=0,
    )
    assert state.to_act == USSR
    probe = dataclasses.replace(state, to_act=JAPAN)
    assert railway.legal_actions(probe, JAPAN) == [Action(JAPAN, END)]
    after = play(railway, state, "ussr:end")
    assert after.turn == state.turn + 1
    assert after.phase == ORDERS
    assert after.to_act == USSR


def test_a_faction_passes_once_it_has_no_decision_left(railway: Game) -> None:
    """A faction whose only possible order is given passes the turn on without an `end`:
    the USSR, able to pay for one order (a search for the army's plans, or sounding out
    Manchukuo's limit) and nothing else, passes to Japan after ordering one."""
    state = with_tracks(
        railway,
        railway.initial_state(0),
        talks_open=0,
        crisis=1,
        ussr_capital=1,
        us_recognition=1,
        arrests=0,
    )
    legal = railway.legal_actions(state, USSR)
    orders = ("ussr:search_army_plans", "ussr:sound_out_limit")
    assert legal == sorted([Action(USSR, END), *map(railway.parse_action, orders)])
    after = play(railway, state, "ussr:search_army_plans")
    assert after.to_act == JAPAN
    assert after.turn == state.turn


def test_a_faction_passes_after_its_maximum_of_orders(railway: Game) -> None:
    """A faction gives at most `max_orders` orders a turn; then the turn passes on by itself."""
    assert railway.rules.max_orders == 3
    state = play(railway, railway.initial_state(0), "ussr:offer:250", "ussr:court_us")
    assert state.to_act == USSR
    state = play(railway, state, "ussr:terms:cash")
    assert state.to_act == JAPAN
    assert len(state.orders[USSR]) == 3


# -------------------------------------------------------------------------------- events


def recognised(game: Game) -> State:
    """Returns seed 0's first state with US recognition already given."""
    return with_tracks(game, game.initial_state(0), us_recognition=1)


def test_event_choice_is_asked_of_its_chooser(railway: Game) -> None:
    """Events fire after the orders resolve; an event with options makes its chooser act in the
    CHOICES phase (nobody else may act), and the historical agent takes the option marked
    `historical`. The yen-ruble dispute (15 February 1934) asks the USSR (Washington has
    recognised Moscow from the start here: US recognition, which asks Japan, comes in most games
    from November 1933 and would be the first choice)."""
    event = next(e for e in railway.rules.events if e.id == "yen_ruble_dispute")
    assert event.chooser == USSR
    state = end_turns_until(railway, recognised(railway), lambda s: s.phase == CHOICES)
    assert state.phase == CHOICES
    assert state.turn == event.first
    assert state.to_act == USSR
    options = [Action(USSR, CHOOSE, event.index, o.index) for o in event.options]
    assert railway.legal_actions(state, USSR) == options
    assert railway.legal_actions(state, JAPAN) == []
    obs = railway.observe(state, USSR)
    assert obs.choice == event.index
    assert railway.observe(state, JAPAN).choice == -1

    agent = HistoricalAgent(railway, USSR)
    choice = agent.act(obs, railway.legal_actions(state, USSR), random.Random(0))
    (historical,) = (o for o in event.options if o.historical)
    assert choice == Action(USSR, CHOOSE, event.index, historical.index)
    assert railway.notation(choice) == "ussr:choose:yen_ruble_dispute:reconsider"

    after = railway.apply(state, choice)
    assert (after.turn, after.phase) == (event.first + 1, ORDERS)
    assert f"Soviet Union chose: {historical.label}." in lines(after, event.first)


def test_determinize_keeps_the_choices_phase_for_a_faction_that_waits(railway: Game) -> None:
    """`determinize` "returns a state consistent with `obs`". While the USSR answers the
    yen-ruble dispute, Japan observes the CHOICES phase with the USSR to act; a state sampled
    from Japan's observation must show Japan the same phase, and the USSR must be answering an
    event there (not giving orders). (Recognised from the start, as above.)"""
    state = end_turns_until(railway, recognised(railway), lambda s: s.phase == CHOICES)
    assert (state.phase, state.to_act) == (CHOICES, USSR)
    obs = railway.observe(state, JAPAN)
    sample = railway.determinize(obs, random.Random(0))
    again = railway.observe(sample, JAPAN)
    assert (again.phase, again.to_act) == (obs.phase, obs.to_act) == (CHOICES, USSR)
    assert {a.kind for a in railway.legal_actions(sample, USSR)} == {CHOOSE}


# ----------------------------------------------------------------------------------- end


def test_the_game_ends_by_time_limit_after_the_last_calendar_turn(railway: Game) -> None:
    """End rules are "checked in order" after each turn; when none holds after the last
    calendar turn, the time limit ends the game. If nobody does anything, the last turn is
    still played (the game is running at its start) and the game ends with it."""
    last = len(railway.rules.calendar) - 1
    time_limit = railway.rules.end_rules[railway.rules.time_limit_rule]
    for seed in range(3):
        state = end_turns_until(railway, railway.initial_state(seed), lambda s: s.turn == last)
        assert state.turn == last
        assert state.phase == ORDERS
        assert not railway.is_terminal(state)
        state = end_turns_until(railway, state, lambda s: False)
        assert railway.is_terminal(state)
        assert state.turn == last
        outcome = railway.outcome(state)
        assert outcome is not None
        assert outcome.reason == time_limit.id == "no_sale"
        assert f"{time_limit.label}. {time_limit.text}" in lines(state, last)
