"""Rule cases (DATC-style) for the bargaining mechanic, on the railway-sale scenario.

Each test cites the rule it checks from the module docstring of
`game/core/mechanics/bargaining.py`. States are built by applying actions in notation through
the public API; where a chance roll matters, the test searches seeds in a fixed order for one
where the roll goes the way the case needs, checking that with the roll's own side effects.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from game import Game, IllegalActionError, State, load_game
from game.core.actions import Action
from game.core.effects import Add, Raise
from game.core.log import entries
from game.core.mechanics.bargaining import ACCEPT, OFFER, TERMS, Bargaining
from game.core.state import ORDERS
from tests.core.support import play, track, with_tracks


@pytest.fixture(scope="module")
def railway() -> Game:
    return load_game("railway-sale")


def table(game: Game) -> Bargaining:
    (mechanic,) = (m for m in game.rules.mechanics if isinstance(m, Bargaining))
    return mechanic


def offers(game: Game, state: State) -> set[int]:
    """The prices the acting faction may offer."""
    return {a.amount for a in game.legal_actions(state, state.to_act) if a.kind == OFFER}


def lines(state: State, turn: int) -> list[str]:
    return [e.text for e in entries(state.log) if e.turn == turn]


def agreed_after(game: Game, state: State, notations: tuple[str, ...]) -> bool:
    """Whether a deal is agreed after playing `notations` from `state`."""
    return track(game, play(game, state, *notations), "agreed") == 1


def seed_where(test: Callable[[int], bool], tries: int = 300) -> int:
    """The first seed (0, 1, 2, ...) for which `test` holds."""
    for seed in range(tries):
        if test(seed):
            return seed
    pytest.fail(f"no seed below {tries} fits the case")


def opened(game: Game, seed: int) -> State:
    """Turn 1 after the historical opening: Moscow asks 250, Manchukuo offers 20 [001 L26]."""
    state = play(
        game, game.initial_state(seed), "ussr:offer:250", "ussr:end", "japan:offer:20", "japan:end"
    )
    assert (state.turn, state.to_act) == (1, 0)
    assert (track(game, state, "ask"), track(game, state, "bid")) == (2500, 200)
    return state


# ---------------------------------------------------------------------------------- offers


def test_first_offers_lie_between_floor_and_ceiling(railway: Game) -> None:
    """Rule: a new offer lies strictly between the other side's price and its own; before any
    offer neither price bounds it, only the table's floor and ceiling (inclusive)."""
    m = table(railway)
    state = railway.initial_state(0)
    grid = range(0, m.ceiling + 2 * m.step, m.step)
    assert offers(railway, state) == {p for p in grid if m.floor <= p <= m.ceiling}
    for price in (m.floor - m.step, m.ceiling + m.step):
        with pytest.raises(IllegalActionError, match="strictly between"):
            railway.apply(state, Action(0, OFFER, 0, price))


def test_offer_must_lie_between_bid_and_ask(railway: Game) -> None:
    """Rule: "a new offer (a concession: strictly between the other side's price and its
    own)". With 250 asked and 20 bid, both sides may offer only prices strictly between, on the
    table's price grid (multiples of its step)."""
    m = table(railway)
    state = opened(railway, 0)
    between = {p for p in range(0, 3001, m.step) if 200 < p < 2500}
    assert offers(railway, state) == between
    for text in ("ussr:offer:250", "ussr:offer:20", "ussr:offer:252.5", "ussr:offer:17.5"):
        with pytest.raises(IllegalActionError, match="strictly between") as err:
            play(railway, state, text)
        assert text in str(err.value)
    with pytest.raises(IllegalActionError, match=r"multiple of 2\.5"):
        play(railway, state, "ussr:offer:100.1")
    japan = play(railway, state, "ussr:end")
    assert japan.to_act == 1
    assert offers(railway, japan) == between
    with pytest.raises(IllegalActionError, match="strictly between"):
        play(railway, japan, "japan:offer:250")


def test_an_offer_becomes_the_standing_price_when_the_turn_resolves(railway: Game) -> None:
    """Rule: "Each side keeps a standing offer (a price and terms)": an offer replaces the
    side's standing price when the turn resolves, not when it is given."""
    state = play(railway, railway.initial_state(0), "ussr:offer:250")
    assert track(railway, state, "ask") == 0
    state = play(railway, state, "ussr:end", "japan:end")
    assert track(railway, state, "ask") == 2500
    state = play(railway, state, "ussr:offer:200", "ussr:end", "japan:end")
    assert track(railway, state, "ask") == 2000


def test_one_offer_per_turn(railway: Game) -> None:
    """Rule: on its turn a side may make *a* new offer, not several."""
    state = play(railway, railway.initial_state(0), "ussr:offer:250")
    assert not offers(railway, state)
    with pytest.raises(IllegalActionError, match="already ordered"):
        play(railway, state, "ussr:offer:200")


