"""Rule cases of the August 1945 scenario: the attack countdown, the surrender model, hidden
information, the campaign's odds and the distance from history."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from game import Game, State, load_game
from game.core.actions import CHOOSE, END, Action
from game.core.effects import Add, Chance, Effect, Set, SetTurn, When
from game.core.log import entries
from game.core.state import CHOICES
from tests.august.runs import SCENARIO, historical_runs

USSR, JAPAN, USA = 0, 1, 2


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game(SCENARIO)


@pytest.fixture(scope="module")
def quick() -> Game:
    return load_game(SCENARIO, "quick_start")


def track(game: Game, state: State, track_id: str) -> int:
    return state.tracks[game.rules.track_index(track_id)]


def drive(
    game: Game,
    state: State,
    stop: Callable[[State], bool],
    orders: dict[dt.date, list[str]] | None = None,
) -> State:
    """Plays on until `stop(state)`: each faction gives the orders listed for the day (if
    legal) and ends its turn; every event choice takes the option marked historical."""
    orders = orders or {}
    for _ in range(5000):
        if stop(state) or game.is_terminal(state):
            return state
        f = state.to_act
        legal = game.legal_actions(state, f)
        if state.phase == CHOICES:
            event = game.rules.events[state.pending[0][0]]
            pick = next(o.index for o in event.options if o.historical)
            state = game.apply(state, Action(f, CHOOSE, event.index, pick))
            continue
        texts = orders.get(game.rules.date(state.turn), [])
        state = fronts_ready(game, state, texts)
        legal = game.legal_actions(state, f)
        wanted = [game.parse_action(t) for t in texts]
        todo = [a for a in wanted if a.faction == f and a in legal]
        state = game.apply(state, todo[0] if todo else Action(f, END))
    raise AssertionError("the game did not stop")


def fronts_ready(game: Game, state: State, orders: list[str]) -> State:
    """On a day a test orders the attack (or moves it up), the fronts are made ready for it: the
    command formed and readiness at least the order's 84 (and, to move it up, news of a bomb),
    so that the tests of the attack's mechanics can order it on any date. The gate itself is
    tested in test_decisions (issue 14 item 5)."""
    if "ussr:order_attack" in orders and not track(game, state, "at_war"):
        ready = max(84, track(game, state, "readiness"))
        state = with_tracks(game, state, far_east_command=1, readiness=ready)
    news = track(game, state, "bombs_used") or track(game, state, "offer_made")
    if "ussr:advance_attack" in orders and not news:
        state = with_tracks(game, state, offer_made=1)
    return state


def day(game: Game, state: State, track_id: str) -> dt.date | None:
    value = track(game, state, track_id)
    return game.rules.date(value) if value >= 0 else None


def with_tracks(game: Game, state: State, **values: int) -> State:
    tracks = list(state.tracks)
    for track_id, value in values.items():
        tracks[game.rules.track_index(track_id)] = value
    return dataclasses.replace(state, tracks=tuple(tracks))


# ------------------------------------------------------------------------- the attack date


def test_the_attack_needs_five_full_days_from_order_to_crossing(quick: Game) -> None:
    """Vasilevskii: "a minimum of five full days" from the order to the crossing [003 ¶45]."""
    state = quick.initial_state(1)
    ordered = dt.date(1945, 7, 8)  # a review day (see the track review_day)
    state = drive(
        quick,
        state,
        lambda s: track(quick, s, "war_turn") >= 0,
        {ordered: ["ussr:order_attack"]},
    )
    assert day(quick, state, "war_turn") == ordered + dt.timedelta(days=6)
    assert track(quick, state, "at_war") == 1


def test_moving_the_attack_up_saves_two_days_and_costs_readiness(quick: Game) -> None:
    """Stalin's 48-hour advance of 7 August [003 ¶51]; a hurried start costs readiness."""
    ordered, advanced = dt.date(1945, 7, 8), dt.date(1945, 7, 10)
    start = quick.initial_state(1)
    plain = drive(
        quick,
        start,
        lambda s: quick.rules.date(s.turn) > advanced,
        {ordered: ["ussr:order_attack"]},
    )
    hurried = drive(
        quick,
        start,
        lambda s: quick.rules.date(s.turn) > advanced,
        {ordered: ["ussr:order_attack"], advanced: ["ussr:advance_attack"]},
    )
    assert track(quick, hurried, "readiness") < track(quick, plain, "readiness")
    hurried = drive(quick, hurried, lambda s: track(quick, s, "war_turn") >= 0)
    assert day(quick, hurried, "war_turn") == ordered + dt.timedelta(days=4)


