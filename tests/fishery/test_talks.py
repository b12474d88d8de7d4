"""Rule cases of when Moscow's diplomatic orders open, and of the two sides' aims in 1939.

Persona games (issue 14) exposed orders given where the sources leave no room for them:

- a freeze proposed by Moscow before the Manchurian Incident (it cut the Japanese share from 80 %
  to about half by 1931 [001 L7], and froze the claims only in 1932 [001 L7; L25]);
- the demand for 40 grounds made on the day of the 13 March 1939 auction (it was the price of
  the 1939 extension, made at the end of 1938 [001 L8]);
- an extension offered between the two auctions of 1939, which forestalled the April compromise
  that brought it in history [001 L8-9].

- a long-term convention signed by a roll on Tokyo's proposal, before the pact with Germany,
  which Moscow could not refuse (it signed none, and refused the 1936 text [001 L7]): Moscow now
  answers the proposal.

And the aims: Tokyo refused the demand [001 L8] (its persona counts giving the grounds up to the
ultimatum a red line); Moscow wanted grounds back as the price of the extension [001 L8-9].
"""

from __future__ import annotations

import dataclasses

import pytest

from game import Game, State, load_game
from game.core.effects import targets
from tests.core.support import track, with_tracks

USSR, JAPAN = 0, 1
MARCH_1939, APRIL_1939 = 12, 13
"""Turn indices: 1928-1939 by the year (0-11), then the auctions of 13 March and 3 April."""


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game("fishery-auctions")


def at(game: Game, turn: int, *fired: str, **tracks: int) -> State:
    """The start state moved to `turn`, with the named events fired and tracks set."""
    s = game.initial_state(3)
    ids = [e.id for e in game.rules.events]
    mask = 0
    for event in fired:
        mask |= 1 << ids.index(event)
    assert game.rules.date(turn).year == min(1928 + turn, 1939)
    return with_tracks(game, dataclasses.replace(s, turn=turn, fired=mask), **tracks)


def legal(game: Game, s: State, side: int) -> set[str]:
    """The orders `side` could give in `s` if it were its turn to give them."""
    s = dataclasses.replace(s, to_act=side)
    return {game.notation(a) for a in game.legal_actions(s, side)}


def test_moscow_proposes_a_freeze_only_after_the_manchurian_incident(game: Game) -> None:
    assert "ussr:propose_freeze" not in legal(game, at(game, 2), USSR)  # 1930
    assert "ussr:propose_freeze" not in legal(game, at(game, 4), USSR), "the Incident, not the date"
    assert "ussr:propose_freeze" in legal(game, at(game, 4, "manchurian_incident"), USSR)


def test_a_heeded_protest_still_brings_a_freeze_offer_before_it(game: Game) -> None:
    s = at(game, 2, freeze_offer=1)  # what a protest Moscow heeds sets
    assert "japan:accept_freeze" in legal(game, s, JAPAN)


def test_the_demand_for_grounds_closes_when_the_1939_auctions_begin(game: Game) -> None:
    late_1938 = at(game, 10)
    january = at(game, 11)
    march = at(game, MARCH_1939)
    assert "ussr:demand_grounds_back" in legal(game, late_1938, USSR)
    assert "ussr:demand_grounds_back" in legal(game, january, USSR)
    assert "ussr:demand_grounds_back" not in legal(game, march, USSR)


def test_no_extension_is_offered_between_the_two_auctions_of_1939(game: Game) -> None:
    lapsed = {"convention": 0}
    assert "ussr:offer_extension" in legal(game, at(game, 11, **lapsed), USSR)
    assert "ussr:offer_extension" not in legal(game, at(game, MARCH_1939, **lapsed), USSR)
    assert "ussr:offer_extension" in legal(game, at(game, APRIL_1939, **lapsed), USSR)


def test_tokyo_counts_grounds_given_up_to_the_ultimatum_a_red_line(game: Game) -> None:
    persona = game.rules.persona(JAPAN)
    assert persona is not None
    s = at(game, MARCH_1939)
    yielded = with_tracks(game, s, cut_accepted=1)
    assert persona.value(game.rules, s) - persona.value(game.rules, yielded) == pytest.approx(15)