# ----------------------------------------------------------------------------- acceptance


def test_cannot_accept_an_offer_made_in_the_same_turn(railway: Game) -> None:
    """Rule: a side may "accept the other side's standing offer as it stood when the turn
    began": an offer given this turn is not standing yet, so there is nothing to accept."""
    state = play(railway, railway.initial_state(0), "ussr:offer:250", "ussr:end")
    assert Action(1, ACCEPT) not in railway.legal_actions(state, 1)
    with pytest.raises(IllegalActionError, match="no offer yet"):
        play(railway, state, "japan:accept")


def test_accept_refers_to_offer_standing_at_turn_start(railway: Game) -> None:
    """Rule: "Acceptances resolve before new offers, so one side's acceptance always refers to
    what it saw." Japan accepts while the USSR, in the same turn, cuts its ask from 250 to 200:
    the deal is at the old 250."""
    orders = ("ussr:offer:200", "ussr:end", "japan:accept", "japan:end")
    seed = seed_where(lambda s: agreed_after(railway, opened(railway, s), orders))
    state = play(railway, opened(railway, seed), *orders)
    assert track(railway, state, "agreed") == 1
    assert track(railway, state, "deal_price") == 2500


def test_acceptance_takes_the_terms_standing_at_turn_start(railway: Game) -> None:
    """Rule: the deal is agreed "at that price and terms", those of the offer as it stood when
    the turn began: Japan's change of terms in the same turn comes too late."""
    orders = ("ussr:accept", "ussr:end", "japan:terms:cash_and_goods", "japan:end")
    seed = seed_where(lambda s: agreed_after(railway, opened(railway, s), orders))
    state = play(railway, opened(railway, seed), *orders)
    cash = [t.id for t in table(railway).terms_defs].index("cash")
    assert track(railway, state, "deal_terms") == cash
    assert track(railway, state, "deal_price") == 200
    assert track(railway, state, "seller_value") == 200


def test_seller_acceptance_resolves_first_when_both_accept(railway: Game) -> None:
    """Rule: "when both accept in one turn, the seller's acceptance resolves first." In a seed
    where each acceptance alone would be approved, both accepting gives the deal at the
    buyer's price (the offer the seller accepted), not at the seller's."""
    m = table(railway)
    assert (m.seller.faction, m.buyer.faction) == (0, 1)
    seller_alone = ("ussr:accept", "ussr:end", "japan:end")
    buyer_alone = ("ussr:end", "japan:accept", "japan:end")
    both = ("ussr:accept", "ussr:end", "japan:accept", "japan:end")

    def each_alone_approved(seed: int) -> bool:
        start = opened(railway, seed)
        return all(agreed_after(railway, start, orders) for orders in (seller_alone, buyer_alone))

    seed = seed_where(each_alone_approved)
    start = opened(railway, seed)
    assert track(railway, play(railway, start, *seller_alone), "deal_price") == 200
    assert track(railway, play(railway, start, *buyer_alone), "deal_price") == 2500
    assert track(railway, play(railway, start, *both), "deal_price") == 200


def test_seller_acceptance_resolves_first_even_when_the_seller_is_the_later_faction(
    railway: Game,
) -> None:
    """Rule: "when both accept in one turn, the seller's acceptance resolves first" — a rule of
    the mechanic, so it must hold whatever the factions' order. Here the railway table with
    the roles swapped (Japan sells at its price track `bid`, the USSR buys at `ask`): Japan is
    faction 1 and gives its orders second, yet its acceptance must resolve first."""
    m = table(railway)
    swapped = dataclasses.replace(m, seller=m.buyer, buyer=m.seller, _cache={})
    game = Game(dataclasses.replace(railway.rules, mechanics=(swapped,)))

    def start(seed: int) -> State:
        # Japan (now the seller) stands at 250, the USSR (now the buyer) at 20.
        return with_tracks(game, game.initial_state(seed), bid=2500, ask=200)

    seller_alone = ("ussr:end", "japan:accept", "japan:end")
    buyer_alone = ("ussr:accept", "ussr:end", "japan:end")
    both = ("ussr:accept", "ussr:end", "japan:accept", "japan:end")

    def each_alone_approved(seed: int) -> bool:
        return all(
            agreed_after(game, start(seed), orders) for orders in (seller_alone, buyer_alone)
        )

    seed = seed_where(each_alone_approved)
    assert track(game, play(game, start(seed), *seller_alone), "deal_price") == 200
    assert track(game, play(game, start(seed), *buyer_alone), "deal_price") == 2500
    assert track(game, play(game, start(seed), *both), "deal_price") == 200, (
        "the buyer's acceptance resolved first: Bargaining.priority gives every acceptance the "
        "same priority, so faction order decides"
    )