def test_japan_does_not_see_the_attack_coming(quick: Game) -> None:
    """Japan has "no real idea" when the attack will come [004 L85]: the order and countdown
    are Soviet secrets, and so are the talks with China on the Yalta terms."""
    ordered = dt.date(1945, 7, 8)
    state = drive(
        quick,
        quick.initial_state(2),
        lambda s: quick.rules.date(s.turn) > ordered,
        {ordered: ["ussr:order_attack"]},
    )
    japan = dict(quick.observe(state, JAPAN).tracks)
    ussr = dict(quick.observe(state, USSR).tracks)
    for secret in ("attack_ordered", "attack_countdown", "readiness", "china_progress"):
        assert secret not in japan
        assert secret in ussr
    assert ussr["attack_countdown"] == 5


BORDER = ("manchuria_west", "manchuria_north", "manchuria_east")


def border(game: Game, state: State) -> list[int]:
    return [track(game, state, f"gar_{region}") for region in BORDER]


def after(game: Game, date: dt.date) -> Callable[[State], bool]:
    """Returns a stop condition for `drive`: the first turn dated after `date`."""
    return lambda s: game.rules.date(s.turn) > date


def stronger(now: list[int], before: list[int]) -> bool:
    return all(a > b for a, b in zip(now, before, strict=True))


def test_tokyo_reads_a_hurried_build_up_and_mans_the_border(quick: Game) -> None:
    """Japanese intelligence watched the Trans-Siberian and, with the traffic of history,
    expected no attack before the end of August [004 L109]: at history's estimate (62 on
    1 July) the border stays lightly held through August; from 75 Tokyo expects the attack in
    August, from 90 in July, and the Kwantung Army mans the border before the Soviets cross."""
    start = quick.initial_state(3)
    light = border(quick, start)
    assert track(quick, start, "japan_alert") == 62
    august, july = after(quick, dt.date(1945, 8, 20)), after(quick, dt.date(1945, 7, 25))
    assert border(quick, drive(quick, start, august)) == light
    seventy_five = with_tracks(quick, start, japan_alert=75)
    assert border(quick, drive(quick, seventy_five, july)) == light
    assert stronger(border(quick, drive(quick, seventy_five, august)), light)
    ninety = with_tracks(quick, start, japan_alert=90)
    assert stronger(border(quick, drive(quick, ninety, july)), light)


def test_history_keeps_the_surprise() -> None:
    """History's build-up leaves Tokyo's estimate below the August threshold, so the Soviet
    attack of 9 August meets a border held lightly [004 L109-111]."""
    assert all(r.tracks["japan_alert"] < 75 for r in historical_runs(None, 150))


def test_hurrying_from_february_gains_nothing_before_germany_capitulates(game: Game) -> None:
    """The divisions a hurried build-up sends east came from Europe, after Germany's
    capitulation [003 ¶10; ¶21] (issue 14 item 5): hurrying from February readies the fronts no
    sooner, and alerts Tokyo no more, than hurrying from May."""
    weeks = [game.rules.date(t) for t in range(20)]
    start = game.initial_state(2)
    stop = after(game, dt.date(1945, 7, 20))
    early = drive(game, start, stop, {week: ["ussr:build_up"] for week in weeks})
    may = [w for w in weeks if w >= dt.date(1945, 5, 6)]
    late = drive(game, start, stop, {week: ["ussr:build_up"] for week in may})
    assert track(game, early, "readiness") == track(game, late, "readiness")
    assert track(game, early, "japan_alert") == track(game, late, "japan_alert")
    unhurried = drive(game, start, stop)
    assert track(game, early, "readiness") > track(game, unhurried, "readiness")


