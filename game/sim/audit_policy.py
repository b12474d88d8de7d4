"""Simple policies for the dominance audit: a seat's default agent with standing overrides.

An override is one of
- `always OPTION`: answer an event with this option whenever it is asked; or give this order
  (or this member of a family: a tender at 120 %) once in every turn where it is legal;
- `never FAMILY`: never give this order, or no member of this family (every bid on one lot).

The audit tries every override built from the options it met at the seat's decision points,
one at a time, then pairs of the best few, each on the same seeds as the par (every side its
default agent), and reports the best policy with its paired difference from the par.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from game.agents.base import Agent, make_agents
from game.agents.rollout import family_of
from game.core.actions import CHOOSE, END, Action
from game.core.game import Game
from game.core.observation import Observation
from game.sim.batch import game_seed, pool_map, worker_game
from game.sim.play import play
from game.sim.stats import Paired, paired_diff

PAIRED_FROM: Final = 5
"""The best single overrides combined in pairs."""


@dataclass(frozen=True, slots=True, order=True)
class Override:
    kind: Literal["always", "never"]
    option: str
    """An action's notation (for `never`, any member of the family)."""

    def words(self) -> str:
        return f"{self.kind} {self.option}" if self.kind == "always" else f"never {self.family()}"

    def group(self) -> str:
        """What two overrides of one policy must not share: an event, or an order family."""
        return self.option.rpartition(":")[0] if f":{CHOOSE}:" in self.option else self.family()

    def family(self) -> str:
        head, _, tail = self.option.rpartition(":")
        return f"{head}:*" if tail.lstrip("-").isdigit() else self.option


class OverrideAgent:
    """The seat's default agent, with standing overrides (see the module's text)."""

    def __init__(self, game: Game, inner: Agent, overrides: Sequence[Override]) -> None:
        self.inner = inner
        self.name = inner.name
        self.always = [game.parse_action(o.option) for o in overrides if o.kind == "always"]
        self.never = {
            family_of(game.parse_action(o.option)) for o in overrides if o.kind == "never"
        }

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        allowed = set(legal)
        for action in self.always:
            if action in allowed and action not in obs.own_orders:
                return action
        if self.never:
            kept = [a for a in legal if family_of(a) not in self.never]
            legal = kept or list(legal)
        return self.inner.act(obs, legal, rng)


def candidates(options: Sequence[str]) -> list[Override]:
    """Returns the overrides to try from the options met at a seat's points: `always` each
    (but waiting), `never` each order family (not an event's option)."""
    out: set[Override] = set()
    for option in options:
        verb = option.split(":")[1] if option.count(":") else ""
        if verb == END:
            continue
        out.add(Override("always", option))
        if verb != CHOOSE:
            out.add(Override("never", option))
    # One `never` per family.
    seen: set[str] = set()
    unique = []
    for o in sorted(out):
        if o.kind == "never":
            if o.family() in seen:
                continue
            seen.add(o.family())
        unique.append(o)
    return unique


@dataclass(frozen=True, slots=True)
class PolicyJob:
    scenario: str
    variant: str | None
    agents: tuple[tuple[str, str], ...]
    seat: str
    overrides: tuple[Override, ...]
    games: int
    seed: int


def policy_scores(game: Game, job: PolicyJob) -> list[float]:
    """Returns the seat's final score in each game of the job (its seeds are the par's)."""
    seat = game.rules.faction_index(job.seat)
    out = []
    for i in range(job.games):
        seed = game_seed(job.seed, i)
        built = make_agents(game, dict(job.agents))
        if job.overrides:
            built[seat] = OverrideAgent(game, built[seat], job.overrides)
        _, state = play(game, built, seed)
        out.append(game.score(state, seat))
    return out


def _run(job: PolicyJob) -> list[float]:
    return policy_scores(worker_game(job.scenario, job.variant), job)


@dataclass(frozen=True, slots=True)
class Policy:
    overrides: tuple[Override, ...]
    versus_par: Paired
    mean: float

    def to_dict(self) -> dict[str, Any]:
        d = self.versus_par.diff
        return {
            "policy": [o.words() for o in self.overrides],
            "mean": round(self.mean, 3),
            "minus_par": round(d.value, 3),
            "low": None if d.low is None else round(d.low, 3),
            "high": None if d.high is None else round(d.high, 3),
            "beats_par": self.versus_par.wins,
            "games": d.n,
        }


def best_policies(
    scenario: str,
    variant: str | None,
    agents: tuple[tuple[str, str], ...],
    seat: str,
    options: Sequence[str],
    games: int,
    seed: int,
    workers: int,
) -> tuple[list[float], list[Policy]]:
    """Returns the seat's par scores and every policy tried (single overrides, then pairs of
    the best `PAIRED_FROM`), best mean first."""

    def job(overrides: tuple[Override, ...]) -> PolicyJob:
        return PolicyJob(scenario, variant, agents, seat, overrides, games, seed)

    singles: list[tuple[Override, ...]] = [(o,) for o in candidates(options)]
    results = list(pool_map(_run, [job(()), *(job(s) for s in singles)], workers))
    par, rest = results[0], results[1:]
    tried: dict[tuple[Override, ...], list[float]] = dict(zip(singles, rest, strict=True))
    top = sorted(tried, key=lambda s: -sum(tried[s]))[:PAIRED_FROM]
    pairs: list[tuple[Override, ...]] = [
        (a[0], b[0]) for a, b in itertools.combinations(top, 2) if a[0].group() != b[0].group()
    ]
    for pair, scores in zip(pairs, pool_map(_run, [job(p) for p in pairs], workers), strict=True):
        tried[pair] = scores
    policies = [
        Policy(o, paired_diff(scores, par), sum(scores) / len(scores))
        for o, scores in tried.items()
    ]
    policies.sort(key=lambda p: (-p.mean, len(p.overrides), [x.words() for x in p.overrides]))
    return par, policies