def test_agreement_sets_deal_tracks_and_values(railway: Game) -> None:
    """Rule: "on success the deal is agreed at that price and terms, and the seller's and
    buyer's valuations of the deal are written to their tracks": seller_value is
    price * seller_pct // 100 and buyer_cost is price * buyer_pct // 100 of the agreed terms."""
    m = table(railway)
    setup = ("ussr:offer:250", "ussr:end", "japan:offer:67.5", "japan:terms:cash_and_goods")
    orders = ("japan:end", "ussr:accept", "ussr:end", "japan:end")

    seed = seed_where(lambda s: agreed_after(railway, railway.initial_state(s), (*setup, *orders)))
    state = play(railway, railway.initial_state(seed), *setup, *orders)
    terms_index = [t.id for t in m.terms_defs].index("cash_and_goods")
    terms = m.terms_defs[terms_index]
    assert track(railway, state, "deal_price") == 675
    assert track(railway, state, "deal_terms") == terms_index
    assert track(railway, state, "agreed_turn") == 1
    assert track(railway, state, "seller_value") == 675 * terms.seller_pct // 100
    assert track(railway, state, "buyer_cost") == 675 * terms.buyer_pct // 100
    assert 675 * terms.seller_pct % 100 != 0, "a case where rounding down matters"
    assert 675 * terms.buyer_pct % 100 != 0, "a case where rounding down matters"
    assert any(text.startswith("Agreement: Soviet Union accepts 67.5") for text in lines(state, 1))


def test_no_offers_once_a_deal_is_agreed(railway: Game) -> None:
    """Rule: "Offers and acceptances need the talks to be open" — and a deal agreed ends them:
    neither side has an offer, terms or acceptance left, and giving one is illegal."""
    orders = ("ussr:accept", "ussr:end", "japan:end")

    def agreed_and_ordering(seed: int) -> bool:
        state = play(railway, opened(railway, seed), *orders)
        return track(railway, state, "agreed") == 1 and state.phase == ORDERS

    state = play(railway, opened(railway, seed_where(agreed_and_ordering)), *orders)
    assert state.to_act == 0
    verbs = {a.kind for a in railway.legal_actions(state, 0)}
    assert not verbs & {OFFER, TERMS, ACCEPT}
    with pytest.raises(IllegalActionError, match="a deal is agreed"):
        play(railway, state, "ussr:offer:100")


def test_refused_acceptance_applies_on_refusal(railway: Game) -> None:
    """Rule: "An acceptance succeeds with the scenario's odds (approval at home ...)"; when it
    is refused, the side's `on_refusal` effects apply (for Japan: tension +3) and nothing is
    agreed. The case compares, in the same seed, Japan accepting with Japan doing nothing: the
    same events fire in both, so tension differs by exactly the refusal's effect."""
    m = table(railway)
    tension = railway.rules.track_index("tension")
    refusal = sum(
        e.amount for e in m.buyer.on_refusal if isinstance(e, Add | Raise) and e.track == tension
    )
    assert refusal > 0
    accepting = ("ussr:end", "japan:accept", "japan:end")
    idle = ("ussr:end", "japan:end")

    def refused(seed: int) -> bool:
        a = play(railway, opened(railway, seed), *accepting)
        b = play(railway, opened(railway, seed), *idle)
        others = [text for text in lines(a, 1) if "overruled" not in text]
        return not track(railway, a, "agreed") and others == lines(b, 1)

    seed = seed_where(refused)
    a = play(railway, opened(railway, seed), *accepting)
    b = play(railway, opened(railway, seed), *idle)
    assert any("Japan–Manchukuo moved to accept 250" in t for t in lines(a, 1))
    assert a.tracks[tension] - b.tracks[tension] == refusal
    for track_id in ("agreed", "deal_price", "seller_value", "buyer_cost"):
        assert track(railway, a, track_id) == track(railway, b, track_id)
    assert track(railway, a, "talks_open") == 1
    assert a.turn == 2
    assert Action(1, ACCEPT) in railway.legal_actions(play(railway, a, "ussr:end"), 1)


def test_acceptance_succeeds_with_the_scenario_odds(railway: Game) -> None:
    """Rule: "An acceptance succeeds with the scenario's odds". Over 400 seeds Japan's
    acceptance is approved about as often as `odds` says (0.95 - 0.006 * army influence 40 =
    0.71 here), within 3.5 standard deviations."""
    accepting = ("ussr:end", "japan:accept", "japan:end")
    start = opened(railway, 0)
    p = railway.odds(play(railway, start, "ussr:end"), Action(1, ACCEPT))
    assert p is not None
    assert p == pytest.approx(0.95 - 0.006 * track(railway, start, "army_influence"))
    n = 400
    hits = sum(
        track(railway, play(railway, opened(railway, s), *accepting), "agreed") for s in range(n)
    )
    assert abs(hits / n - p) < 3.5 * (p * (1 - p) / n) ** 0.5


