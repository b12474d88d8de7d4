"""The dominance audit: does each decision matter, and is any option always best?

`python main.py audit --scenario S` measures, with the default agents (every side plays the
dated `historical` script unless `--agents` says otherwise):

1. **Decision points.** It plays `games` games on seeds derived from the audit's seed and
   takes, in each, every event a seat answered with more than one option, and up to
   `points_per_game` of the seat's orders-phase decisions with a choice, spread over the game
   (seeded: the same points whatever the worker count). The games that lead to the points are
   played by every side with the `sample` agents in turn (game i by the i-th kind, cycling):
   by default the dated script, then greedy, then random, so that the points are not all the
   historical line's — an option is dominant only if it is best whatever led there.
2. **Each option played out.** At a point the options are the seat's move families as the
   search sees them (`game.agents.rollout.families`): an event's options one by one; in the orders
   phase, ending the turn ("wait") and each order, a large family (every bid on one lot, every
   price of an offer) by up to three members (its middle and quarters). Each option is applied
   and the game played to its end by the default agents, `rollouts` times with the state's seed
   replaced (later chance drawn anew; the same seeds for every option, so options are compared
   on the same luck). An option's value is the seat's mean final score.
3. **Per option**: at how many points it was on offer, how often it was *best by a margin*
   (its value above every other option's by more than `epsilon`), and whether it was ever best
   (within `epsilon` of the best). A point *changes nothing* when all its options' values lie
   within `epsilon` of each other.
4. **Simple policies** (`game.sim.audit_policy`): per seat, the default agent with one or two
   standing overrides ("always answer this event so", "give this order whenever possible",
   "never give it"), each played on the same seeds as the all-default par.

Everything here reads the true state: it is a tool for the designer, not an agent.
"""

from __future__ import annotations

import dataclasses
import random
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from game.agents.base import Agent, make_agents
from game.agents.rollout import coarse_order, families
from game.core.actions import END, Action
from game.core.game import Game
from game.core.state import CHOICES, State
from game.sim.batch import game_seed, pool_map, worker_game
from game.sim.play import agent_rng, play

MEMBERS: Final = 3
"""Members of a large family played out at a point: its middle and its quarters."""


@dataclass(frozen=True, slots=True)
class AuditSpec:
    """What to audit and how hard."""

    scenario: str
    variant: str | None
    agents: tuple[tuple[str, str], ...]
    """The default agent of each faction id (continuations and opponents)."""
    sample: tuple[str, ...] = ("historical", "greedy", "random")
    """The agents, in turn by game, that every side plays in the games leading to the points."""
    games: int = 12
    points_per_game: int = 4
    """Orders-phase decision points drawn per seat and game (every event is taken too)."""
    rollouts: int = 4
    seed: int = 0
    epsilon: float = 0.5
    """Score difference below which two options count as equal (in the scenario's points)."""


@dataclass(slots=True)
class Point:
    """One decision point played out: each option's final scores for the seat, per rollout."""

    seat: str
    game: int
    date: str
    phase: str
    """`choice` (an event's options) or `orders`."""
    event: str | None
    values: dict[str, list[float]] = field(default_factory=dict)
    """Option → the seat's final score in each rollout (paired across options). An option is
    named by its move's notation, or for a member of a large family by the family and its
    place in it (`japan:offer:<low>`, `<mid>`, `<high>`: the quarters and the middle of the
    amounts on offer there)."""
    moves: dict[str, str] = field(default_factory=dict)
    """Option → the notation of the move played for it."""
    in_game: dict[str, int] = field(default_factory=dict)
    """The seat's decisions in the whole game the point comes from: `events` answered with a
    choice, `orders` given with a choice, and `order_turns` (turns in which it gave any)."""

    def means(self) -> dict[str, float]:
        return {k: statistics.fmean(v) for k, v in self.values.items()}

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


PLACES: Final = ("<low>", "<mid>", "<high>")


def options_at(game: Game, state: State, seat: int) -> list[tuple[str, Action]]:
    """Returns the options the audit plays out at a decision point, named (see `Point`)."""
    out: list[tuple[str, Action]] = []
    for _, members in families(game, state, seat):
        if len(members) <= MEMBERS:
            out.extend((game.notation(a), a) for a in members)
        else:
            order = coarse_order(len(members))
            head = game.notation(members[0]).rpartition(":")[0]
            picked = sorted(order[:MEMBERS])
            out.extend(
                (f"{head}:{place}", members[i]) for place, i in zip(PLACES, picked, strict=True)
            )
    return out


