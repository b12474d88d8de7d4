"""Beliefs: full states that agree with everything one faction has seen, for search to plan on.

A particle filter over the game's own dynamics. The particles start as the game's own start
states (`initial_state` on seeds the faction does not know, so hidden start values follow the
scenario's own ranges). At each of the faction's decisions, every particle is advanced through
the moves made since the last one: the faction's own moves as it made them, every other side's
by the search's default policy (`game.agents.rollout`), chance by the particle's own seed. A
particle whose view then equals the faction's observation (turn, phase, the tracks and events
it sees, its own orders, the event it must answer) is kept; the others are dropped. When none
survives (the other sides did something the default policy rarely does), the particles whose
view comes closest are kept instead. Kept particles are resampled to the full number with new
seeds (the true seed's future draws are unknown anyway).

**Refusals teach** (given a `judge`: a persona that asks for `judged_deals`). Such a side
believes the others take a deal when it is worth more to them than none (`game.agents.rollout`),
so a deal they were offered and did not take tells it something. Before each update, every
particle in which another side would have taken the deal on the table at the last decision, but
which that side did not take (the observation shows no agreement), has the values of the
persona's priors moved by random steps until that side would refuse it: steps of `LEARN_STEP`
of the prior's range, doubled up to `LEARN_DOUBLINGS` times, four tries each (a particle that no
step mends is left as it was). So a Tokyo that offered 55 M and saw it refused comes to believe
the line worth more than that to Moscow, and a Moscow whose ask was refused believes Tokyo's
limit lower: each concedes step by step, as the two did in 1933–34, rather than waiting for an
acceptance it wrongly expects (docs/exploits.md, "The railway sale: beliefs that learn from a
refusal"). A refusal that was an acceptance overruled at home (a bargaining mechanic's
`accept_odds`) reads as a refusal too.

`sample` returns a state made from the observation itself — every track, event and order the
faction sees — with only what it cannot see taken from a particle, so `observe(sample, f)`
equals the observation (its log aside) by construction. Nothing here reads the true state.
"""

from __future__ import annotations

import operator
import random
from collections.abc import Sequence
from typing import Final

from game.agents.rollout import Judge, pays, rollout_action
from game.core.actions import Action
from game.core.game import Game
from game.core.observation import NO_EVENT, Observation
from game.core.observing import picker
from game.core.state import CHOICES, RUNNING, State

_VALUE: Final = operator.itemgetter(1)
"""The value of an observed track, (id, value)."""


PARTICLES: Final = 48
"""Particles per faction: enough that the hidden start ranges (a few dozen values each) are
covered, few enough that updating them costs a few milliseconds a move."""
NEAREST: Final = 0.25
"""Share of particles kept, nearest first, when none agrees exactly with the observation."""
LEARN_STEP: Final = 0.1
"""First step by which a refusal moves a believed value, as a share of its prior's range (a
setting of the belief, not a government's trait: docs/exploits.md)."""
LEARN_DOUBLINGS: Final = 4
"""How often that step doubles (to 1.6 of the prior's range) before a particle is left as it
was."""
MAX_STEPS: Final = 400
"""Moves one particle may make between two of the faction's decisions (a guard: the longest
shipped gap is a few dozen)."""