def test_knowing_the_bomb_works_speeds_the_soviet_build_up(quick: Game) -> None:
    """After Truman's hint Molotov ended the stalling of Japan: "All efforts now had to be
    concentrated on waging a war against Japan" [003 ¶35]."""
    start = quick.initial_state(4)
    stop = after(quick, dt.date(1945, 7, 15))
    unaware = drive(quick, start, stop)
    assert track(quick, unaware, "bomb_intel") < 100
    aware = drive(quick, with_tracks(quick, start, bomb_intel=100), stop)
    assert track(quick, aware, "readiness") > track(quick, unaware, "readiness")


def test_the_kurils_in_the_soviet_zone_count_for_moscow(game: Game) -> None:
    """All the Kurils in the Soviet zone of General Order No. 1 — the Yalta article honoured
    by Washington [003 ¶11; ¶64; ¶66] — is worth points to the USSR alone."""
    state = game.initial_state(5)
    granted = with_tracks(game, state, go1_kurils=1)
    before, after = game.returns(state), game.returns(granted)
    assert after[USSR] > before[USSR]
    assert after[JAPAN] == before[JAPAN]
    assert after[USA] == before[USA]


# -------------------------------------------------------------------- the surrender model


def _effects(effects: tuple[Effect, ...]) -> list[Effect]:
    out: list[Effect] = []
    for effect in effects:
        out.append(effect)
        if isinstance(effect, Chance | When):
            out += _effects(effect.then) + _effects(effect.otherwise)
    return out


def test_no_dated_event_decides_the_surrender(game: Game) -> None:
    """The surrender must come from the model, never from an event scheduled on a historical
    date: no event tied to a single day touches the acceptance or the offer."""
    decisive = {game.rules.track_index(t) for t in ("accepted", "accepted_turn", "offer_pending")}
    for event in game.rules.events:
        if event.first != event.last:
            continue
        found = _effects(event.effects)
        for option in event.options:
            if option.historical:
                found += _effects(option.effects)
        touched = {e.track for e in found if isinstance(e, Add | Set | SetTurn)}
        assert not touched & decisive, event.id


def _with_threshold(tmp_path: Path, value: int) -> str:
    path = tmp_path / f"threshold_{value}.yaml"
    path.write_text(
        "variant: threshold_test\nscenario: august-1945\ntitle: Threshold test\n"
        "question: What if?\nchanges:\n"
        "  - {set: tracks.emperor_threshold.range, value: [0, 200]}\n"
        f"  - {{set: tracks.emperor_threshold.initial, value: {value}}}\n",
        encoding="utf-8",
    )
    return str(path)


def _historical_play(game: Game, seed: int) -> State:
    from game.agents import make_agent
    from game.sim.play import play

    agents = {f.index: make_agent("historical", game, f.index) for f in game.rules.factions}
    return play(game, agents, seed)[1]


def test_the_surrender_waits_for_the_emperors_threshold(tmp_path: Path) -> None:
    """With the threshold out of the peace party's reach (above 100), historical play brings no
    surrender at all; with it at
    zero, the Emperor intervenes as soon as there is a Proclamation to accept."""
    never = load_game(SCENARIO, _with_threshold(tmp_path, 101))
    early = load_game(SCENARIO, _with_threshold(tmp_path, 0))
    for seed in range(6):
        state = _historical_play(never, seed)
        assert track(never, state, "accepted") == 0
        assert track(never, state, "offer_made") == 0
        assert never.outcome(state).outcome_class == "prolonged_war"  # type: ignore[union-attr]
        state = _historical_play(early, seed)
        offer = day(early, state, "offer_turn")
        assert offer is not None
        assert dt.date(1945, 7, 26) <= offer <= dt.date(1945, 7, 31), offer


def test_the_threshold_is_hidden_from_everyone(game: Game) -> None:
    state = game.initial_state(3)
    for f in range(3):
        seen = dict(game.observe(state, f).tracks)
        assert "emperor_threshold" not in seen
        assert "china_resolve" not in seen


