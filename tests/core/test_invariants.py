"""Engine invariants for every scenario (OpenSpiel's `api_test`, as hypothesis properties).

Each property takes the session fixture `game`, parametrised over every scenario in scenarios/,
so a new scenario is covered without touching this file. Games are random playouts: the game
seed comes from hypothesis and so does every action (`data.draw(st.sampled_from(legal))`), so a
failure shrinks to a short game that can be replayed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import Action, Game, IllegalActionError, State
from game.agents import RandomAgent
from game.core.actions import CHOOSE, DO, END
from game.core.log import entries
from game.core.mechanics.bargaining import OFFER, Bargaining
from game.core.serial import state_from_dict, state_hash, state_json, state_to_dict
from game.core.state import CHOICES, ORDERS, OVER
from game.sim.play import play
from game.sim.record import load_record, make_record, replay, save_record

SEEDS = st.integers(0, 2**32 - 1)


# ---------------------------------------------------------------------------------- helpers


def step_bound(game: Game) -> int:
    """The most actions a game can take before it must be over.

    Each turn, every faction gives at most `max_orders` orders and an `end` (the engine passes
    the turn on by itself once `max_orders` are given), and each event with options asks for at
    most one choice (an event fires at most once per turn); the game lasts at most one turn per
    calendar date.
    """
    rules = game.rules
    choices = sum(1 for event in rules.events if event.options)
    per_turn = len(rules.factions) * (rules.max_orders + 1) + choices
    return len(rules.calendar) * per_turn


def walk(
    game: Game, seed: int, data: st.DataObject, steps: int | None = None
) -> tuple[list[State], list[Action]]:
    """Plays random legal actions drawn by hypothesis from the game of `seed`.

    Stops when the game is over or after `steps` actions (default: `step_bound`). Returns every
    state met, the initial one first, and the actions taken (one fewer than the states).
    """
    state = game.initial_state(seed)
    states, actions = [state], []
    for _ in range(step_bound(game) if steps is None else steps):
        if game.is_terminal(state):
            break
        action = data.draw(st.sampled_from(game.legal_actions(state, state.to_act)))
        state = game.apply(state, action)
        states.append(state)
        actions.append(action)
    return states, actions


def some_steps(game: Game, data: st.DataObject) -> int:
    """Draws how far into a game to play (often to the end, sometimes stopping early)."""
    return data.draw(st.integers(0, step_bound(game)), label="steps")


def end_everything(game: Game, state: State) -> State:
    """Plays the game to its end: every faction ends its orders, every choice takes option 0."""
    for _ in range(step_bound(game)):
        if game.is_terminal(state):
            break
        f = state.to_act
        legal = game.legal_actions(state, f)
        end = Action(f, END)
        state = game.apply(state, end if end in legal else legal[0])
    assert game.is_terminal(state), "the game did not end within its step bound"
    return state


def names_of(game: Game, action: Action) -> list[str]:
    """The ways an error message may name an action: its repr and (if it has one) notation."""
    out = [repr(action)]
    with contextlib.suppress(IndexError, ValueError):
        out.append(game.notation(action))
    return out


def illegal_candidates(game: Game, state: State, previous: State | None) -> list[Action]:
    """Actions that must be illegal in `state`, by kind of mistake (see the test's docstring)."""
    rules = game.rules
    n = len(rules.factions)
    out: list[Action] = []
    if game.is_terminal(state):
        # (e) anything once the game is over: each faction's `end`, and whatever was legal
        # just before the end.
        out += [Action(f, END) for f in range(n)]
        if previous is not None and not game.is_terminal(previous):
            out += game.legal_actions(previous, previous.to_act)
        return out
    me = state.to_act
    legal = game.legal_actions(state, me)
    # (a) the wrong faction: another faction's `end`, the acting faction's actions given in
    # another's name, factions that do not exist, verbs and scenario actions that do not exist.
    for g in range(n):
        if g != me:
            out.append(Action(g, END))
            out += [a._replace(faction=g) for a in legal]
    out += [Action(n, END), Action(-1, END)]
    out += [Action(me, "no-such-verb"), Action(me, DO, len(rules.actions)), Action(me, END, 1)]
    # (b) what another faction could do if it were to act.
    for g in range(n):
        if g != me:
            out += game.legal_actions(dataclasses.replace(state, to_act=g), g)
    if state.phase == CHOICES:
        # (d) choices of options or events that are not the one awaiting an answer.
        event = rules.events[state.pending[0][0]]
        out += [
            Action(me, CHOOSE, event.index, len(event.options)),
            Action(me, CHOOSE, event.index, -1),
            Action(me, CHOOSE, len(rules.events), 0),
            Action(me, END),
        ]
        out += [Action(me, CHOOSE, e.index, 0) for e in rules.events if e.index != event.index]
        return out
    # (d) a choice when no event awaits one.
    out += [Action(me, CHOOSE, e.index, 0) for e in rules.events if e.options]
    # (c) offers off the price grid or outside the open interval between the two standing
    # prices (and outside floor..ceiling).
    for mech in rules.mechanics:
        if not isinstance(mech, Bargaining) or me not in (mech.seller.faction, mech.buyer.faction):
            continue
        ask, bid = state.tracks[mech.seller.price], state.tracks[mech.buyer.price]
        middle = (ask + bid) // 2 if ask > 0 else (mech.floor + mech.ceiling) // 2
        prices = {mech.floor - mech.step, mech.ceiling + mech.step}  # outside floor..ceiling
        prices |= {p for p in (ask, bid) if p > 0}  # not strictly between the two prices
        prices |= {p for p in (mech.floor + 1, middle + 1, mech.ceiling - 1) if p % mech.step}
        out += [Action(me, OFFER, 0, p) for p in sorted(prices)]
        out.append(Action(me, OFFER, 1, mech.floor))  # an offer takes no `ref`
        if any(o.kind == OFFER for o in state.orders[me]):
            out += [Action(me, OFFER, 0, p) for p in (mech.floor, mech.ceiling)]
    return out


# ------------------------------------------------------------------------------ properties


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_random_playouts_end_within_the_calendar(
    game: Game, seed: int, data: st.DataObject
) -> None:
    """Every game ends, and no state ever lies past the scenario's last calendar turn."""
    last = len(game.rules.calendar) - 1
    states, _ = walk(game, seed, data)
    for state in states:
        assert 0 <= state.turn <= last
    assert game.is_terminal(states[-1]), f"still running after {step_bound(game)} actions"


@settings(max_examples=25, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_only_the_faction_to_act_has_legal_actions(
    game: Game, seed: int, data: st.DataObject
) -> None:
    """A running game offers its acting faction a sorted, duplicate-free, non-empty list;
    every other faction (and everyone once the game is over) gets []. In the CHOICES phase the
    faction to act is the chooser of the event awaiting an answer, and may pick its options."""
    n = len(game.rules.factions)
    states, _ = walk(game, seed, data)
    for state in states:
        if game.is_terminal(state):
            assert game.to_act(state) == -1
            assert all(game.legal_actions(state, f) == [] for f in range(n))
            continue
        me = game.to_act(state)
        assert 0 <= me < n
        legal = game.legal_actions(state, me)
        assert legal, "a running game must offer its faction an action"
        assert legal == sorted(legal)
        assert len(set(legal)) == len(legal)
        assert all(a.faction == me for a in legal)
        for g in range(n):
            if g != me:
                assert game.legal_actions(state, g) == []
        if state.phase == CHOICES:
            # The event's own chooser answers it, picking one of its options.
            event = game.rules.events[game.observe(state, me).choice]
            assert event.chooser == me
            assert legal == [Action(me, CHOOSE, event.index, o.index) for o in event.options]


def test_no_legal_actions_once_the_game_is_over(game: Game) -> None:
    """`legal_actions(s, to_act(s))` is [] at the end: `to_act` is -1 there, and -1 is no
    faction, so it must not read as "the last faction" (Python's negative indexing)."""
    state = end_everything(game, game.initial_state(0))
    faction = game.to_act(state)
    assert faction == -1
    assert game.legal_actions(state, faction) == []


@settings(max_examples=12, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_every_legal_action_applies_the_same_way_twice(
    game: Game, seed: int, data: st.DataObject
) -> None:
    """Every legal action is accepted by `why_illegal` and `apply`; applying it again to the same
    state gives an equal state; and `apply` never changes the state it is given."""
    states, _ = walk(game, seed, data, some_steps(game, data))
    for state in states:
        if game.is_terminal(state):
            continue
        before = state_to_dict(state)
        for action in game.legal_actions(state, state.to_act):
            assert game.why_illegal(state, action) is None, game.notation(action)
            after = game.apply(state, action)
            again = game.apply(state, action)
            assert again == after, game.notation(action)
            assert state_hash(again) == state_hash(after)
        assert state_to_dict(state) == before


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_illegal_actions_raise_and_leave_the_state_alone(
    game: Game, seed: int, data: st.DataObject
) -> None:
    """Illegal actions raise IllegalActionError (a ValueError) naming the action, and leave the
    state as it was. Kinds of mistake: (a) acting for the wrong faction, (b) an action another
    faction could take if it were to act, (c) offers off the price grid or outside the range,
    (d) a choice of an unknown option or event, (e) anything after the game ended."""
    assert issubclass(IllegalActionError, ValueError)
    states, _ = walk(game, seed, data, some_steps(game, data))
    for previous, state in zip([None, *states[:-1]], states, strict=True):
        legal = set() if game.is_terminal(state) else set(game.legal_actions(state, state.to_act))
        before = state_to_dict(state)
        for action in illegal_candidates(game, state, previous):
            assert action not in legal
            assert game.why_illegal(state, action), f"{action!r} should be illegal"
            with pytest.raises(IllegalActionError) as err:
                game.apply(state, action)
            message = str(err.value)
            assert any(name in message for name in names_of(game, action)), message
        assert state_to_dict(state) == before


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_same_seed_and_actions_give_the_same_game(
    game: Game, seed: int, data: st.DataObject
) -> None:
    """Replaying a game's actions from the same seed, even on a fresh `Game`, passes through
    equal states with equal hashes and identical canonical JSON."""
    states, actions = walk(game, seed, data, some_steps(game, data))
    fresh = Game(game.rules)
    state = fresh.initial_state(seed)
    assert state == states[0]
    for action, expected in zip(actions, states[1:], strict=True):
        state = fresh.apply(state, action)
        assert state_hash(state) == state_hash(expected)
    assert state == states[-1]
    assert json.dumps(state_to_dict(state), sort_keys=True) == json.dumps(
        state_to_dict(states[-1]), sort_keys=True
    )
    assert state_json(state) == state_json(states[-1])


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_states_survive_a_json_round_trip(game: Game, seed: int, data: st.DataObject) -> None:
    """`state_from_dict(state_to_dict(s)) == s` (through JSON text), and the restored state
    plays on exactly like the original."""
    states, _ = walk(game, seed, data, some_steps(game, data))
    for state in states:
        restored = state_from_dict(json.loads(json.dumps(state_to_dict(state))))
        assert restored == state
        assert state_hash(restored) == state_hash(state)
        if not game.is_terminal(state):
            legal = game.legal_actions(state, state.to_act)
            assert game.legal_actions(restored, restored.to_act) == legal
            action = data.draw(st.sampled_from(legal))
            assert game.apply(restored, action) == game.apply(state, action)


@settings(max_examples=10, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_save_load_replay_gives_the_same_state(
    game: Game, seed: int, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A game saved to a file (at any point), loaded and replayed, ends in an equal state."""
    states, actions = walk(game, seed, data, some_steps(game, data))
    record = make_record(game, seed, [game.notation(a) for a in actions], states[-1])
    path = tmp_path_factory.mktemp("saves") / "game.json"
    save_record(path, record)
    loaded = load_record(path)
    assert loaded == record
    assert replay(loaded) == states[-1]


def test_a_finished_game_saved_to_a_file_replays_exactly(game: Game, tmp_path: Path) -> None:
    """The plain file round trip of a whole game played by agents (`game.sim.play`)."""
    agents = {f.index: RandomAgent() for f in game.rules.factions}
    record, final = play(game, agents, 11)
    assert game.is_terminal(final)
    path = tmp_path / "finished.json"
    save_record(path, record)
    assert json.loads(path.read_text(encoding="utf-8"))["actions"] == list(record.actions)
    loaded = load_record(path)
    assert loaded == record
    replayed = replay(loaded)
    assert replayed == final
    assert state_hash(replayed) == record.state_hash


@settings(max_examples=15, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_notation_round_trips_and_labels_exist(game: Game, seed: int, data: st.DataObject) -> None:
    """`parse_action(notation(a)) == a` and `label(a)` is a non-empty string, for every legal
    action met."""
    states, _ = walk(game, seed, data)
    for state in states:
        if game.is_terminal(state):
            continue
        for action in game.legal_actions(state, state.to_act):
            text = game.notation(action)
            assert game.parse_action(text) == action, text
            label = game.label(action)
            assert isinstance(label, str)
            assert label.strip(), text


@st.composite
def hidden_variant(draw: st.DrawFn, game: Game, state: State, faction: int) -> State:
    """`state` with other values for the tracks `faction` does not observe (within their
    bounds) and other orders for the other factions this turn."""
    bit = 1 << faction
    tracks = list(state.tracks)
    for track in game.rules.tracks:
        if not track.mask & bit and track.lo < track.hi:
            value = draw(st.integers(track.lo, track.hi - 1))
            tracks[track.index] = value if value < tracks[track.index] else value + 1
    orders = list(state.orders)
    for g in range(len(game.rules.factions)):
        if g == faction:
            continue
        own = [Action(g, DO, a.index) for a in game.rules.actions if a.faction == g]
        if own:
            size = game.rules.max_orders
            orders[g] = tuple(draw(st.lists(st.sampled_from(own), max_size=size, unique=True)))
        else:
            orders[g] = ()
    return dataclasses.replace(state, tracks=tuple(tracks), orders=tuple(orders))


@settings(max_examples=25, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_observations_ignore_what_a_faction_cannot_see(
    game: Game, seed: int, data: st.DataObject
) -> None:
    """Two states that differ only in tracks a faction does not observe and in the other
    factions' orders of this turn look the same to it (observation, score and, if it is to act,
    its legal actions). Its observation holds exactly the tracks whose mask includes it, and
    exactly the log lines whose mask includes it."""
    states, _ = walk(game, seed, data, some_steps(game, data))
    state = states[-1]
    for f in range(len(game.rules.factions)):
        bit = 1 << f
        obs = game.observe(state, f)
        seen = [(t.id, state.tracks[t.index]) for t in game.rules.tracks if t.mask & bit]
        assert list(obs.tracks) == seen
        assert list(obs.log) == [e for e in entries(state.log) if e.mask & bit]
        assert obs.own_orders == state.orders[f]
        other = data.draw(hidden_variant(game, state, f))
        assert game.observe(other, f) == obs
        assert game.score(other, f) == game.score(state, f)
        if state.to_act == f:
            assert game.legal_actions(other, f) == game.legal_actions(state, f)


@settings(max_examples=25, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_outcome_is_set_exactly_when_the_game_is_over(
    game: Game, seed: int, data: st.DataObject
) -> None:
    """Running games have no outcome; a finished one names an end rule and an outcome class.
    `returns` gives one finite float per faction, equal to the outcome's scores at the end."""
    rules = game.rules
    end_ids = {r.id for r in rules.end_rules}
    class_ids = {c.id for c in rules.outcome_classes} | {"other"}
    states, _ = walk(game, seed, data)
    for state in states:
        returns = game.returns(state)
        assert sorted(returns) == list(range(len(rules.factions)))
        assert all(isinstance(v, float) and math.isfinite(v) for v in returns.values())
        outcome = game.outcome(state)
        if not game.is_terminal(state):
            assert outcome is None
            assert state.phase in (ORDERS, CHOICES)
            continue
        assert state.phase == OVER
        assert outcome is not None
        assert outcome.reason in end_ids
        assert outcome.reason == rules.end_rules[state.outcome].id
        assert outcome.outcome_class in class_ids
        assert outcome.label
        assert outcome.class_label
        assert outcome.scores == {f.id: returns[f.index] for f in rules.factions}


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_determinize_keeps_what_the_faction_observes(
    game: Game, seed: int, data: st.DataObject
) -> None:
    """A state sampled from a faction's observation shows that faction the same tracks, turn,
    own orders and score; hidden tracks lie within their bounds. The acting faction gets the
    same legal actions there as in the true state."""
    states, _ = walk(game, seed, data, some_steps(game, data))
    rng = random.Random(seed)
    for state in states:
        for f in range(len(game.rules.factions)):
            obs = game.observe(state, f)
            sample = game.determinize(obs, rng)
            again = game.observe(sample, f)
            assert again.tracks == obs.tracks
            assert again.turn == obs.turn
            assert again.own_orders == obs.own_orders
            assert again.score == obs.score
            for track in game.rules.tracks:
                assert track.lo <= sample.tracks[track.index] <= track.hi
            if not game.is_terminal(state) and state.to_act == f:
                assert game.legal_actions(sample, f) == game.legal_actions(state, f)
