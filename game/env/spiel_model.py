"""An OpenSpiel Amur game's model and its states' contents, in plain Python (`game.env.spiel`
wraps them in OpenSpiel's classes; its docstring says what the game is).

`Model` is one scenario, variant and seed count as OpenSpiel sees it: action indexes, the
players' viewers (`game.env.spiel_view`), the bounds OpenSpiel asks for. `Core` is a state's
whole content, immutable, so that OpenSpiel's `clone` (a deep copy of the Python state's
attributes) shares it instead of copying a game's log.
"""

from __future__ import annotations

import dataclasses
import functools
import random
from typing import Any

from game.core.game import Game
from game.core.log import LogEntry, push
from game.core.state import State
from game.env.encoding import layouts
from game.env.spiel_view import Record, View, Viewer, viewers
from game.scenario.loader import load_game

SCENARIOS = {
    "railway_sale": ("railway-sale", 2),
    "fishery_auctions": ("fishery-auctions", 2),
    "august_1945": ("august-1945", 3),
}
"""Short name (after `python_amur_`) → (scenario id, number of factions)."""
DEFAULT_SEEDS = 1024
MAX_SEEDS = 1 << 20
"""Each seed is a listed chance outcome: more would make `chance_outcomes` itself the cost."""


class Model:
    """One scenario (and variant, and seed count) as OpenSpiel sees it; shared by its states."""

    def __init__(self, name: str, variant: str, seeds: int) -> None:
        if not 1 <= seeds <= MAX_SEEDS:
            raise ValueError(f"seeds must be 1 … {MAX_SEEDS}, not {seeds}")
        self.key = (name, variant, seeds)
        self.engine: Game = _engine(SCENARIOS[name][0], variant)
        rules = self.engine.rules
        self.n = len(rules.factions)
        self.space = self.engine.action_space
        self.actions = self.space.actions
        self.index: dict[tuple[int, str, int, int], int] = self.space.index_of
        self.viewers: tuple[Viewer, ...] = viewers(
            self.engine, layouts(self.engine), self.action_name
        )
        self.width = self.viewers[0].width
        self.turns = len(rules.calendar)
        self.seeds = seeds
        self.outcomes = [(i, 1.0 / seeds) for i in range(seeds)]
        self._last: tuple[State | None, list[int]] = (None, [])

    def __deepcopy__(self, memo: object) -> Model:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (model, self.key)

    def action_name(self, index: int) -> str:
        return self.engine.notation(self.actions[index])

    def legal(self, state: State, player: int) -> list[int]:
        """Returns the player's legal action indexes, sorted (the last answer is remembered)."""
        last = self._last
        if last[0] is state and state.to_act == player:
            return last[1]
        index = self.index  # keyed by the four fields: an Action (a NamedTuple) finds itself
        out = [index[a] for a in self.engine.legal_actions(state, player)]
        out.sort()
        if state.to_act == player:
            self._last = (state, out)
        return out

    def max_game_length(self) -> int:
        """Returns a bound on the moves of a game, the chance node included.

        Per turn each faction gives at most `max_orders` moves (orders then `end`, or
        `max_orders` orders, after which its turn passes by itself); each event with a chooser
        fires at most once a turn (repeatable ones) or once a game, and asks one answer.
        """
        rules = self.engine.rules
        asked = [e for e in rules.events if e.chooser >= 0]
        every_turn = sum(1 for e in asked if e.repeat)
        once = len(asked) - every_turn
        return 1 + self.turns * (self.n * rules.max_orders + every_turn) + once

    def utility_range(self) -> tuple[float, float]:
        """Returns bounds of any side's score, from the scoring terms and the tracks' ranges."""
        rules = self.engine.rules
        lows, highs = [], []
        for terms in rules.scoring:
            lo = hi = 0.0
            for term in terms:
                values = [term.constant]
                if term.track >= 0:
                    track = rules.tracks[term.track]
                    values = [term.constant + term.weight * v for v in (track.lo, track.hi)]
                lo += min(0.0, *values)  # a term counts only while its condition holds
                hi += max(0.0, *values)
            lows.append(lo / rules.score_scale)
            highs.append(hi / rules.score_scale)
        return min(lows), max(highs)


