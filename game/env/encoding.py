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

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.core.actions import Action
from game.core.game import Game
from game.core.observation import Observation
from game.core.observing import picker
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
    tracks: tuple[int, ...]
    """Indexes of the tracks the faction observes (scenario order)."""
    events: tuple[int, ...]
    """Indexes of the events the faction can see fire."""
    choices: tuple[int, ...]
    """Indexes of the events the faction may be asked to answer."""
    last_turn: int
    max_orders: int
    offset: Vector
    """Subtracted from the raw features (each track's lo; 0 elsewhere)."""
    scale: Vector
    """Then multiplied (1 / (hi − lo) for a track; 1 elsewhere)."""
    pick: Callable[[Sequence[int]], tuple[int, ...]]
    """Returns the observed tracks' values from a state's tracks."""

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
        rest = len(events) + len(choices)
        offset = [0.0] * len(HEAD) + [float(t.lo) for t in tracks] + [0.0] * rest
        scale = [1.0] * len(HEAD) + [1.0 / max(1, t.hi - t.lo) for t in tracks] + [1.0] * rest
        index = tuple(t.index for t in tracks)
        return cls(
            faction,
            names,
            index,
            tuple(events),
            tuple(choices),
            max(1, len(rules.calendar) - 1),
            max(1, rules.max_orders),
            np.array(offset, dtype=np.float32),
            np.array(scale, dtype=np.float32),
            picker(index),
        )

    @property
    def size(self) -> int:
        return len(self.names)

    def vector(self, state: State) -> Vector:
        """Returns the faction's observation of `state` as a vector of `size` floats in 0 … 1
        (the engine keeps every track within its bounds)."""
        f = self.faction
        acting = state.to_act == f
        asked = state.pending[0][0] if state.phase == CHOICES and acting and state.pending else -1
        given = len(state.orders[f]) if state.orders else 0
        return self.encode(
            state.turn, state.phase, acting, given, state.fired, asked, self.pick(state.tracks)
        )

    def encode(
        self,
        turn: int,
        phase: int,
        acting: bool,
        given: int,
        fired: int,
        asked: int,
        values: Sequence[int],
    ) -> Vector:
        """Returns the vector of a view given by its parts (OpenSpiel's information states keep
        views so): the turn, phase, whether f acts, its orders given, the fired events' bits,
        the event it must answer (-1: none) and its observed tracks' values (`pick`)."""
        raw: list[float] = [
            min(1.0, turn / self.last_turn),
            phase == ORDERS,
            phase == CHOICES,
            acting,
            min(1.0, given / self.max_orders),
            *values,
        ]
        raw += [fired >> e & 1 for e in self.events]
        raw += [e == asked for e in self.choices]
        out = np.array(raw, dtype=np.float32)
        out -= self.offset
        out *= self.scale
        return out


def observed(game: Game, layout: Layout, obs: Observation) -> Vector:
    """Returns the vector of a side's `Observation` — the same as `layout.vector` of the state
    it was made from, since the vector reads only what the observation holds: it is built on
    the observation's probe state (`Seen.probe`: unseen tracks at 0, no other side's orders)."""
    return layout.vector(game.seen(obs).probe(len(game.rules.factions)))


def legal_mask(game: Game, legal: Sequence[Action]) -> Mask:
    """Returns a list of legal actions as 0/1 over the action index space."""
    space = game.action_space
    mask = np.zeros(space.size, dtype=np.int8)
    index = space.index_of  # keyed by the four fields: an Action is that tuple, hash and all
    mask[[index[a] for a in legal]] = 1
    return mask


def action_mask(game: Game, state: State, faction: int) -> Mask:
    """Returns the faction's legal actions now as 0/1 over the scenario's action index space."""
    return legal_mask(game, game.legal_actions(state, faction))


def layouts(game: Game) -> tuple[Layout, ...]:
    """Returns every faction's layout, in faction order."""
    return tuple(Layout.of(game, f.index) for f in game.rules.factions)
