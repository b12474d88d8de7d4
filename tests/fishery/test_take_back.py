"""The trust's claim, and how search's playouts bid (issue 14 item 5).

Moscow cut the Japanese share from 80 % of the grounds in 1928 to about half by 1931 [001 L7]
by growing its own trust and giving it the grounds [001 L5]. In the game that took two orders a
season (expand the trust, then withhold lots it can work), which a searching government seldom
found together; `expand_trust_take_back` is the two as one policy: the auction's `claim` track
makes the trust take the Japanese lots nearest the claim within its room, as withheld lots.

Search's playouts had the Japanese firms end their orders without a bid in most seasons, and so
lose every lot they held (267 of 300 playouts from Moscow's first 1929 decision): the auction
now names the firms' routine order (a tender at the estimate, `Auction.routine`) and the bids
worth trying first (`Auction.anchors`).
"""

from __future__ import annotations

import random

import pytest

from game import Game, State, load_game
from game.agents.rollout import rollout_action
from game.core.actions import END
from game.core.mechanics.auction import Auction
from tests.core.support import play, track, with_tracks

USSR, JAPAN = 1, 2
"""Holder marks: faction index + 1."""


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game("fishery-auctions")


@pytest.fixture(scope="module")
def auction(game: Game) -> Auction:
    (mechanic,) = [m for m in game.mechanics if isinstance(m, Auction)]
    return mechanic


def claimed(game: Game, **values: int) -> State:
    """The 1928 auction cleared with a claim set, both sides ending at once."""
    s = with_tracks(game, game.initial_state(7), **values)
    return play(game, s, "ussr:end", "japan:tender:100", "japan:end")


def test_a_claim_takes_the_lots_nearest_it_within_the_trusts_room(game: Game) -> None:
    # Room 92 - 58 = 34: Ozernaya's 30 grounds are the nearest sum to 30, first in lot order.
    s = claimed(game, trust_capacity=92, trust_claim=30)
    assert track(game, s, "hold_wk_ozernaya") == USSR
    assert track(game, s, "lost_japan") == 30
    assert track(game, s, "trust_claim") == 0, "a claim is spent at the auction that clears it"


def test_a_claim_never_passes_the_trusts_room(game: Game) -> None:
    # Room 20: no sum of lots nearer 30 fits, so 20 (Ust-Kamchatsk alone, the first such).
    s = claimed(game, trust_capacity=78, trust_claim=30)
    assert track(game, s, "lost_japan") == 20
    assert track(game, s, "grounds_ussr") == 78
    s = claimed(game, trust_capacity=60, trust_claim=30)
    assert track(game, s, "lost_japan") == 0, "no room: nothing is taken"


def test_lots_withheld_by_name_count_towards_the_claim(game: Game) -> None:
    s = with_tracks(game, game.initial_state(7), trust_capacity=150, trust_claim=30)
    s = play(game, s, "ussr:withhold:wk_kikhchik", "ussr:end", "japan:tender:100", "japan:end")
    # Kikhchik's 18 grounds leave 12 to the claim: Icha's 12.
    assert track(game, s, "hold_wk_kikhchik") == USSR
    assert track(game, s, "hold_wk_icha") == USSR
    assert track(game, s, "lost_japan") == 30


def test_a_claim_is_a_seizure(game: Game) -> None:
    base = claimed(game, trust_capacity=92)
    s = claimed(game, trust_capacity=92, trust_claim=30)
    assert track(game, s, "voice_companies") == track(game, base, "voice_companies") + 2
    assert track(game, s, "tension_by_ussr") > track(game, base, "tension_by_ussr")


def test_under_a_freeze_a_claim_takes_nothing_and_keeps_the_freeze(game: Game) -> None:
    s = claimed(game, trust_capacity=92, trust_claim=30, freeze=1)
    assert track(game, s, "lost_japan") == 0
    assert track(game, s, "freeze_broken") == 0
    assert track(game, s, "trust_claim") == 0


def test_the_order_grows_the_trust_and_claims_30_grounds(game: Game) -> None:
    s = game.initial_state(1)
    s = play(game, s, "ussr:end", "japan:tender:100", "japan:end")  # 1928
    s = play(game, s, "ussr:expand_trust_take_back", "ussr:end", "japan:tender:100", "japan:end")
    # 85 % odds: on this game's seed the boats are ready (the expansion is written in the log).
    assert track(game, s, "trust_capacity") == 90
    assert track(game, s, "hold_wk_ozernaya") == USSR
    assert track(game, s, "share_japan") < 80


def test_the_firms_routine_is_a_tender_at_the_estimate(game: Game, auction: Auction) -> None:
    s = play(game, game.initial_state(7), "ussr:end")
    tender = auction.routine(s, 1)
    assert tender is not None
    assert game.notation(tender) == "japan:tender:100"
    assert auction.routine(s, 0) is None, "the host holds its lots without bidding"
    assert auction.routine(play(game, s, "japan:tender:120"), 1) is None
    # Bids by name on every lot it holds: nothing left to the routine.
    held = [lot for lot in auction.lots if track(game, s, f"hold_{lot.id}") == JAPAN]
    named = play(game, s, *(f"japan:bid:{lot.id}:{lot.estimate}" for lot in held))
    assert auction.routine(named, 1) is None
    partly = play(game, s, f"japan:bid:{held[0].id}:{held[0].estimate}")
    assert auction.routine(partly, 1) is not None


def test_a_playout_that_ends_japans_orders_keeps_its_lots(game: Game) -> None:
    s = play(game, game.initial_state(7), "ussr:end")
    ends = 0
    for seed in range(40):
        action = rollout_action(game, s, random.Random(seed))
        assert action.kind != END, "the firms never end their orders without their routine bid"
        ends += game.notation(action) == "japan:tender:100"
    assert ends > 10, "END_SHARE of the draws give the routine"


def test_anchors_bid_at_the_estimate_and_a_third_over(game: Game, auction: Auction) -> None:
    s = play(game, game.initial_state(7), "ussr:end")
    legal = game.legal_actions(s, 1)
    tenders = [a for a in legal if game.notation(a).startswith("japan:tender:")]
    assert [game.notation(a) for a in game.anchors(s, tenders)] == [
        "japan:tender:100",
        "japan:tender:130",
    ]
    bids = [a for a in legal if game.notation(a).startswith("japan:bid:wk_ozernaya:")]
    assert [a.amount for a in game.anchors(s, bids)] == [300, 390]
    reserves = [a for a in game.legal_actions(game.initial_state(7), 0) if "reserve" in a.kind]
    assert [a.amount for a in game.anchors(game.initial_state(7), reserves)] == [100, 90, 110]