# ---------------------------------------------------------------------------- terms, talks


def test_terms_change(railway: Game) -> None:
    """Rule: on its turn a side may "change its terms": the new terms stand once the turn
    resolves; proposing the terms already standing is illegal, and terms can be changed while
    the price stays."""
    m = table(railway)
    goods = [t.id for t in m.terms_defs].index("cash_and_goods")
    state = play(railway, railway.initial_state(0), "ussr:end")
    with pytest.raises(IllegalActionError, match="already your terms"):
        play(railway, state, "japan:terms:cash")
    state = play(railway, state, "japan:terms:cash_and_goods")
    assert track(railway, state, "japan_terms") == 0
    state = play(railway, state, "japan:end")
    assert track(railway, state, "japan_terms") == goods
    assert track(railway, state, "bid") == 0
    assert any("proposes new terms" in text for text in lines(state, 0))


def test_no_offers_when_talks_closed(railway: Game) -> None:
    """Rule: "Offers and acceptances need the talks to be open (a track the scenario's actions
    can change)." After the USSR breaks off the talks, neither side may offer, accept or change
    terms until they resume."""
    state = opened(railway, 0)
    state = play(railway, state, "ussr:break_off_talks", "ussr:end", "japan:end")
    assert track(railway, state, "talks_open") == 0
    for f, text in ((0, "ussr:offer:100"), (0, "ussr:accept"), (0, "ussr:terms:cash")):
        assert not {a.kind for a in railway.legal_actions(state, f)} & {OFFER, TERMS, ACCEPT}
        with pytest.raises(IllegalActionError, match="talks are closed"):
            play(railway, state, text)
    japan = play(railway, state, "ussr:end")
    assert not {a.kind for a in railway.legal_actions(japan, 1)} & {OFFER, TERMS, ACCEPT}
    with pytest.raises(IllegalActionError, match="talks are closed"):
        play(railway, japan, "japan:accept")
    reopened = play(railway, japan, "japan:propose_resumption", "japan:end")
    assert track(railway, reopened, "talks_open") == 1
    assert offers(railway, reopened)


def test_offers_lapse_when_the_talks_close_earlier_in_the_same_turn(railway: Game) -> None:
    """Rule: offers need the talks to be open when they resolve: the USSR's break-off
    (priority 10) resolves before Japan's offer (priority 50), so the offer has no effect."""
    state = opened(railway, 0)
    state = play(railway, state, "ussr:break_off_talks", "ussr:end", "japan:offer:60", "japan:end")
    assert track(railway, state, "talks_open") == 0
    assert track(railway, state, "bid") == 200


# ------------------------------------------------------------------- the deal on the table


def test_the_deal_on_the_table_writes_what_an_agreement_writes(railway: Game) -> None:
    """`Bargaining.deal` (read by search's playouts): the acceptance of the other side's standing
    offer and the tracks as the agreement writes them. Where the acceptance goes through at home,
    every track it names stands after the turn as the deal said (the on-agreement effects and
    the turn's other changes aside), and none of them before."""
    m = table(railway)
    orders = ("ussr:terms:cash_and_goods", "ussr:end", "japan:accept", "japan:end")
    seed = seed_where(lambda s: agreed_after(railway, opened(railway, s), orders))
    state = play(railway, opened(railway, seed), "ussr:terms:cash_and_goods", "ussr:end")
    deal = railway.deal(state, 1)
    assert deal is not None
    take, tracks = deal
    assert take == Action(1, ACCEPT)
    named = (m.agreed, m.deal_price, m.deal_terms, m.agreed_turn, m.seller_value, m.buyer_cost)
    # The ask of 250 stands on Moscow's terms at the turn's start (instalments: 90 % and 92 %).
    assert [tracks[t] for t in named] == [1, 2500, 1, 1, 2250, 2300]
    after = play(railway, state, "japan:accept", "japan:end")
    assert [after.tracks[t] for t in named] == [tracks[t] for t in named]
    assert [state.tracks[t] for t in named] != [tracks[t] for t in named]


def test_there_is_no_deal_without_a_standing_offer_or_once_accepted(railway: Game) -> None:
    """No offer from the other side, a side outside the talks' two, or an acceptance already
    given this turn: nothing on the table."""
    start = railway.initial_state(0)
    assert railway.deal(start, 0) is None
    assert railway.deal(start, 1) is None
    state = opened(railway, 0)
    assert railway.deal(state, 0) is not None
    assert railway.deal(play(railway, state, "ussr:accept"), 0) is None
    closed = with_tracks(railway, state, talks_open=0)
    assert railway.deal(closed, 0) is None
