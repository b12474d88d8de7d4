"""The interface every mechanic implements (see docs/mechanics.md for how to write one)."""

from __future__ import annotations

import bisect
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from game.core.actions import Action
from game.core.observation import Seen
from game.core.state import State
from game.core.turn import Turn


def nearest_members(members: Sequence[Action], targets: Sequence[int]) -> tuple[Action, ...]:
    """Returns, for each target amount in order, the member whose amount is nearest to it (the
    lower on a tie, the first of equal amounts), each once: the anchors of a family of prices
    (`Mechanic.anchors`). `members` is one family of a sorted legal list, so its amounts ascend;
    each target is found by bisection (search asks for anchors at every step of a playout)."""
    if not members:
        return ()
    amounts = [a.amount for a in members]
    last = len(amounts) - 1
    out: list[Action] = []
    for target in targets:
        i = bisect.bisect_left(amounts, target)
        if i > last or (i > 0 and target - amounts[i - 1] <= amounts[i] - target):
            i = bisect.bisect_left(amounts, amounts[i - 1])
        best = members[i]
        if best not in out:
            out.append(best)
    return tuple(out)


CACHE_LIMIT = 1024
"""Entries a mechanic's memo of legal-action lists keeps before it starts afresh: enough for
the states of a game and a search's neighbourhood, bounded for runs of many thousand games
(each entry is a list of up to a few hundred actions)."""


@dataclass(frozen=True, slots=True)
class Reading:
    """Tracks that a rule a faction sees reads, so that faction must observe them: its legal
    actions, the odds it is shown, the condition that says whether the mechanic is on. The
    compiler checks every reading against the tracks' visibility and names the spec's field."""

    mask: int
    """Factions that must observe the tracks (bit i: faction i)."""
    tracks: frozenset[int]
    field: str
    """Where the reading comes from in the mechanic's spec (`active`, `seller.accept_odds`)."""


class Mechanic(ABC):
    """A rule module. Instances are immutable configuration plus behaviour (and action caches).

    A scenario may hold several mechanics of one kind; each then has a `name`, and its verbs are
    written `name.verb` (`east.attack`). Unnamed, the verbs are the kind's own (`attack`).
    """

    kind: ClassVar[str] = ""
    """The mechanic's kind, as scenario files name it (`bargaining`)."""
    base_verbs: ClassVar[tuple[str, ...]] = ()
    """The verbs of the kind, before any name is put in front of them."""

    @property
    def name(self) -> str:
        """The mechanic's name in its scenario ("" when it is the only one of its kind)."""
        return ""

    @property
    def verbs(self) -> tuple[str, ...]:
        return tuple(self.verb(v) for v in self.base_verbs)

    def verb(self, base: str) -> str:
        """Returns this mechanic's verb for one of its kind's verbs."""
        return f"{self.name}.{base}" if self.name else base

    def base_verb(self, kind: str) -> str:
        """Returns the kind's verb of one of this mechanic's verbs (the name taken off)."""
        return kind[len(self.name) + 1 :] if self.name else kind

    # ------------------------------------------------------------- the rules

    @abstractmethod
    def actions(self, state: State, faction: int) -> list[Action]:
        """Returns this mechanic's legal actions for `faction` in the orders phase, given the
        orders it has already given this turn (`state.orders`), sorted (`Game` merges the
        mechanics' lists without sorting them again)."""

    @abstractmethod
    def why_illegal(self, state: State, action: Action) -> str | None:
        """Returns why `action` is illegal now, or None if it is legal."""

    @abstractmethod
    def resolve(self, turn: Turn, action: Action) -> None:
        """Carries out an order when the turn resolves."""

    @abstractmethod
    def priority(self, action: Action) -> int:
        """Returns the order's place in the turn's resolution (lower resolves first)."""

    def settle(self, turn: Turn, orders: tuple[tuple[Action, ...], ...]) -> None:
        """Runs after every order of the turn has resolved (e.g. to clear an auction on all the
        sealed bids at once); `orders` are the turn's orders per faction. Most mechanics
        resolve order by order and need nothing here."""
        return None

    @abstractmethod
    def action_space(self, factions: int) -> list[Action]:
        """Returns every action this mechanic could ever offer, in a fixed order (the
        scenario's action index space, for learning agents' masks)."""

    # ------------------------------------------------------------- notation

    @abstractmethod
    def args(self, action: Action) -> list[str]:
        """Returns the notation's arguments after the verb."""

    @abstractmethod
    def parse(self, faction: int, verb: str, args: list[str]) -> Action:
        """Returns the (typed) action of this notation; ValueError says what is wrong."""

    @abstractmethod
    def typed(self, action: Action) -> Action:
        """Returns `action` as its verb family's type (an `Action` read back from JSON)."""

    @abstractmethod
    def label(self, action: Action) -> str:
        """Returns a sentence for people."""

    # ------------------------------------------------- what a faction sees

    def odds(self, seen: Seen, action: Action) -> float | None:
        """Returns the action's chance of success as its faction can tell it from its
        observation: None where chance is not involved, or an input is hidden from it."""
        return None

    def anchors(self, state: State, members: Sequence[Action]) -> tuple[Action, ...]:
        """Returns the few meaningful members of one large family of legal moves (`members`,
        sorted: all the prices of an offer), best known first — a small step, halfway, the
        other side's price — or () to leave the family to coarse-to-fine order. Search tries
        them first and its playouts pick among them (issue 13 item 5: a few meaningful choices
        plus a fine adjustment, for people and for search)."""
        return ()

    def deal(self, state: State, faction: int) -> tuple[Action, tuple[int, ...]] | None:
        """Returns the deal on the table for `faction`, if any: the move that takes it (accepting
        the other side's standing offer) and the tracks as they would stand once it is taken,
        before any chance of its being overruled at home. Search's playouts take a deal only
        when the side values those tracks above the ones it has (`game.agents.rollout`)."""
        return None

    def routine(self, state: State, faction: int) -> Action | None:
        """Returns the order a side gives by habit when it ends its orders without one of this
        mechanic's, or None. Search's playouts play it instead of ending the orders: ending is
        the status quo where nothing lapses (a standing offer stands), not where holding on
        takes an order every turn (a bidder that does not bid loses the lots it holds)."""
        return None

    def explain(self, action: Action) -> str:
        """Returns one line on why the action matters (with its source), for the UI."""
        return ""

    def stakes(self, seen: Seen, action: Action) -> str:
        """Returns what the action takes or gives now, as its faction sees it (accepting an
        offer: the offer's price and terms), or "" when its label says it all."""
        return ""

    def view(self, seen: Seen) -> object | None:
        """Returns what the front end shows of this mechanic to the observing faction (a typed
        view, computed from its observation only), or None if it shows nothing of its own."""
        return None

    def value_text(self, track: int, value: int) -> str | None:
        """Returns a value of one of this mechanic's tracks in words (a terms index as the
        terms' label), or None to show it as a number."""
        return None

    def not_yet(self, track: int, values: Mapping[int, int]) -> bool:
        """True while one of this mechanic's tracks means nothing yet and should be shown as
        not set (the agreed price and terms before any agreement): `values` holds the tracks
        the observer sees, by index."""
        return False

    def track_roles(self) -> Mapping[int, str]:
        """Returns how the front end shows this mechanic's tracks: `terms` or `date` (meters of
        their own kind, see `value_text`), or `panel` (shown by the mechanic's view on the map,
        in its panel or chart, not as meters)."""
        return {}

    def reads(self) -> tuple[Reading, ...]:
        """Returns the tracks that rules factions see read (checked by the compiler)."""
        return ()
