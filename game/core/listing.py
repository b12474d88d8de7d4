"""A side's legal moves at one decision: the sorted list and the runs of its families.

A family is one verb on one object: all the prices of one offer, all the bids on one lot, one
scenario order, ending the turn. Search draws a family first and a member second, so it asks
for the runs of every list it draws from (`family_runs`). At a side's first decision of a turn
the list is built from the mechanics' cached lists, and the same inputs come back in playout
after playout; `Game` keeps those listings (`Listing`), so the list is sorted and its runs are
found once, not at every step of every playout.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from game.core.actions import Action

_FAMILY: Final = operator.itemgetter(1, 2)
"""An action's verb and object."""

Runs = tuple[tuple[int, int], ...]
"""A sorted list's families as (first, stop) each."""


def family_runs(legal: Sequence[Action]) -> Runs:
    """Returns each family of a sorted legal list (one side's) as its run (first, stop): one per
    scenario order, one per mechanic verb and object (all the prices of one offer, all bids on
    one lot), one for ending the turn. Sorted lists hold each family in one run, so a run of
    more than one member ends where the next object would begin (found by bisection)."""
    runs = []
    first = 0
    n = len(legal)
    while first < n:
        head = legal[first]
        stop = first + 1
        if stop < n and _FAMILY(legal[stop]) == _FAMILY(head):
            stop = bisect.bisect_left(legal, (head[0], head[1], head[2] + 1), stop + 1, n)
        runs.append((first, stop))
        first = stop
    return tuple(runs)


@dataclass(slots=True)
class Listing:
    """A side's legal moves at one decision (sorted; never changed once made) and, once asked
    for, their family runs."""

    parts: tuple[list[Action], ...]
    """The mechanics' lists it was made from (a kept listing is reused only for these very
    lists: `Game._kept`)."""
    legal: list[Action]
    runs: Runs | None = None

    def families(self) -> Runs:
        """Returns the family runs of `legal`, found once."""
        if self.runs is None:
            self.runs = family_runs(self.legal)
        return self.runs
