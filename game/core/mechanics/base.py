"""The interface every mechanic implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

from game.core.actions import Action
from game.core.state import State
from game.core.turn import Turn


class Mechanic(ABC):
    """A rule module. Instances are immutable configuration plus behaviour (and action caches)."""

    verbs: tuple[str, ...] = ()

    @abstractmethod
    def actions(self, state: State, faction: int) -> list[Action]:
        """Returns this mechanic's legal actions for `faction` in the orders phase, given the
        orders it has already given this turn (`state.orders`)."""

    @abstractmethod
    def why_illegal(self, state: State, action: Action) -> str | None:
        """Returns why `action` is illegal now, or None if it is legal."""

    @abstractmethod
    def resolve(self, turn: Turn, action: Action) -> None:
        """Carries out an order when the turn resolves."""

    @abstractmethod
    def priority(self, action: Action) -> int:
        """Returns the order's place in the turn's resolution (lower resolves first)."""

    @abstractmethod
    def args(self, action: Action) -> list[str]:
        """Returns the notation's arguments after the verb."""

    @abstractmethod
    def parse(self, faction: int, verb: str, args: list[str]) -> Action:
        """Returns the action of this notation; ValueError says what is wrong."""

    @abstractmethod
    def label(self, action: Action) -> str:
        """Returns a sentence for people."""

    def settle(self, turn: Turn, orders: tuple[tuple[Action, ...], ...]) -> None:
        """Runs after every order of the turn has resolved (e.g. to clear an auction on all the
        sealed bids at once); `orders` are the turn's orders per faction. Most mechanics
        resolve order by order and need nothing here."""
        return None

    def odds(self, state: State, action: Action) -> float | None:
        """Returns the action's chance of success, where it has one."""
        return None

    def explain(self, state: State, action: Action) -> str:
        """Returns one line on why the action matters (with its source), for the UI."""
        return ""
