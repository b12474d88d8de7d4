"""The chronicle's typed records (`game.core.records`): one beside every line that tells an event
fired, a choice made, a scenario order carried out or lapsed, a mechanic's result, the end.

Checked from the records' side on whole games of every scenario (random and historical agents,
a few seeds): the records agree with the state (`fired`, `outcome`) and with the actions played,
observations carry exactly the records of the lines their faction sees, and records stay out of
equality, saves and the state hash.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from game import Action, Game, State, load_game
from game.agents import make_agents
from game.core.actions import CHOOSE, DO
from game.core.log import LogEntry, entries
from game.core.records import (
    AcceptanceOverruled,
    AgreementReached,
    AttackResolved,
    AuctionCleared,
    EventFired,
    FishingSeason,
    GameEnded,
    OfferMade,
    OptionChosen,
    OrderGiven,
    OrderLapsed,
    Record,
    TermsProposed,
)
from game.core.serial import state_from_dict, state_hash, state_json, state_to_dict
from game.sim.play import play

SEEDS = (1, 2, 3)
AGENTS = ("random", "historical")

MECHANIC_RECORDS: dict[str, set[type]] = {
    "railway-sale": {OfferMade, TermsProposed, AcceptanceOverruled, AgreementReached},
    "august-1945": {AttackResolved},
    "fishery-auctions": {AuctionCleared, FishingSeason},
}
"""Records of each scenario's mechanics that some of the games below write."""


def _games(game: Game) -> list[tuple[State, list[Action]]]:
    """Returns the final state and the actions of each game played for these tests."""
    out = []
    for agent in AGENTS:
        for seed in SEEDS:
            agents = make_agents(game, {f.id: agent for f in game.rules.factions})
            record, final = play(game, agents, seed)
            out.append((final, [game.parse_action(a) for a in record.actions]))
    return out


@pytest.fixture(scope="module")
def played(game: Game) -> list[tuple[State, list[Action]]]:
    return _games(game)


def _records(state: State) -> list[Record]:
    return [e.record for e in entries(state.log) if e.record is not None]


def test_each_fired_event_has_its_record(
    game: Game, played: list[tuple[State, list[Action]]]
) -> None:
    """A one-off event that fired has exactly one `EventFired`; a repeating one at least one;
    an event that never fired none. The record's line is the event's title and text."""
    for final, _ in played:
        counts = Counter(r.event for r in _records(final) if isinstance(r, EventFired))
        for event in game.rules.events:
            fired = bool(final.fired >> event.index & 1)
            if not fired:
                assert counts[event.index] == 0, event.id
            elif event.repeat:
                assert counts[event.index] >= 1, event.id
            else:
                assert counts[event.index] == 1, event.id
        for entry in entries(final.log):
            if isinstance(entry.record, EventFired):
                event = game.rules.events[entry.record.event]
                assert entry.text == f"{event.title}. {event.text}"
                assert (entry.mask, entry.cite) == (event.mask, event.cite)


def test_each_choice_and_order_has_its_record(
    game: Game, played: list[tuple[State, list[Action]]]
) -> None:
    """`OptionChosen` records are the game's `choose` actions, in order; every `do` order given
    was either carried out (`OrderGiven`, with a result when it has odds) or lapsed."""
    for final, actions in played:
        records = _records(final)
        chosen = [r for r in records if isinstance(r, OptionChosen)]
        choices = [a for a in actions if a.kind == CHOOSE]
        assert [(r.event, r.option, r.faction) for r in chosen] == [
            (a.ref, a.amount, a.faction) for a in choices
        ]
        orders = [r for r in records if isinstance(r, OrderGiven | OrderLapsed)]
        assert Counter(r.action for r in orders) == Counter(a for a in actions if a.kind == DO)
        for r in orders:
            adef = game.rules.actions[r.action.ref]
            assert r.faction == r.action.faction == adef.faction
            if isinstance(r, OrderGiven):
                assert (r.success is None) == (adef.odds is None), adef.id


