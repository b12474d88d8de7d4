"""Standing front objectives (issue 13 item 5: a few weighty decisions, not seven fronts' clicks
a day): an attack order is the front's objective, attacked again every day until it is taken or
out of reach; a front with an objective gets no new order until the weekly review."""

from __future__ import annotations

import datetime as dt

import pytest

from game import Game, State, load_game
from game.core.actions import END, Action
from game.core.log import entries
from game.core.records import AttackResolved
from tests.august.runs import SCENARIO
from tests.august.test_decisions import drive
from tests.august.test_model import track, with_tracks

USSR, JAPAN = 0, 1
AT_WAR = dt.date(1945, 8, 7)  # not a review day (5 and 12 August are)


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game(SCENARIO)


def at_war(game: Game, seed: int) -> State:
    """The game on 7 August, the attack ordered on 29 July, the Soviet turn, every front
    without an objective."""
    state = drive(
        game,
        game.initial_state(seed),
        lambda s: game.rules.date(s.turn) >= AT_WAR and s.to_act == USSR,
        {dt.date(1945, 7, 29): ["ussr:order_attack"]},
    )
    assert track(game, state, "at_war") == 1
    cleared = {f"obj_{f}": -1 for f in FRONTS}
    # Strong garrisons, so that no attack succeeds at once and the objective must stand.
    return with_tracks(game, state, gar_manchuria_west=3000, gar_manchuria_north=3000, **cleared)


FRONTS = (
    "transbaikal_front",
    "first_far_eastern",
    "second_far_eastern",
    "sakhalin_corps",
    "pacific_fleet",
    "kamchatka_force",
    "rifle_corps_87",
)


def legal(game: Game, state: State) -> set[str]:
    return {game.notation(a) for a in game.legal_actions(state, USSR)}


def next_soviet_turn(game: Game, state: State) -> State:
    """Ends the day (every side ends its turn, events as in history) up to the next Soviet turn."""
    day = state.turn
    return drive(game, state, lambda s: s.turn > day and s.to_act == USSR)


def attacks(state: State, front: int, region: int) -> int:
    return sum(
        1
        for e in entries(state.log)
        if isinstance(e.record, AttackResolved)
        and e.record.front == front
        and e.record.region == region
    )


def test_an_attack_order_stands_until_the_region_is_taken(game: Game) -> None:
    state = at_war(game, 4)
    order = "ussr:attack:transbaikal_front:manchuria_west"
    assert order in legal(game, state)
    front = game.rules.track_index("obj_transbaikal_front")
    region = game.parse_action(order).amount
    state = game.apply(state, game.parse_action(order))
    state = next_soviet_turn(game, state)
    assert state.tracks[front] == region
    # Busy until the review: no order for it the next day, and it attacked again on its own.
    assert not any(n.startswith("ussr:attack:transbaikal_front:") for n in legal(game, state))
    before = attacks(state, 0, region)
    state = next_soviet_turn(game, state)
    assert attacks(state, 0, region) == before + 1
    # Taken (the garrison gone): the front is free again and its objective cleared.
    state = with_tracks(game, state, gar_manchuria_west=0)
    state = next_soviet_turn(game, state)
    assert track(game, state, "ctl_manchuria_west") == USSR
    assert state.tracks[front] == -1
    assert any(n.startswith("ussr:attack:transbaikal_front:") for n in legal(game, state))


def test_a_busy_front_gets_new_orders_at_the_weekly_review(game: Game) -> None:
    state = at_war(game, 4)
    state = game.apply(state, game.parse_action("ussr:attack:transbaikal_front:manchuria_west"))
    while game.rules.date(state.turn) < dt.date(1945, 8, 12):
        state = next_soviet_turn(game, state)
    assert track(game, state, "review_day") == 0
    offered = {n for n in legal(game, state) if n.startswith("ussr:attack:transbaikal_front:")}
    assert offered, "the review opens the front's orders"
    assert "ussr:attack:transbaikal_front:manchuria_west" not in offered  # its objective already


def test_an_objective_out_of_reach_is_dropped(game: Game) -> None:
    state = at_war(game, 4)
    state = game.apply(state, game.parse_action("ussr:attack:transbaikal_front:manchuria_west"))
    state = next_soviet_turn(game, state)
    # Another front takes the region (here: it changes hands by fiat): the objective lapses.
    state = with_tracks(game, state, ctl_manchuria_west=USSR)
    state = next_soviet_turn(game, state)
    assert track(game, state, "obj_transbaikal_front") == -1


def test_japan_does_not_see_the_fronts_objectives(game: Game) -> None:
    state = at_war(game, 4)
    state = game.apply(state, game.parse_action("ussr:attack:transbaikal_front:manchuria_west"))
    while state.to_act != JAPAN:
        state = game.apply(state, Action(state.to_act, END))
    japan = dict(game.observe(state, JAPAN).tracks)
    ussr = dict(game.observe(state, USSR).tracks)
    assert "obj_transbaikal_front" not in japan
    assert "obj_transbaikal_front" in ussr
