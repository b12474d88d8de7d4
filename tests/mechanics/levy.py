"""A worked example of a mechanic, kept in the tests (it is not shipped): the levy.

Once a turn, a faction may order `levy:N` to raise N units (1 to 3) into a track, its
"treasury", at the price of N × `cost` points of a "discontent" track. It may raise no more than
its cap (a track of its own, usually secret: the other side does not know how far it can go),
and not push discontent past the top of that track's range. With chance `desertion` one of the
units raised runs away. Every unit raised also counts in the generated track `levied_<id>`.

A shipped mechanic splits this file in three: the public part (action and view types) in
`game/core/mechanics/<kind>_view.py`, the rules in `game/core/mechanics/<kind>.py`, the spec and
compile step in `game/scenario/mechanics/<kind>.py`. docs/mechanics.md walks through it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from pydantic import Field

from game.core.actions import Action
from game.core.mechanics.base import Mechanic, Reading
from game.core.observation import Seen
from game.core.state import State
from game.core.turn import Turn
from game.scenario.language import Slug
from game.scenario.mechanics import Context, MechanicKind, MechanicSpec, NewTrack

VERB: Final = "levy"
MOST: Final = 3
"""The most units one levy order raises."""
CACHE_SIZE: Final = 1024

# --------------------------------------------------- the public part (a `_view` module)


class Levy(Action):
    """Raises units (`red:levy:2`, or `red:north.levy:2` for a levy named `north`)."""

    __slots__ = ()

    @property
    def units(self) -> int:
        return self.amount


@dataclass(frozen=True, slots=True)
class LevyView:
    """A levy as one faction sees it (None: a track hidden from it)."""

    faction: int
    treasury: int | None
    discontent: int | None
    cap: int | None
    levied: int | None


# ------------------------------------------------------------------ the rules


@dataclass(frozen=True, slots=True)
class LevyRules(Mechanic):
    """One faction's levy (see the module docstring for the rules)."""

    faction: int
    treasury: int
    discontent: int
    cap: int
    levied: int
    cost: int
    """Discontent per unit raised."""
    unrest_limit: int
    """The top of the discontent track's range: a levy may not go past it."""
    desertion: float
    name: str = ""
    _cache: dict[tuple[int, int, bool], tuple[Action, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    kind = "levy"
    base_verbs = (VERB,)

    def _offers(self) -> tuple[Levy, ...]:
        """Every levy order of the faction, legal or not, by size."""
        verb = self.verb(VERB)
        return tuple(Levy(self.faction, verb, 0, n) for n in range(1, MOST + 1))

    def why_illegal(self, state: State, action: Action) -> str | None:
        if action.faction != self.faction:
            return "this faction raises no levy here"
        if action.ref != 0 or not 1 <= action.amount <= MOST:
            return f"a levy raises 1 to {MOST} units"
        if any(o.kind == action.kind for o in state.orders[action.faction]):
            return "already levied this turn"
        tracks = state.tracks
        if action.amount > tracks[self.cap]:
            return f"no more than {tracks[self.cap]} units can be raised this turn"
        if tracks[self.discontent] + action.amount * self.cost > self.unrest_limit:
            return "the people will not bear so large a levy"
        return None

    def actions(self, state: State, faction: int) -> list[Action]:
        if faction != self.faction:
            return []
        # The key holds everything `why_illegal` reads, so a cached list is never stale.
        verb = self.verb(VERB)
        ordered = any(o.kind == verb for o in state.orders[faction])
        key = (state.tracks[self.cap], state.tracks[self.discontent], ordered)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            cached = tuple(a for a in self._offers() if self.why_illegal(state, a) is None)
            self._cache[key] = cached
        return list(cached)

    def priority(self, action: Action) -> int:
        return 40  # after the scenario's own orders (30 by default)

    def resolve(self, turn: Turn, action: Action) -> None:
        t = turn.tracks
        who = turn.rules.factions[self.faction].name
        room = (self.unrest_limit - t[self.discontent]) // self.cost
        units = min(action.amount, t[self.cap], room)
        if units <= 0:  # an earlier order this turn raised discontent or lowered the cap
            turn.say(f"{who}: the levy could not be raised.", 1 << self.faction)
            return
        deserted = 0
        if self.desertion and turn.roll(f"{action.kind}:desertion") < self.desertion:
            deserted = 1  # the roll is keyed by seed, turn and tag: no shared generator
        raised = units - deserted
        turn.put(self.treasury, t[self.treasury] + raised)
        turn.put(self.discontent, t[self.discontent] + units * self.cost)
        turn.put(self.levied, t[self.levied] + raised)
        turn.say(f"{who} levies {units} units; {raised} report for duty.", 1 << self.faction)

    def action_space(self, factions: int) -> list[Action]:
        return list(self._offers())

    # ------------------------------------------------------------- notation

    def args(self, action: Action) -> list[str]:
        return [str(action.amount)]

    def parse(self, faction: int, verb: str, args: list[str]) -> Action:
        sizes = [str(n) for n in range(1, MOST + 1)]
        if len(args) != 1 or args[0] not in sizes:
            raise ValueError(f"write {verb}:N, N the units to raise (1 to {MOST})")
        return Levy(faction, verb, 0, int(args[0]))

    def typed(self, action: Action) -> Action:
        return Levy(action.faction, action.kind, action.ref, action.amount)

    def label(self, action: Action) -> str:
        where = f"{self.name.capitalize()}: l" if self.name else "L"
        return f"{where}evy {action.amount} unit{'s' if action.amount != 1 else ''}"

    def explain(self, action: Action) -> str:
        return f"Raises {action.amount} units; discontent rises by {action.amount * self.cost}."

    # ------------------------------------------------- what a faction sees

    def odds(self, seen: Seen, action: Action) -> float | None:
        """The chance that every unit raised reports for duty."""
        if not self.desertion or self.why_illegal(seen.probe(self.faction + 1), action):
            return None
        return 1.0 - self.desertion

    def view(self, seen: Seen) -> LevyView:
        return LevyView(
            self.faction,
            seen[self.treasury],
            seen[self.discontent],
            seen[self.cap],
            seen[self.levied],
        )

    def track_roles(self) -> Mapping[int, str]:
        return {self.levied: "panel"}  # drawn by the levy's panel (from LevyView), not a meter

    def reads(self) -> tuple[Reading, ...]:
        me = 1 << self.faction
        return (
            Reading(me, frozenset({self.cap}), "cap"),
            Reading(me, frozenset({self.discontent}), "discontent"),
        )


# ----------------------------------------------- the scenario part (spec, compile)


class LevySpec(MechanicSpec):
    """The `mechanics: levy:` section (one levy, or a list of named ones)."""

    faction: Slug
    treasury: Slug
    discontent: Slug
    cap: Slug
    cost: int = Field(default=1, ge=1, le=100)
    desertion: float = Field(default=0.0, ge=0, le=1)


def levied_id(spec: LevySpec) -> str:
    return f"levied_{spec.name or spec.faction}"


def levy_tracks(spec: LevySpec, ctx: Context) -> list[NewTrack]:
    """Returns the count of units raised, `levied_<name or faction>`."""
    return [NewTrack(levied_id(spec), f"Units levied ({spec.name or spec.faction})", (0, 1000), 0)]


def compile_levy(spec: LevySpec, ctx: Context) -> LevyRules:
    discontent = ctx.track(spec.discontent, "discontent")
    track = ctx.track_spec(discontent)
    return LevyRules(
        faction=ctx.faction(spec.faction, "faction"),
        treasury=ctx.track(spec.treasury, "treasury"),
        discontent=discontent,
        cap=ctx.track(spec.cap, "cap"),
        levied=ctx.track(levied_id(spec)),
        cost=spec.cost,
        unrest_limit=track.range[1] if track is not None else 0,
        desertion=spec.desertion,
        name=spec.name or "",
    )


LEVY = MechanicKind(LevySpec, levy_tracks, compile_levy, (VERB,))
