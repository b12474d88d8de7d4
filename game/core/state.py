"""The game state: a small immutable value of ints and tuples."""

from __future__ import annotations

from dataclasses import dataclass, fields

from game.core.actions import Action
from game.core.log import LogNode
from game.core.phase import CHOICES, NOBODY, ORDERS, OVER, RUNNING, Phase

__all__ = ["CHOICES", "NOBODY", "ORDERS", "OVER", "RUNNING", "Phase", "State"]


@dataclass(frozen=True, slots=True, init=False)
class State:
    """Everything that decides the rest of a game. `Game.apply` returns a new one.

    Factions give orders in faction order; the orders of the turn stay secret (only the giver
    observes its own) until all factions are done, then resolve together in a fixed order.
    """

    seed: int
    turn: int
    phase: Phase
    to_act: int
    """The faction that must act now; NOBODY once the game is over."""
    tracks: tuple[int, ...]
    orders: tuple[tuple[Action, ...], ...]
    """This turn's orders so far, per faction."""
    pending: tuple[tuple[int, int], ...]
    """Events waiting for a choice: (event index, faction)."""
    fired: int
    """Bit e set: event e has fired."""
    outcome: int
    """Index of the end rule that ended the game; RUNNING while it runs."""
    log: LogNode | None

    def __init__(
        self,
        seed: int,
        turn: int,
        phase: Phase,
        to_act: int,
        tracks: tuple[int, ...],
        orders: tuple[tuple[Action, ...], ...],
        pending: tuple[tuple[int, int], ...],
        fired: int,
        outcome: int,
        log: LogNode | None,
    ) -> None:
        # What a frozen dataclass's own __init__ does, through the slots' setters instead of
        # `object.__setattr__`: 40 % cheaper, and search makes about 220,000 states a game.
        _seed(self, seed)
        _turn(self, turn)
        _phase(self, phase)
        _to_act(self, to_act)
        _tracks(self, tracks)
        _orders(self, orders)
        _pending(self, pending)
        _fired(self, fired)
        _outcome(self, outcome)
        _log(self, log)

    def with_tracks(self, tracks: tuple[int, ...]) -> State:
        """Returns this state with other track values (what `dataclasses.replace` does, without
        its cost in the search's hot loop)."""
        return State(
            self.seed,
            self.turn,
            self.phase,
            self.to_act,
            tracks,
            self.orders,
            self.pending,
            self.fired,
            self.outcome,
            self.log,
        )


# The slots' setters, in the fields' order (checked by tests/core/test_state.py).
_seed, _turn, _phase, _to_act, _tracks, _orders, _pending, _fired, _outcome, _log = (
    getattr(State, f.name).__set__ for f in fields(State)
)