def answered(game: Game, option: str) -> State:
    """Ends every orders phase from a start under the demand until Tokyo answers it by `option`."""
    s = with_tracks(game, game.initial_state(5), demand=40)
    while True:
        side = game.to_act(s)
        actions = game.legal_actions(s, side)
        chosen = next((a for a in actions if game.notation(a).endswith(option)), None)
        if chosen is not None:
            return game.apply(s, chosen)
        s = game.apply(s, game.parse_action(f"{game.rules.factions[side].id}:end"))


def test_accepting_the_cut_is_on_record_and_refusing_it_is_not(game: Game) -> None:
    assert track(game, answered(game, "ultimatum_1938:accept_cut"), "cut_accepted") == 1
    assert track(game, answered(game, "ultimatum_1938:refuse_and_threaten"), "cut_accepted") == 0


def test_moscow_values_thirty_grounds_back_in_1939_and_no_more_for_more(game: Game) -> None:
    persona = game.rules.persona(USSR)
    assert persona is not None
    s = at(game, APRIL_1939)

    def value(lost: int) -> float:
        return persona.value(game.rules, with_tracks(game, s, lost_japan=lost))

    assert value(30) - value(29) == pytest.approx(8)
    assert value(37) == pytest.approx(value(30))
    earlier = at(game, 10, lost_japan=37)  # a season of 1938: not the price of the extension
    assert persona.value(game.rules, earlier) == pytest.approx(
        persona.value(game.rules, with_tracks(game, earlier, lost_japan=0))
    )


def proposed(game: Game) -> State:
    """Tokyo proposes a long-term convention in 1933 and every side ends its orders: the state
    in which Moscow must answer the proposal."""
    s = dataclasses.replace(at(game, 5, tension=20), to_act=JAPAN)
    s = game.apply(s, game.parse_action("japan:press_long_term_convention"))
    s = game.apply(s, game.parse_action("japan:end"))
    return s


def test_moscow_answers_tokyos_proposal_of_a_long_term_convention(game: Game) -> None:
    s = proposed(game)
    options = {game.notation(a) for a in game.legal_actions(s, game.to_act(s))}
    assert game.to_act(s) == USSR
    assert options == {
        "ussr:choose:long_term_proposal:decline",
        "ussr:choose:long_term_proposal:sign_long_term",
    }
    assert track(game, s, "long_term") == 0  # no roll signs it for Moscow
    declined = game.apply(s, game.parse_action("ussr:choose:long_term_proposal:decline"))
    assert track(game, declined, "long_term") == 0
    assert track(game, declined, "long_term_offer") == 0
    voice = track(game, s, "voice_foreign")
    assert track(game, declined, "voice_foreign") == voice - 3
    signed = game.apply(s, game.parse_action("ussr:choose:long_term_proposal:sign_long_term"))
    assert track(game, signed, "long_term") == 1
    assert track(game, signed, "freeze") == 1


def test_a_declined_proposal_may_be_made_again_the_next_year(game: Game) -> None:
    s = game.apply(proposed(game), game.parse_action("ussr:choose:long_term_proposal:decline"))
    while game.rules.date(s.turn).year == 1933:
        s = game.apply(s, game.parse_action(f"{game.rules.factions[game.to_act(s)].id}:end"))
    assert "japan:press_long_term_convention" in legal(game, s, JAPAN)


def test_moscows_answers_name_only_what_it_decides(game: Game) -> None:
    # The proposal is cleared when the event puts it to Moscow, so neither answer's effects (shown
    # in words under its button) list the bookkeeping track "proposed by Tokyo: no".
    offer = next(t.index for t in game.rules.tracks if t.id == "long_term_offer")
    event = next(e for e in game.rules.events if e.id == "long_term_proposal")
    assert offer in targets(event.effects)
    assert all(offer not in targets(option.effects) for option in event.options)
    assert not event.text.startswith(event.title.split()[0])  # told as "title. text"