def test_the_end_has_its_record(game: Game, played: list[tuple[State, list[Action]]]) -> None:
    for final, _ in played:
        ended = [r for r in _records(final) if isinstance(r, GameEnded)]
        assert ended == [GameEnded(final.outcome)]
        assert entries(final.log)[-1].record == ended[0]


def test_mechanics_write_their_records(
    game: Game, played: list[tuple[State, list[Action]]]
) -> None:
    """The mechanics' lines carry their results (and these games meet every kind of them)."""
    seen: set[type] = set()
    for final, _ in played:
        for entry in entries(final.log):
            match entry.record:
                case AttackResolved(taken=taken):
                    assert (" takes " in entry.text) == taken
                case AgreementReached() | AcceptanceOverruled() | OfferMade() | TermsProposed():
                    pass
                case AuctionCleared(sold=sold, renewed=renewed, grounds=grounds):
                    lots = "1 lot" if sold == 1 else f"{sold} lots"
                    assert f"Auction: {lots} let (" in entry.text
                    assert f"({grounds} ground" in entry.text
                    assert entry.text.startswith("Holdings frozen") == (renewed >= 0)
                case FishingSeason(runs=runs, catches=catches):
                    assert entry.text.startswith("Fishing season: runs")
                    assert len(catches) == len(game.rules.factions)
                    assert runs
                case _:
                    continue
            seen.add(type(entry.record))
    assert seen == MECHANIC_RECORDS[game.rules.id]


def test_observations_carry_the_records_of_the_lines_they_show(
    game: Game, played: list[tuple[State, list[Action]]]
) -> None:
    """A faction's observation holds the records of the lines it may see, and no others."""
    for final, _ in played:
        for f in range(len(game.rules.factions)):
            shown = [e.record for e in game.observe(final, f).log]
            assert shown == [e.record for e in entries(final.log) if e.mask >> f & 1]


def test_a_secret_order_and_its_result_reach_only_its_giver() -> None:
    """The Soviet approach to Washington is secret: its line, with the roll's result in its
    record, is in the Soviet observation and not in Japan's."""
    game = load_game("railway-sale")
    court = game.parse_action("ussr:court_us")
    state = _finish_turn(game, game.apply(game.initial_state(1), court))
    given = [e.record for e in entries(state.log) if isinstance(e.record, OrderGiven)]
    ours = next(r for r in given if r.action == court)
    assert ours.success is not None  # the order has odds
    ussr, japan = (game.observe(state, f).log for f in (0, 1))
    assert ours in [e.record for e in ussr]
    assert ours not in [e.record for e in japan]
    assert any(isinstance(e.record, OrderGiven) for e in japan)  # Japan's own orders


def _finish_turn(game: Game, state: State) -> State:
    """Finishes the turn: every faction's first legal action until the turn resolves."""
    turn = state.turn
    while state.turn == turn and not game.is_terminal(state):
        state = game.apply(state, game.legal_actions(state, state.to_act)[0])
    return state


def test_records_stay_out_of_equality_saves_and_the_hash(
    game: Game, played: list[tuple[State, list[Action]]]
) -> None:
    """Saves and the hash keep the text only: a state restored from its JSON has no records,
    yet equals the original and hashes the same."""
    final, _ = played[0]
    data = state_to_dict(final)
    assert all(len(line) == 4 for line in data["log"])  # turn, mask, text, cite
    restored = state_from_dict(data)
    assert all(e.record is None for e in entries(restored.log))
    assert restored == final
    assert hash(restored.log) == hash(final.log)
    assert state_hash(restored) == state_hash(final)
    assert state_json(restored) == state_json(final)
    line = LogEntry(3, 1, "text", "cite")
    assert line == LogEntry(3, 1, "text", "cite", EventFired(0))
    assert hash(line) == hash(LogEntry(3, 1, "text", "cite", EventFired(0)))
    # A dated event's own date (issue 14 item 6) is, like the record, left out of all three.
    dated = LogEntry(3, 1, "text", "cite", EventFired(0), dt.date(1936, 11, 25))
    assert line == dated
    assert hash(line) == hash(dated)
    assert all(e.date is None for e in entries(restored.log))
