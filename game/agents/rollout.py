"""The default policy of search: how a side is assumed to play where the search does not look.

Uniform random play is a poor model of a government: with 126 prices or 250 bids on offer it
nearly always bids or haggles, and it declares war in the first week as readily as it waits.
This policy groups the legal actions into *families* — ending the turn, each of the scenario's
orders, and each mechanic verb on one object (every price of an offer, every bid on one lot) —
and then:

- ends its orders with probability `END_SHARE` when it has anything else to do (governments
  mostly wait: the historical plans give an order in about one faction-turn in three), first
  giving its routine order where a mechanic names one (`Mechanic.routine`: a bidder bids for the
  lots it holds, for in a market held every season ending without a bid is not waiting);
- otherwise picks a family uniformly, then a member of it uniformly (so one lot's 40 prices
  weigh as much as one diplomatic note) — or, in a large family whose mechanic names its
  meaningful members (an offer: a small step, halfway, the other side's price), one of those;
- answers an event with a uniformly random option;
- given a judge (a side's valuation of a state: search passes its own where a persona asks for
  `judged_deals`), takes the deal on the table (`Game.deal`: the other side's standing offer)
  whenever the side values the deal above the state it is in, and otherwise never takes it.
  Drawn like any other family, an acceptance takes any standing price at all: about 15 % of
  Moscow's railway playouts at one 1933 decision had an imagined Japan pay 262.5–300 M for a
  line worth 55–80 M to it, and one such playout decides a move's mean when a move gets ten
  (docs/exploits.md, "The railway sale: judged deals in playouts").

The same families give the search its coarse choices (`family_runs`, `coarse_order`).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Final

from game.core.actions import CHOOSE, END, Action, EndTurn
from game.core.game import Game
from game.core.listing import Runs, family_runs
from game.core.state import ORDERS, State

END_SHARE: Final = 0.6
"""Chance that a side with other moves ends its orders at each step of a playout. An
ASSUMPTION of the search, not a fact: tuned so that playouts give about as many orders per turn
as the historical plans do (about one in three faction-turns)."""


ANCHORED: Final = 8
"""A family larger than this plays one of its mechanic's anchors (`Mechanic.anchors`: a small
step, halfway, the other side's price) where the mechanic names them, not a member at random:
a government haggles by steps, not by a price drawn anywhere in the range."""


def coarse_order(n: int) -> list[int]:
    """Returns the indices 0..n-1 from coarse to fine: both ends, the middle, the quarters, and
    so on (a family's first few members span its range; the rest refine it)."""
    if n <= 2:
        return list(range(n))
    out = [0, n - 1]
    seen = {0, n - 1}
    parts = 2
    while len(out) < n:
        for k in range(1, parts, 2):
            i = round(k * (n - 1) / parts)
            if i not in seen:
                seen.add(i)
                out.append(i)
        parts *= 2
        if parts > 4 * n:
            out.extend(i for i in range(n) if i not in seen)
            break
    return out


Judge = Callable[[State, int], float]
"""What a state is worth to a side (`MctsAgent.evaluate`)."""


def rollout_action(
    game: Game, state: State, rng: random.Random, judge: Judge | None = None
) -> Action:
    """Returns the default policy's move for the side to act in `state`.

    Ending the turn is always legal in the orders phase, so that draw comes first and costs no
    legal-action list; families are the runs of the sorted legal list (`family_runs`). With a
    `judge`, the deal on the table comes before both: taken if it is worth more to the side than
    the state it is in, and otherwise left out of the draw."""
    faction = state.to_act
    declined: Action | None = None
    if judge is not None and state.phase == ORDERS:
        deal = game.deal(state, faction)
        if deal is not None:
            take, tracks = deal
            if pays(judge, state, faction, tracks):
                return take
            declined = take
    if state.phase == ORDERS and rng.random() < END_SHARE:
        return end_of_orders(game, state, faction)
    legal, families = game.legal_families(state, faction)
    n = len(legal)
    if n == 1:
        return legal[0]
    if state.phase != ORDERS:
        return legal[rng.randrange(n)]
    runs = [
        (first, stop)
        for first, stop in families
        if legal[first][1] != END and legal[first] != declined
    ]
    if not runs:
        return legal[0]
    first, stop = runs[rng.randrange(len(runs))]
    if stop - first > ANCHORED:
        anchors = game.anchors(state, legal[first:stop])
        if anchors:
            return anchors[rng.randrange(len(anchors))]
    return legal[first + rng.randrange(stop - first)]


def pays(judge: Judge, state: State, side: int, after: tuple[int, ...]) -> bool:
    """Whether `side` values the tracks `after` (a deal taken, `Game.deal`) above the state it
    is in: the rule by which judged playouts take a deal, and beliefs read a refusal."""
    return judge(state.with_tracks(after), side) > judge(state, side)


def end_of_orders(game: Game, state: State, faction: int) -> Action:
    """Returns how a side ends its orders in a playout: its routine order where a mechanic names
    one (`Mechanic.routine`), else the end of its orders."""
    routine = game.routine(state, faction)
    return routine if routine is not None else EndTurn(faction, END)


def canonical_families(
    game: Game, state: State, faction: int, since: int = 0
) -> tuple[list[Action], Runs]:
    """Returns a side's legal moves in one canonical order within a turn, with the runs of their
    families (`family_runs`): after an order, only the moves that sort after it, and ending the
    turn (k orders are one sequence, not k!). With `since`, the side's first `since` orders of
    the turn do not count: after them, every legal move is offered again (the searching agent's
    `every_order`)."""
    if state.phase == ORDERS and len(state.orders[faction]) > since:
        last = state.orders[faction][-1]
        legal = [a for a in game.legal_actions(state, faction) if a.kind == END or a > last]
        return legal, family_runs(legal)
    return game.legal_families(state, faction)


Family = tuple[str, int, int]
"""A family's key: the verb and its object (`ref`) that all its members share, and -1; an
event's options are each a family of one (its key holds the option), as they have no order."""


def family_of(action: Action) -> Family:
    return (action.kind, action.ref, action.amount if action.kind == CHOOSE else -1)


def families(game: Game, state: State, faction: int) -> list[tuple[Family, list[Action]]]:
    """Returns a side's legal moves as families, each with its members in sorted order: in
    canonical order within the turn (after an order, only moves that sort after it, and ending
    the turn), an event's options one family each. The dominance audit plays options out by
    family (`game.sim.audit`)."""
    legal, runs = canonical_families(game, state, faction)
    out: list[tuple[Family, list[Action]]] = []
    for first, stop in runs:
        head = legal[first]
        if head.kind == CHOOSE:
            out.extend((family_of(a), [a]) for a in legal[first:stop])
        else:
            out.append((family_of(head), legal[first:stop]))
    return out