def finish(game: Game, state: State, agents: dict[int, Agent], seed: int) -> State:
    """Plays `state` to its end with `agents` (generators seeded from `seed`)."""
    rngs = {f.index: agent_rng(seed, f.id) for f in game.rules.factions}
    while not game.is_terminal(state):
        faction = game.to_act(state)
        legal = game.legal_actions(state, faction)
        action = agents[faction].act(game.observe(state, faction), legal, rngs[faction])
        state = game.apply(state, action)
    return state


def reseeded(state: State, seed: int) -> State:
    """Returns `state` with its seed replaced: the same position, later chance drawn anew."""
    return dataclasses.replace(state, seed=seed)


def decision_states(game: Game, agents: dict[str, str], seed: int) -> list[tuple[int, State]]:
    """Plays one game with `agents` and returns every state where a side had a choice, with
    that side: at least two options to play out (`options_at`), not only two legal moves (an
    order the within-turn canonical order leaves out is no option of its own)."""
    out: list[tuple[int, State]] = []

    def note(state: State, action: Action, choices: int) -> None:
        if choices > 1 and len(options_at(game, state, action.faction)) > 1:
            out.append((action.faction, state))

    play(game, make_agents(game, agents), seed, on_action=note)
    return out


def pick_points(
    found: Sequence[tuple[int, State]], seat: int, count: int, rng: random.Random
) -> list[State]:
    """Returns one seat's decision points in a game: every event it answered (few, and the
    scenario's turning points), and up to `count` of its orders-phase decisions spread over
    the game (one drawn at random from each of `count` equal stretches), in game order."""
    mine = [state for faction, state in found if faction == seat]
    events = [i for i, state in enumerate(mine) if state.phase == CHOICES]
    orders = [i for i, state in enumerate(mine) if state.phase != CHOICES]
    if len(orders) > count:
        spread = []
        for k in range(count):
            lo, hi = k * len(orders) // count, (k + 1) * len(orders) // count
            spread.append(orders[lo + rng.randrange(hi - lo)])
        orders = spread
    return [mine[i] for i in sorted(events + orders)]


def decision_counts(found: Sequence[tuple[int, State]], seat: int) -> dict[str, int]:
    """Returns how many decisions with a choice one seat had in a game (see `Point.in_game`)."""
    mine = [state for faction, state in found if faction == seat]
    orders = [state for state in mine if state.phase != CHOICES]
    return {
        "events": len(mine) - len(orders),
        "orders": len(orders),
        "order_turns": len({state.turn for state in orders}),
    }


def play_out(game: Game, spec: AuditSpec, state: State, seat: int, point: Point, key: str) -> None:
    """Fills `point` with each option's final scores for `seat` from `state`, one per rollout."""
    agents = dict(spec.agents)
    seeds = [random.Random(f"{key}:rollout:{r}").getrandbits(32) for r in range(spec.rollouts)]
    for name, option in options_at(game, state, seat):
        scores = []
        for r, seed in enumerate(seeds):
            after = game.apply(reseeded(state, seed), option)
            end = finish(game, after, make_agents(game, agents), seed + r)
            scores.append(round(game.score(end, seat), 4))
        point.values[name] = scores
        point.moves[name] = game.notation(option)


def audit_game(game: Game, spec: AuditSpec, index: int) -> list[Point]:
    """Draws and plays out one game's decision points, every seat."""
    seed = game_seed(spec.seed, index)
    kind = spec.sample[index % len(spec.sample)]
    found = decision_states(game, {f.id: kind for f in game.rules.factions}, seed)
    rules = game.rules
    points: list[Point] = []
    for f in rules.factions:
        rng = random.Random(f"{spec.seed}:audit:{index}:{f.id}")
        counts = decision_counts(found, f.index)
        for k, state in enumerate(pick_points(found, f.index, spec.points_per_game, rng)):
            choice = state.phase == CHOICES
            event = rules.events[state.pending[0][0]].id if choice and state.pending else None
            point = Point(
                f.id,
                index,
                rules.date(state.turn).isoformat(),
                "choice" if choice else "orders",
                event,
                in_game=counts,
            )
            play_out(game, spec, state, f.index, point, f"{seed}:{f.id}:{k}")
            points.append(point)
    return points


def _job(job: tuple[AuditSpec, int]) -> list[Point]:
    spec, index = job
    return audit_game(worker_game(spec.scenario, spec.variant), spec, index)


def run_points(spec: AuditSpec, workers: int) -> Iterator[list[Point]]:
    """Yields each game's points in game order, on `workers` processes."""
    yield from pool_map(_job, [(spec, i) for i in range(spec.games)], workers)


def is_wait(option: str) -> bool:
    return option.endswith(f":{END}")