def test_the_americans_do_not_see_inside_the_japanese_government(game: Game) -> None:
    state = game.initial_state(4)
    usa = dict(game.observe(state, USA).tracks)
    japan = dict(game.observe(state, JAPAN).tracks)
    for internal in ("peace", "war_party", "emperor_decided", "moscow_hope"):
        assert internal not in usa
        assert internal in japan
    assert "china_progress" in usa
    assert "bomb_ready" in usa
    assert "bomb_ready" not in dict(game.observe(state, USSR).tracks)


def test_the_yalta_agreement_is_kept_from_japan(game: Game) -> None:
    state = drive(game, game.initial_state(5), lambda s: s.turn >= 1)
    lines = [e.text for e in entries(state.log)]
    assert any("Yalta secret agreement" in line for line in lines)
    seen = [e.text for e in game.observe(state, JAPAN).log]
    assert not any("Yalta" in line for line in seen)


def test_moscow_learns_of_the_bomb_only_through_intelligence(game: Game) -> None:
    """Truman's half-truth of 24 July [003 ¶34] copies the programme's state into Moscow's
    intelligence; before any report, Moscow knows nothing."""
    start = game.initial_state(6)
    assert track(game, start, "bomb_intel") == 0
    state = drive(game, start, lambda s: game.rules.date(s.turn) > dt.date(1945, 7, 24))
    assert track(game, state, "bomb_intel") == track(game, state, "bomb_progress") == 100
    assert "bomb_intel" in dict(game.observe(state, USSR).tracks)
    assert "bomb_progress" not in dict(game.observe(state, USSR).tracks)


# ------------------------------------------------------------------------------ campaign


def test_the_campaign_shows_its_odds(game: Game) -> None:
    state = drive(
        game,
        game.initial_state(7),
        lambda s: s.to_act == USSR and s.phase != CHOICES and track(game, s, "war_turn") >= 0,
        {d: ["ussr:order_attack"] for d in (dt.date(1945, 7, 29),)},
    )
    attacks = [a for a in game.legal_actions(state, USSR) if a.kind == "attack"]
    assert attacks, "at war, the fronts must have targets"
    for action in attacks:
        odds = game.odds(state, action)
        assert odds is not None
        assert 0.05 <= odds <= 0.9
        assert game.label(action).strip()
    hokkaido = game.parse_action("ussr:attack:pacific_fleet:hokkaido")
    assert hokkaido in attacks, "a landing on Hokkaido is a real option"


def test_no_region_is_both_a_land_and_a_sea_neighbour(game: Game) -> None:
    """The campaign would offer such an attack twice (once per link)."""
    campaign = game.rules.mechanics[0]
    for region in campaign.regions:
        assert not set(region.land) & set(region.sea), region.id


def test_history_never_lands_on_hokkaido() -> None:
    runs = historical_runs(None, 150)
    assert all(r.controllers["hokkaido"] == 1 for r in runs)
    assert all(r.tracks["hokkaido_demanded"] == 1 for r in runs), "Stalin asked [003 ¶64]"


# ---------------------------------------------------------------------------- distance


def test_distance_is_public_and_grows_away_from_history(game: Game) -> None:
    """The distance from history (the scenario's `distance:` facts) is the same for every
    faction, larger without Soviet entry than in history, and a Soviet Hokkaido adds to it."""
    state = drive(game, game.initial_state(8), lambda s: s.turn >= 70)
    assert len({game.observe(state, f).distance for f in range(3)}) == 1
    at_war = with_tracks(game, state, at_war=1, ctl_hokkaido=1)
    landed = with_tracks(game, state, at_war=1, ctl_hokkaido=0)
    weight = next(t.weight for t in game.rules.distance if t.id == "hokkaido")
    assert game.distance(landed) == pytest.approx(game.distance(at_war) + weight)

    def mean(runs: tuple) -> float:
        return sum(r.distance for r in runs) / len(runs)

    assert mean(historical_runs(None, 150)) < mean(historical_runs("no_soviet_entry", 60))
