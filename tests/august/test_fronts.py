"""Standing front objectives (issue 13 item 5: a few weighty decisions, not seven fronts' clicks
a day): an attack order is the front's objective, attacked again every day until it is taken or
out of reach; a front then awaits orders for a day, and stands idle after; a front with an
objective, or idle, gets no new order until the weekly review."""

from __future__ import annotations

import datetime as dt

import pytest

from game import Game, State, load_game
from game.core.log import entries
from game.core.mechanics.campaign import AWAITING, IDLE
from game.core.mechanics.campaign_view import CampaignView
from game.core.records import AttackResolved
from tests.august.runs import SCENARIO
from tests.august.test_decisions import drive
from tests.august.test_model import track, with_tracks

USSR, JAPAN = 0, 1
WAR_DAY = dt.date(1945, 7, 21)
REVIEW = dt.date(1945, 7, 27)


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game(SCENARIO)


def at_war(game: Game, seed: int) -> State:
    """The first Soviet turn of a war ordered on 15 July (21 July), every front awaiting
    orders, the next weekly review six days away (on 27 July: the review cycle is shifted by a
    day here, so that a front's week fits between two reviews)."""
    state = drive(
        game,
        game.initial_state(seed),
        lambda s: track(game, s, "at_war") == 1 and s.to_act == USSR,
        {dt.date(1945, 7, 15): ["ussr:order_attack"]},
    )
    assert game.rules.date(state.turn) == WAR_DAY
    cleared = {f"obj_{f}": AWAITING for f in FRONTS}
    # Strong garrisons, so that no attack succeeds at once and the objective must stand.
    return with_tracks(
        game, state, gar_manchuria_west=3000, gar_manchuria_north=3000, review_day=1, **cleared
    )


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


def next_day(game: Game, state: State) -> State:
    """Plays the rest of the day (every side ends its turn, events as in history)."""
    day = state.turn
    return drive(game, state, lambda s: s.turn > day)


def attacks(state: State, front: int, region: int) -> int:
    return sum(
        1
        for e in entries(state.log)
        if isinstance(e.record, AttackResolved)
        and e.record.front == front
        and e.record.region == region
    )


ORDER = "ussr:attack:transbaikal_front:manchuria_west"
OTHER = "ussr:attack:transbaikal_front:inner_mongolia"


def test_an_attack_order_stands_until_the_region_is_taken(game: Game) -> None:
    state = at_war(game, 4)
    assert ORDER in legal(game, state)
    front = game.rules.track_index("obj_transbaikal_front")
    region = game.parse_action(ORDER).amount
    state = next_day(game, game.apply(state, game.parse_action(ORDER)))
    assert state.tracks[front] == region
    assert attacks(state, 0, region) == 1
    # Busy until the review: no new order for it, and it attacks again on its own.
    assert game.why_illegal(state, game.parse_action(OTHER)) is not None
    state = next_day(game, state)
    assert attacks(state, 0, region) == 2
    # Taken (the garrison gone): the front awaits new orders the next day...
    state = next_day(game, with_tracks(game, state, gar_manchuria_west=0))
    assert track(game, state, "ctl_manchuria_west") == USSR
    assert state.tracks[front] == AWAITING
    assert state.to_act == USSR
    assert OTHER in legal(game, state)
    # ...and, given none, stands idle until the review.
    state = next_day(game, state)
    assert game.rules.date(state.turn) < REVIEW
    assert state.tracks[front] == IDLE
    assert game.why_illegal(state, game.parse_action(OTHER)) is not None


def test_a_busy_front_gets_new_orders_at_the_weekly_review(game: Game) -> None:
    state = at_war(game, 1)  # a seed on which the front is still held on the review day
    state = game.apply(state, game.parse_action(ORDER))
    while game.rules.date(state.turn) < REVIEW:
        state = next_day(game, state)
    assert track(game, state, "review_day") == 0
    assert track(game, state, "obj_transbaikal_front") == game.parse_action(ORDER).amount
    assert state.to_act == USSR
    offered = {n for n in legal(game, state) if n.startswith("ussr:attack:transbaikal_front:")}
    assert OTHER in offered, "the review opens the front's orders"
    assert ORDER not in offered  # its objective already


def test_an_objective_out_of_reach_is_dropped(game: Game) -> None:
    state = at_war(game, 4)
    state = next_day(game, game.apply(state, game.parse_action(ORDER)))
    # Another front takes the region (here: it changes hands by fiat): the objective lapses.
    state = next_day(game, with_tracks(game, state, ctl_manchuria_west=USSR))
    assert track(game, state, "obj_transbaikal_front") == AWAITING


def test_japan_does_not_see_the_fronts_objectives(game: Game) -> None:
    state = at_war(game, 4)
    state = game.apply(state, game.parse_action(ORDER))
    state = drive(game, state, lambda s: s.to_act == JAPAN)
    japan = dict(game.observe(state, JAPAN).tracks)
    ussr = dict(game.observe(state, USSR).tracks)
    assert "obj_transbaikal_front" not in japan
    assert "obj_transbaikal_front" in ussr


def test_only_moscow_sees_where_the_87th_corps_stands(game: Game) -> None:
    """The corps waits in the Sakhalin ports, with no strength until it embarks: to Tokyo and
    Washington a Soviet corps in Japanese Karafuto from the first day would show a force that
    exists only on the Stavka's plans. Only the USSR's view places it."""
    state = game.initial_state(1)
    where: dict[int, int | None] = {}
    for faction in range(len(game.rules.factions)):
        obs = game.observe(state, faction)
        assert ("pos_rifle_corps_87" in dict(obs.tracks)) == (faction == USSR)
        view = next(v for v in game.views(obs) if isinstance(v, CampaignView))
        fronts = {f.front.id: f for f in view.fronts}
        where[faction] = fronts.pop("rifle_corps_87").position
        # The other fronts stand where every side can see them.
        assert all(f.position is not None for f in fronts.values())
    sakhalin = next(r.region.index for r in view.regions if r.region.id == "south_sakhalin")
    assert where == {USSR: sakhalin, JAPAN: None, 2: None}