@functools.cache
def _engine(scenario: str, variant: str) -> Game:
    return load_game(scenario, variant or None)


@functools.cache
def model(name: str, variant: str, seeds: int) -> Model:
    """Returns the (shared) model of a scenario, variant and seed count."""
    return Model(name, variant, seeds)


# ------------------------------------------------------------------ a state's contents


class Core:
    """A state's whole content, immutable: `clone` shares it, `apply_action` replaces it.

    Pickled (OpenSpiel's `serialize`) as the moves since its start, replayed when read back:
    exact, since the game is deterministic once the seed is drawn. A resampled state's start
    is a snapshot (state and records, `sample`), followed by the moves made from it.
    """

    __slots__ = ("base", "model", "records", "state", "trail")

    def __init__(
        self,
        model: Model,
        state: State | None,
        records: tuple[Record | None, ...],
        base: tuple[State, tuple[Record | None, ...]] | None,
        trail: tuple[Any, int] | None,
    ) -> None:
        self.model = model
        self.state = state
        self.records = records
        self.base = base
        """A resampled state's start (its state and records), or None from the chance node."""
        self.trail = trail
        """The moves since the start as a persistent list: (earlier, move) or None."""

    def __deepcopy__(self, memo: object) -> Core:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        moves: list[int] = []
        node = self.trail
        while node is not None:
            moves.append(node[1])
            node = node[0]
        moves.reverse()
        base = None
        if self.base is not None:
            start, records = self.base
            chains = [
                [(r.view, r.action, r.seen) for r in rec.chain()] if rec else [] for rec in records
            ]
            base = (start, chains)
        return (_revive, (self.model.key, base, moves))

    @classmethod
    def start(cls, model: Model) -> Core:
        return cls(model, None, (None,) * model.n, None, None)

    def after(self, move: int) -> Core:
        """Returns the content after a move (a seed at the chance node, else an action index)."""
        m = self.model
        state = self.state
        if state is None:
            if not 0 <= move < m.seeds:
                raise ValueError(f"no seed {move}: the chance node draws 0 … {m.seeds - 1}")
            start = m.engine.initial_state(move)
            return Core(m, start, self.records, self.base, (self.trail, move))
        if not 0 <= move < len(m.actions):
            raise ValueError(f"no action {move} in a space of {len(m.actions)}")
        p = state.to_act
        after = m.engine.apply(state, m.actions[move])
        records = list(self.records)
        last = records[p]
        viewer = m.viewers[p]
        seen = viewer.seen_since(state.log, last.log if last is not None else None)
        records[p] = Record(last, viewer.view(state), move, state.log, seen)
        return Core(m, after, tuple(records), self.base, (self.trail, move))


def sample(core: Core, player: int, rng: random.Random) -> Core:
    """Returns a content `player` cannot tell from `core`'s (its information state is the
    same): `Game.determinize` of its observation, its own records, the others' afresh.

    The sample's chronicle holds the lines the player read since its last decision and
    nothing else, so that its `now:` line is unchanged and no other side's record in the
    sample reads a line the player may not.
    """
    m = core.model
    state = core.state
    if state is None:
        return core
    last = core.records[player]
    lines = m.viewers[player].seen_since(state.log, last.log if last is not None else None)
    drawn = m.engine.determinize(m.engine.observe(state, player), rng)
    drawn = dataclasses.replace(drawn, log=push(None, list(lines)))
    records = tuple(last if f == player else None for f in range(m.n))
    return Core(m, drawn, records, (drawn, records), None)


def _revive(
    key: tuple[str, str, int],
    base: tuple[State, list[list[tuple[View, int, tuple[LogEntry, ...]]]]] | None,
    moves: list[int],
) -> Core:
    m = model(*key)
    if base is None:
        core = Core.start(m)
    else:
        start, chains = base
        records: list[Record | None] = []
        for chain in chains:
            node: Record | None = None
            for view, action, seen in chain:
                # No chronicle of its own: the start's holds only what followed (`sample`).
                node = Record(node, view, action, None, seen)
            records.append(node)
        core = Core(m, start, tuple(records), (start, tuple(records)), None)
    for move in moves:
        core = core.after(move)
    return core