class Belief:
    """What one faction believes about the states it cannot see, kept up to date."""

    def __init__(
        self,
        game: Game,
        faction: int,
        rng: random.Random,
        n: int = PARTICLES,
        priors: Sequence[tuple[int, int, int]] = (),
        judge: Judge | None = None,
    ) -> None:
        """`priors`: (track, low, high) for hidden tracks whose start value this faction
        believed to lie elsewhere than the scenario's own range (a persona's priors). `judge`:
        how the others value a state, for learning from their refusals (the module docstring);
        None: no learning."""
        self.game = game
        self.faction = faction
        self.n = n
        rules = game.rules
        bit = 1 << faction
        self._visible = tuple(t.index for t in rules.tracks if t.mask & bit)
        self._hidden = tuple(t.index for t in rules.tracks if not t.mask & bit)
        where = {t: i for i, t in enumerate(self._visible + self._hidden)}
        self._merge = picker([where[t.index] for t in rules.tracks])
        """Picks a state's tracks, in scenario order, from the visible values (in the order of
        `_visible`) followed by the hidden ones (`_project`)."""
        self._pick_hidden = picker(self._hidden)
        self._spans = tuple(max(1, t.hi - t.lo) for t in rules.tracks)
        self._event_mask = sum(1 << e.index for e in rules.events if e.mask & bit)
        self._end_rules = {r.id: r.index for r in rules.end_rules}
        starts = [game.initial_state(rng.getrandbits(32)) for _ in range(n)]
        hidden = set(self._hidden)
        usable = [(t, lo, hi) for t, lo, hi in priors if t in hidden]
        self.particles: list[State] = [self._believed(p, usable, rng) for p in starts]
        self._judge = judge
        self._steps = (
            tuple(
                (t, max(1, round((hi - lo) * LEARN_STEP)), rules.tracks[t].lo, rules.tracks[t].hi)
                for t, lo, hi in usable
            )
            if judge is not None
            else ()
        )
        """(track, first step, track's low, track's high) of each value a refusal may move."""
        self._others = tuple(f.index for f in rules.factions if f.index != faction)
        self._where = {t: i for i, t in enumerate(self._visible)}
        """A visible track's place in an observation's tracks."""
        self._mine: list[Action] = []
        self.exact = 0
        """How many particles agreed exactly with the last observation (a diagnostic)."""

    @staticmethod
    def _believed(
        state: State, priors: Sequence[tuple[int, int, int]], rng: random.Random
    ) -> State:
        """Returns a start state with the priors' tracks drawn from their believed ranges."""
        if not priors:
            return state
        tracks = list(state.tracks)
        for t, lo, hi in priors:
            tracks[t] = rng.randint(lo, hi)
        return State(
            state.seed,
            state.turn,
            state.phase,
            state.to_act,
            tuple(tracks),
            state.orders,
            state.pending,
            state.fired,
            state.outcome,
            state.log,
        )

    # ------------------------------------------------------------------ updating

    def commit(self, action: Action) -> None:
        """Notes a move the faction made (its particles replay it at the next update)."""
        self._mine.append(action)

    def update(self, obs: Observation, rng: random.Random) -> None:
        """Advances every particle to the faction's present decision and keeps those that agree
        with `obs` (or, when none does, those that come closest)."""
        mine, self._mine = self._mine, []
        if self._steps:
            self.particles = [self._taught(p, obs, rng) for p in self.particles]
        advanced = [self._advance(p, mine, obs, rng) for p in self.particles]
        alive = [p for p in advanced if p is not None]
        exact = [p for p in alive if self._distance(p, obs) == 0.0]
        self.exact = len(exact)
        if exact:
            kept = exact
        elif alive:
            ranked = sorted(alive, key=lambda p: self._distance(p, obs))
            kept = ranked[: max(1, int(len(ranked) * NEAREST))]
        else:
            kept = self.particles
        kept = [self._project(p, obs, p.seed) for p in kept]
        self.particles = [
            self._reseed(kept[rng.randrange(len(kept))], rng.getrandbits(32)) for _ in range(self.n)
        ]

    def _takes(self, state: State, side: int) -> tuple[int, ...] | None:
        """Returns the tracks after the deal on the table for `side`, if it would take it."""
        deal = self.game.deal(state, side)
        if deal is None:
            return None
        assert self._judge is not None
        after = deal[1]
        return after if pays(self._judge, state, side, after) else None

    def _taught(self, particle: State, obs: Observation, rng: random.Random) -> State:
        """Returns `particle` (at the last decision) with its believed values moved until every
        other side would refuse a deal it did not take since (the module docstring)."""
        for side in self._others:
            after = self._takes(particle, side)
            if after is None:
                continue
            seen = [(t, i) for t, i in self._where.items() if after[t] != particle.tracks[t]]
            if seen and all(obs.tracks[i][1] == after[t] for t, i in seen):
                continue  # it took the deal
            particle = self._mended(particle, side, rng) or particle
        return particle

    def _mended(self, particle: State, side: int, rng: random.Random) -> State | None:
        """Returns `particle` with its believed values moved so that `side` would refuse the
        deal on the table, or None if no step does (the module docstring)."""
        width = 1
        for _ in range(LEARN_DOUBLINGS + 1):
            for _ in range(4):
                moved = self._moved(particle, width, rng)
                if self._takes(moved, side) is None:
                    return moved
            width *= 2
        return None

    def _moved(self, state: State, width: int, rng: random.Random) -> State:
        """Returns `state` with each learnable value moved by up to `width` steps either way."""
        tracks = list(state.tracks)
        for t, step, lo, hi in self._steps:
            reach = step * width
            tracks[t] = min(hi, max(lo, tracks[t] + rng.randint(-reach, reach)))
        return state.with_tracks(tuple(tracks))

    def _advance(
        self, state: State, mine: Sequence[Action], obs: Observation, rng: random.Random
    ) -> State | None:
        """Plays a particle on to the faction's next decision; None if it cannot get there."""
        game, f = self.game, self.faction
        queue = list(mine)
        for _ in range(MAX_STEPS):
            if game.is_terminal(state):
                return None
            if state.to_act == f:
                if not queue:
                    return state
                action = queue.pop(0)
                if game.why_illegal(state, action) is not None:
                    return None
            else:
                if state.turn > obs.turn:
                    return None
                action = rollout_action(game, state, rng)
            state = game.advance(state, action)  # checked above, or from the legal list
        return None

    def _distance(self, state: State, obs: Observation) -> float:
        """Returns 0 when the faction would see exactly `obs` in `state`; else how far off."""
        if state.turn != obs.turn or state.phase != obs.phase or state.to_act != obs.to_act:
            return float("inf")
        if obs.phase == CHOICES and state.pending[0][0] != obs.choice:
            return float("inf")
        gap = 0.0
        if state.orders[self.faction] != obs.own_orders:
            gap += 1.0
        if state.fired & self._event_mask != obs.fired:
            gap += 1.0
        spans = self._spans
        for (_, value), t in zip(obs.tracks, self._visible, strict=True):
            if state.tracks[t] != value:
                gap += abs(state.tracks[t] - value) / spans[t]
        return gap

    # ------------------------------------------------------------------ sampling

    def sample(self, obs: Observation, rng: random.Random) -> State:
        """Returns a full state that agrees with `obs`, its hidden part drawn from the belief
        and its seed fresh (chance from here on is unknown)."""
        particle = self.particles[rng.randrange(len(self.particles))]
        return self._project(particle, obs, rng.getrandbits(32))

    def hidden_values(self) -> list[tuple[int, ...]]:
        """Returns each particle's values of the tracks the faction cannot see (for reports)."""
        return [tuple(p.tracks[t] for t in self._hidden) for p in self.particles]

    @property
    def hidden_tracks(self) -> tuple[int, ...]:
        """Indices of the tracks the faction cannot see, in scenario order."""
        return self._hidden

    def _project(self, particle: State, obs: Observation, seed: int) -> State:
        """Returns `particle` with everything the faction sees set as `obs` says."""
        values = list(map(_VALUE, obs.tracks))
        if len(values) != len(self._visible):
            raise ValueError("the observation's tracks are not this side's visible tracks")
        values.extend(self._pick_hidden(particle.tracks))
        f = self.faction
        same_point = particle.turn == obs.turn and particle.phase == obs.phase
        orders = tuple(
            obs.own_orders if i == f else (particle.orders[i] if same_point else ())
            for i in range(len(particle.orders))
        )
        pending: tuple[tuple[int, int], ...] = ()
        if obs.phase == CHOICES:
            if same_point and particle.pending and particle.pending[0][1] == obs.to_act:
                pending = particle.pending
                if obs.awaiting != NO_EVENT and pending[0][0] != obs.awaiting:
                    pending = ((obs.awaiting, obs.to_act),)
            elif obs.awaiting != NO_EVENT:
                pending = ((obs.awaiting, obs.to_act),)
            else:
                event = next(e.index for e in self.game.rules.events if e.chooser == obs.to_act)
                pending = ((event, obs.to_act),)
        fired = obs.fired | (particle.fired & ~self._event_mask)
        outcome = self._end_rules.get(obs.outcome, RUNNING)
        return State(
            seed,
            obs.turn,
            obs.phase,
            obs.to_act,
            self._merge(values),
            orders,
            pending,
            fired,
            outcome,
            None,
        )

    @staticmethod
    def _reseed(state: State, seed: int) -> State:
        return State(
            seed,
            state.turn,
            state.phase,
            state.to_act,
            state.tracks,
            state.orders,
            state.pending,
            state.fired,
            state.outcome,
            state.log,
        )
