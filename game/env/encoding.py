"""What a side observes as a flat vector, and its legal moves as a mask over the action space.

The learning environments (`game.env.aec`, `game.env.single`, `game.env.spiel`) all read a side's
view through this one encoding. The vector holds only what `Game.observe` would show the side —
the tracks its mask lets it see, the events it knows have fired, the event it must answer — so a
policy trained on it never reads hidden information. Its layout, for faction f of a scenario:

| features | how many | value |
|---|---|---|
| `turn` | 1 | the turn over the calendar's last turn, 0 … 1 |
| `phase:orders`, `phase:choices` | 2 | 1 in that phase of the turn |
| `acting` | 1 | 1 when f is the side to act |
| `orders_given` | 1 | f's orders this turn over the most a side may give |
| `track:<id>` | one per track f observes, scenario order | (value − lo) / (hi − lo), in 0 … 1 |
| `fired:<id>` | one per event f can see, scenario order | 1 once f knows the event fired |
| `choice:<id>` | one per event f may be asked to answer | 1 while f must answer it |

`Layout.names` lists the features in this order; `numpy` is the only library it needs. The mask
is over the scenario's fixed action index space (`Game.action_space`): index i is 1 when action i
is legal for f now (all 0 when f is not to act).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.core.game import Game
from game.core.state import CHOICES, ORDERS, State

Vector = npt.NDArray[np.float32]
Mask = npt.NDArray[np.int8]

HEAD = ("turn", "phase:orders", "phase:choices", "acting", "orders_given")
"""The features every layout starts with."""


@dataclass(frozen=True, slots=True)
class Layout:
    """One faction's observation vector: which features, in which order, and how each is read."""

    faction: int
    names: tuple[str, ...]
    tracks: npt.NDArray[np.intp]
    """Indexes of the tracks the faction observes (scenario order)."""
    lo: Vector
    span: Vector
    events: tuple[int, ...]
    """Indexes of the events the faction can see fire."""
    choices: tuple[int, ...]
    """Indexes of the events the faction may be asked to answer."""
    last_turn: int
    max_orders: int

    @classmethod
    def of(cls, game: Game, faction: int) -> Layout:
        rules = game.rules
        bit = 1 << faction
        tracks = [t for t in rules.tracks if t.mask & bit]
        events = [e.index for e in rules.events if e.mask & bit]
        choices = [e.index for e in rules.events if e.chooser == faction]
        names = (
            *HEAD,
            *(f"track:{t.id}" for t in tracks),
            *(f"fired:{rules.events[e].id}" for e in events),
            *(f"choice:{rules.events[e].id}" for e in choices),
        )
        return cls(
            faction,
            names,
            np.array([t.index for t in tracks], dtype=np.intp),
            np.array([t.lo for t in tracks], dtype=np.float32),
            np.array([max(1, t.hi - t.lo) for t in tracks], dtype=np.float32),
            tuple(events),
            tuple(choices),
            max(1, len(rules.calendar) - 1),
            max(1, rules.max_orders),
        )

    @property
    def size(self) -> int:
        return len(self.names)

    def vector(self, state: State) -> Vector:
        """Returns the faction's observation of `state` as a vector of `size` floats in 0 … 1."""
        f = self.faction
        head = (
            min(1.0, state.turn / self.last_turn),
            1.0 if state.phase == ORDERS else 0.0,
            1.0 if state.phase == CHOICES else 0.0,
            1.0 if state.to_act == f else 0.0,
            min(1.0, len(state.orders[f]) / self.max_orders) if state.orders else 0.0,
        )
        values = np.fromiter(state.tracks, dtype=np.float32, count=len(state.tracks))
        scaled = np.clip((values[self.tracks] - self.lo) / self.span, 0.0, 1.0)
        fired = state.fired
        seen = [1.0 if fired >> e & 1 else 0.0 for e in self.events]
        asked = -1
        if state.phase == CHOICES and state.to_act == f and state.pending:
            asked = state.pending[0][0]
        choice = [1.0 if e == asked else 0.0 for e in self.choices]
        return np.concatenate(
            (
                np.array(head, dtype=np.float32),
                scaled.astype(np.float32, copy=False),
                np.array(seen, dtype=np.float32),
                np.array(choice, dtype=np.float32),
            )
        )


def action_mask(game: Game, state: State, faction: int) -> Mask:
    """Returns the faction's legal actions now as 0/1 over the scenario's action index space."""
    space = game.action_space
    mask = np.zeros(space.size, dtype=np.int8)
    index = space.index_of
    for action in game.legal_actions(state, faction):
        mask[index[action.key()]] = 1
    return mask


def layouts(game: Game) -> tuple[Layout, ...]:
    """Returns every faction's layout, in faction order."""
    return tuple(Layout.of(game, f.index) for f in game.rules.factions)
