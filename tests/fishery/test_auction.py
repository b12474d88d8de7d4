"""Rule cases of the sealed-bid auction mechanic, played on the fishery scenario's own lots.

Each case sets up tracks, gives both sides' sealed orders and checks the cleared auction: the
highest bid at or above the reserve wins, ties go to the holder, withheld lots go to the trust
within its capacity, a freeze renews held lots at their rent, payments convert at the rate, and
bad bids are refused with a reason and change nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import Game, State, load_game
from game.core.errors import IllegalActionError, NotationError
from game.core.mechanics.auction import Auction
from game.core.mechanics.auction_table import LotView
from tests.core.support import play, track, with_tracks

USSR, JAPAN = 1, 2
"""Holder marks: faction index + 1."""


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game("fishery-auctions")


def start(game: Game, **values: int) -> State:
    return with_tracks(game, game.initial_state(7), **values)


def auction(game: Game) -> Auction:
    return next(m for m in game.rules.mechanics if isinstance(m, Auction))


def test_highest_sealed_bid_wins_and_every_bid_is_published(game: Game) -> None:
    s = start(game, trust_capacity=200)
    s = play(game, s, "ussr:bid:wk_icha:144", "ussr:end", "japan:bid:wk_icha:180", "japan:end")
    assert track(game, s, "hold_wk_icha") == JAPAN
    assert track(game, s, "price_wk_icha") == 180
    assert track(game, s, "bid_wk_icha_ussr") == 144
    assert track(game, s, "bid_wk_icha_japan") == 180
    assert track(game, s, "revenue") == 180
    log = " ".join(e.text for e in game.observe(s, 1).log)
    assert "Icha River mouth: Japan at 180 (Soviet Union 144, Japan 180)" in log


def test_japan_pays_its_bid_at_the_rouble_yen_rate(game: Game) -> None:
    s = start(game, rate=750, jp_funds=1000)
    before = game.initial_state(7)
    assert track(game, before, "jp_funds") == 1500
    s = play(game, s, "ussr:end", "japan:bid:wk_icha:120", "japan:end")
    # 120 thousand roubles at 75 sen = 90 thousand yen; then half the season's catch comes back.
    catch = track(game, s, "catch_japan")
    assert track(game, s, "jp_funds") == 1000 - 90 + catch // 2


def test_tie_goes_to_the_current_holder(game: Game) -> None:
    s = start(game, trust_capacity=200)
    s = play(game, s, "ussr:bid:wk_icha:120", "ussr:end", "japan:bid:wk_icha:120", "japan:end")
    assert track(game, s, "hold_wk_icha") == JAPAN


def test_bid_below_the_secret_reserve_leaves_the_lot_idle(game: Game) -> None:
    s = start(game)
    s = play(
        game, s, "ussr:reserve:150", "ussr:end",
        "japan:bid:wk_icha:120", "japan:tender:150", "japan:end",
    )  # fmt: skip
    assert track(game, s, "hold_wk_icha") == 0
    assert track(game, s, "price_wk_ozernaya") == 450  # the tender met the reserve elsewhere
    assert track(game, s, "reserve_pct") == 150
    assert track(game, s, "lost_japan") == 12


def test_withheld_lot_goes_to_the_trust_within_its_capacity(game: Game) -> None:
    s = start(game, trust_capacity=75)  # holds 58: room for 17 grounds
    tension = track(game, s, "tension")
    s = play(game, s, "ussr:withhold:wk_icha", "ussr:withhold:wk_bolshaya", "ussr:end", "japan:end")
    assert track(game, s, "hold_wk_icha") == USSR  # 12 grounds fit
    assert track(game, s, "hold_wk_bolshaya") == 0  # 25 do not: idle
    assert track(game, s, "grounds_ussr") == 70
    # Two lots taken from a Japanese holder: on_seizure adds 1 tension each; the season cools 2.
    assert track(game, s, "tension") == tension + 2 - 2
    assert track(game, s, "voice_companies") == 60 + 4


def test_taking_a_frozen_lot_breaks_the_freeze(game: Game) -> None:
    s = start(game, freeze=1, trust_capacity=100)
    tension = track(game, s, "tension")
    s = play(game, s, "ussr:withhold:wk_icha", "ussr:end", "japan:end")
    assert track(game, s, "freeze") == 0
    assert track(game, s, "grounds_japan") == 232 - 12  # the rest renewed under the old freeze
    assert track(game, s, "tension") == tension + 1 + 8 - 2
    assert "broken the freeze" in " ".join(e.text for e in game.observe(s, 1).log)


def test_japanese_bid_on_a_withheld_lot_is_void(game: Game) -> None:
    s = start(game, trust_capacity=100)
    s = play(game, s, "ussr:withhold:wk_icha", "ussr:end", "japan:bid:wk_icha:240", "japan:end")
    assert track(game, s, "hold_wk_icha") == USSR
    assert track(game, s, "revenue") == 0


def test_freeze_renews_held_lots_at_their_rent(game: Game) -> None:
    s = start(game, freeze=1)
    legal = game.legal_actions(s, 0)
    assert not any(a.kind == "bid" for a in legal), "no held lot is on offer under a freeze"
    s = play(game, s, "ussr:end")
    assert not any(a.kind == "bid" for a in game.legal_actions(s, 1))
    s = play(game, s, "japan:end")
    assert track(game, s, "grounds_japan") == 232
    assert track(game, s, "revenue") == 2320  # every Japanese lot renewed at its estimate


def test_freeze_renewal_lapses_when_the_rent_cannot_be_paid(game: Game) -> None:
    s = start(game, freeze=1, rate=1500, jp_funds=100)
    s = play(game, s, "ussr:end", "japan:end")
    assert track(game, s, "grounds_japan") < 232
    log = " ".join(e.text for e in game.observe(s, 1).log)
    assert "cannot pay the rent" in log


def test_a_rate_raised_in_the_same_turn_voids_a_bid_japan_cannot_cover(game: Game) -> None:
    s = start(game, jp_funds=100)
    # At 32.5 sen the bid costs 98 thousand yen: legal when given.
    s = play(game, s, "ussr:raise_rate", "ussr:end", "japan:bid:wk_ozernaya:300", "japan:end")
    assert track(game, s, "hold_wk_ozernaya") == 0
    log = " ".join(e.text for e in game.observe(s, 1).log)
    assert "Japan's bid of 300 on Ozernaya River mouth lapsed" in log


def test_tender_bids_on_every_lot_on_offer_in_lot_order_while_means_last(game: Game) -> None:
    s = start(game, jp_funds=200)  # 200 thousand yen buy about 615 thousand roubles of rent
    s = play(game, s, "ussr:end", "japan:tender:100", "japan:end")
    held = [lot.id for lot in auction(game).lots if track(game, s, f"hold_{lot.id}") == JAPAN]
    # 300 + 250 roubles cost 98 + 82 yen; no lot after fits the 20 left but Vladimir Bay (13).
    assert held == ["wk_ozernaya", "wk_bolshaya", "pr_vladimir"]


def test_named_bid_overrides_the_tender_on_its_lot(game: Game) -> None:
    s = start(game)
    s = play(game, s, "ussr:end", "japan:bid:wk_icha:60", "japan:tender:100", "japan:end")
    assert track(game, s, "bid_wk_icha_japan") == 60
    assert track(game, s, "hold_wk_icha") == 0  # below the reserve of 120
    assert track(game, s, "hold_wk_ozernaya") == JAPAN


def test_trust_cannot_bid_beyond_its_capacity(game: Game) -> None:
    s = start(game, trust_capacity=70)  # room for 12 grounds
    reason = game.why_illegal(s, game.parse_action("ussr:bid:wk_bolshaya:250"))
    assert reason is not None
    assert "capacity" in reason
    s = play(game, s, "ussr:bid:wk_icha:120")
    reason = game.why_illegal(s, game.parse_action("ussr:bid:pr_vladimir:40"))
    assert reason is not None
    assert "capacity" in reason


def test_fishing_season_lands_the_catch_and_sets_the_reference_holders(game: Game) -> None:
    s = start(game, trust_capacity=70)
    s = play(game, s, "ussr:withhold:pr_vladimir", "ussr:end", "japan:tender:100", "japan:end")
    assert track(game, s, "catch_japan") > 0
    assert track(game, s, "catch_ussr") > 0
    assert track(game, s, "prev_pr_vladimir") == USSR
    assert track(game, s, "lost_japan") == 4
    assert track(game, s, "gained_ussr") == 4


def test_closed_lot_is_not_offered_until_opened(game: Game) -> None:
    s = start(game)
    bad = game.parse_action("japan:bid:kb_olyutorsky:100")
    s = play(game, s, "ussr:end")
    assert "not on offer" in (game.why_illegal(s, bad) or "")
    s = with_tracks(game, s, open_kb_olyutorsky=1)
    assert game.why_illegal(s, bad) is None


def test_no_auction_in_january_1939(game: Game) -> None:
    s = game.initial_state(7)
    january = game.rules.calendar.index(dt.date(1939, 1, 15))
    s = dataclasses.replace(s, turn=january)
    assert "no auction" in (game.why_illegal(s, game.parse_action("ussr:reserve:100")) or "")


# --------------------------------------------------------------- bad bids


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("japan:bid:wk_icha:-10", "must be positive"),
        ("japan:bid:wk_icha:abc", "is not a number"),
        ("japan:bid:wk_icha:12.5", "is not a whole number"),
        ("japan:bid:wk_icha:nan", "is not a whole number"),
        ("japan:bid:atlantis:100", "unknown lot 'atlantis'"),
        ("japan:bid:wk_icha", "write bid:lot:price"),
        ("japan:tender:lots", "is not a number"),
    ],
)
def test_malformed_bid_is_a_notation_error(game: Game, text: str, message: str) -> None:
    with pytest.raises(NotationError, match=message):
        game.parse_action(text)


@pytest.mark.parametrize(
    ("setup", "text", "message"),
    [
        ({"jp_funds": 50}, "japan:bid:wk_ozernaya:300", "costs 98 and Japan has 50 left"),
        ({}, "japan:bid:wk_icha:125", "in steps of 12"),
        ({}, "japan:bid:wk_icha:600", "60 to 240 thousand roubles"),
        ({}, "japan:withhold:wk_icha", "only the host"),
        ({}, "japan:reserve:100", "only the host"),
        ({}, "ussr:reserve:35", "50 to 150 percent"),
        ({}, "japan:tender:15", "50 to 200 percent"),
        ({"freeze": 1}, "japan:bid:wk_icha:120", "not on offer"),
    ],
)
def test_illegal_bid_is_refused_and_nothing_is_applied(
    game: Game, setup: dict[str, int], text: str, message: str
) -> None:
    s = start(game, **setup)
    if text.startswith("japan"):
        s = play(game, s, "ussr:end")
    action = game.parse_action(text)
    assert action not in game.legal_actions(s, action.faction)
    with pytest.raises(IllegalActionError, match=message):
        game.apply(s, action)
    assert game.why_illegal(s, action) is not None


def test_second_bid_above_the_remaining_means_is_refused(game: Game) -> None:
    s = play(game, start(game, jp_funds=150), "ussr:end", "japan:bid:wk_ozernaya:300")
    with pytest.raises(IllegalActionError, match="has 52 left"):
        game.apply(s, game.parse_action("japan:bid:wk_bolshaya:250"))
    assert s.orders[1] == (game.parse_action("japan:bid:wk_ozernaya:300"),)
    with pytest.raises(IllegalActionError, match="already bid"):
        game.apply(s, game.parse_action("japan:bid:wk_ozernaya:330"))


# ------------------------------------------------------------- the table


def lots(game: Game, s: State, viewer: int) -> tuple[LotView, ...]:
    """Returns the table of lots as `viewer` sees it in `s` (from its observation only)."""
    return auction(game).view(game.seen(game.observe(s, viewer))).lots


def test_table_shows_each_side_the_lots_and_published_bids(game: Game) -> None:
    rows = lots(game, start(game), 1)
    assert len(rows) == 20
    icha = next(r for r in rows if r.id == "wk_icha")
    assert (icha.holder, icha.grounds, icha.estimate, icha.on_offer) == (1, 12, 120, True)
    assert icha.lon is not None
    assert not next(r for r in rows if r.id == "kb_olyutorsky").on_offer
    assert not next(r for r in rows if r.id == "am_nikolaevsk").on_offer  # the trust's own
    s = start(game, trust_capacity=200)
    s = play(game, s, "ussr:bid:wk_icha:144", "ussr:end", "japan:bid:wk_icha:180", "japan:end")
    for viewer in (0, 1):
        rows = lots(game, s, viewer)
        icha = next(r for r in rows if r.id == "wk_icha")
        assert icha.bids == ((0, 144), (1, 180))
        assert icha.rent == 180


def test_per_lot_tracks_are_shown_by_the_table(game: Game) -> None:
    roles = auction(game).track_roles()
    names = {game.rules.tracks[t].id for t, role in roles.items() if role == "panel"}
    assert {"hold_wk_icha", "bid_wk_icha_japan", "open_kb_olyutorsky"} <= names
    assert "grounds_japan" not in names
    assert names <= {t.id for t in game.rules.tracks}


# ------------------------------------------------------------- legality


def _universe(game: Game, faction: int) -> list:
    """Every auction action of the grid, legal or not, for one faction."""
    from game.core.actions import Action
    from game.core.mechanics.auction import BID_STEPS, RESERVE_PCTS, TENDER_PCTS

    a = auction(game)
    out = [Action(faction, "tender", 0, p) for p in TENDER_PCTS]
    out += [Action(faction, "reserve", 0, p) for p in RESERVE_PCTS]
    for lot in a.lots:
        out.append(Action(faction, "withhold", lot.index))
        out += [Action(faction, "bid", lot.index, lot.step * k) for k in BID_STEPS]
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_listed_auction_actions_are_exactly_the_legal_ones(game: Game, seed: int) -> None:
    """Along a random game, the auction's listed actions (filtered by the orders already given)
    are exactly the grid actions `why_illegal` accepts."""
    import random

    rng = random.Random(seed)
    s = game.initial_state(seed)
    checks = 0
    while not game.is_terminal(s) and checks < 40:
        f = s.to_act
        legal = game.legal_actions(s, f)
        if s.phase == 0:
            listed = {a for a in legal if a.kind in auction(game).verbs}
            accepted = {a for a in _universe(game, f) if game.why_illegal(s, a) is None}
            assert listed == accepted
            checks += 1
        s = game.apply(s, rng.choice(legal))


def test_each_lot_records_its_catch(game: Game) -> None:
    s = start(game, trust_capacity=70)
    s = play(game, s, "ussr:withhold:pr_vladimir", "ussr:end", "japan:end")
    rows = {r.id: r for r in lots(game, s, 0)}
    assert rows["wk_icha"].catch == 0  # Japan did not bid: idle
    assert rows["pr_vladimir"].catch > 0  # the trust's
    assert sum(r.catch for r in rows.values() if r.holder == 0) == track(game, s, "catch_ussr")


def test_table_offers_nothing_when_no_auction_is_held(game: Game) -> None:
    january = game.rules.calendar.index(dt.date(1939, 1, 15))
    s = dataclasses.replace(game.initial_state(7), turn=january)
    view = auction(game).view(game.seen(game.observe(s, 1)))
    assert not view.held
    assert not any(r.on_offer for r in view.lots)
    held = dataclasses.replace(s, turn=0)
    assert any(r.on_offer for r in lots(game, held, 1))
