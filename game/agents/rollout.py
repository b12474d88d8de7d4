"""The default policy of search: how a side is assumed to play where the search does not look.

Uniform random play is a poor model of a government: with 126 prices or 250 bids on offer it
nearly always bids or haggles, and it declares war in the first week as readily as it waits.
This policy groups the legal actions into *families* — ending the turn, each of the scenario's
orders, and each mechanic verb on one object (every price of an offer, every bid on one lot) —
and then:

- first gives again, one by one, the orders it gave in the previous turn of the same playout
  (each with probability `HABIT`, when still legal): governments keep their policies, a tender
  at the same level each season, an offer on the table, an offensive under way. Without this a
  playout forgets every standing policy after one turn (a side that won its lots with a tender
  lets them go next season), and the search undervalues any policy that must be kept up;
- then ends its orders with probability `END_SHARE` when it has anything else to do (governments
  mostly wait: the historical plans give an order in about one faction-turn in three);
- otherwise picks a family uniformly, then a member of it uniformly (so one lot's 40 prices
  weigh as much as one diplomatic note);
- answers an event with a uniformly random option.

The same families give the search its coarse choices (`family_runs`, `coarse_order`).
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from typing import Final

from game.core.actions import END, Action, EndTurn
from game.core.game import Game
from game.core.state import ORDERS, State

HABIT: Final = 0.8
"""Chance that a side in a playout gives again an order it gave in its previous turn. An
ASSUMPTION of the search: policies mostly persist from one turn to the next."""

END_SHARE: Final = 0.6
"""Chance that a side with other moves ends its orders at each step of a playout. An
ASSUMPTION of the search, not a fact: tuned so that playouts give about as many orders per turn
as the historical plans do (about one in three faction-turns)."""


def family_runs(legal: Sequence[Action]) -> list[tuple[int, int]]:
    """Returns each family of a sorted legal list as its run (first, stop): one per scenario
    order, one per mechanic verb and object (all the prices of one offer, all bids on one lot),
    one for ending the turn. Sorted lists hold each family in one run."""
    runs = []
    first = 0
    for i in range(1, len(legal) + 1):
        if i < len(legal) and legal[i][1] == legal[first][1] and legal[i][2] == legal[first][2]:
            continue
        runs.append((first, i))
        first = i
    return runs


def coarse_order(n: int) -> list[int]:
    """Returns the indices 0..n-1 from coarse to fine: the middle, the quarters, both ends, the
    eighths, and so on (a family's first few members span its range, starting from its
    centre, where a price or a bid is least extreme; the rest refine it)."""
    if n <= 2:
        return list(range(n))
    out: list[int] = []
    seen: set[int] = set()

    def add(i: int) -> None:
        if i not in seen:
            seen.add(i)
            out.append(i)

    for k in (2, 1, 3):
        add(round(k * (n - 1) / 4))
    add(0)
    add(n - 1)
    parts = 8
    while len(out) < n and parts <= 4 * n:
        for k in range(1, parts, 2):
            add(round(k * (n - 1) / parts))
        parts *= 2
    out.extend(i for i in range(n) if i not in seen)
    return out


def rollout_action(
    game: Game, state: State, rng: random.Random, habit: list[Action] | None = None
) -> Action:
    """Returns the default policy's move for the side to act in `state`.

    `habit` holds the side's orders of its previous turn not yet given again; the ones this
    call considers are removed from it. Ending the turn is always legal in the orders phase, so
    that draw comes first and costs no legal-action list; families are the runs of the sorted
    legal list (`family_runs`)."""
    faction = state.to_act
    if habit and state.phase == ORDERS:
        while habit:
            again = habit.pop(0)
            if rng.random() < HABIT:
                legal = game.legal_actions(state, faction)
                i = bisect.bisect_left(legal, again)
                if i < len(legal) and legal[i] == again:
                    return legal[i]
    if state.phase == ORDERS and rng.random() < END_SHARE:
        return EndTurn(faction, END)
    legal = game.legal_actions(state, faction)
    n = len(legal)
    if n == 1:
        return legal[0]
    if state.phase != ORDERS:
        return legal[rng.randrange(n)]
    runs = [(first, stop) for first, stop in family_runs(legal) if legal[first][1] != END]
    if not runs:
        return legal[0]
    first, stop = runs[rng.randrange(len(runs))]
    return legal[first + rng.randrange(stop - first)]
