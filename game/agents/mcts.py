"""The searching agent: information-set Monte Carlo tree search on sampled states.

Each iteration draws a full state from the faction's `Belief` (hidden values plausible given
all it has seen), plays it forward and learns from the result:

- **One tree per side, keyed by what that side knows**: a node is the sequence of moves its
  side has made since the decision being searched, and of the chronicle's records it has seen
  of the others between them (an offer put on the table, an order carried out, a roll's
  result). So no side branches on another's secret orders (the engine takes simultaneous
  orders one side after the other; in the tree, a later side never sees an earlier side's
  orders of the turn before they resolve), but each reacts to what it has been shown: a seller
  answers a high offer differently from a low one. Every side picks its moves in its own tree by
  UCT on its own score, so the searching faction plans against opponents that also think.
- **Availability**: a move is legal in some sampled states and not in others; UCT counts how
  often each child was available, not how often its parent was visited.
- **A canonical order of a side's orders within a turn**: search gives orders only in the
  engine's sort order (k orders are one sequence, not k! of them). A root move is then "the
  orders of the turn whose first is this one", and its value the mean of all of them, so an
  order with many others sorting after it is under-rated against one near the end of the sort
  (a move's value is the mean below it, as under guided expansion). `every_order` (off unless a
  persona asks for it) counts in that order only the orders given inside the search: once a
  side has given an order, its next decision weighs again every order it has not given,
  including those that sort before it. Without it, a Soviet side that opened 9 August 1945
  with the Pacific Fleet (an order late in the sort) could give no front its attack that day.
- **Large action lists, coarse first**: the members of a family (all the prices of an offer,
  all bids on one lot) enter the tree from coarse to fine (ends, middle, quarters, …) as their
  node is visited more (progressive widening).
- **Guided expansion** (`guided`, off unless a persona asks for it): a node's new child is the
  move the default policy draws there when that move is untried (else an untried move at
  random), and once a playout has left the searching side's tree that side gives no further
  orders in the turn being searched (its routine order, if it has one, then the end of its
  orders): its other orders of the turn are what its tree weighs. So a move's estimates are of
  it followed by the orders the tree chose or by none, not by a second order drawn from thirty.
  Uniform expansion biased search towards ending the turn where a side has many orders: in a
  traced fishery season every order but "end" was first played out with a random second one (a
  tender at 200 %, a lot withheld past a red line) and lost several points to it (issue 14);
  with the default policy's draws past the tree, four in ten of those playouts still added a
  random order, and a searching Moscow took back too few grounds in 1929–31
  (docs/personas-history.md). A node still tries each of its moves once before UCT prefers
  any, and a move's value is the mean of every playout below it.
- **Judged deals** (`judged_deals`, off unless a persona asks for it): in playouts a side takes
  the deal on the table (the other side's standing offer, `Game.deal`) whenever it values the
  deal above the state it is in (this agent's `evaluate` of that side, on the sampled state),
  and otherwise never, rather than drawing an acceptance like any other order
  (`game.agents.rollout`).
- **Cut playouts**: past the tree, sides play the default policy (`game.agents.rollout`) until
  `depth` turns have passed (fewer where they would span more than the budget's `days`), then
  every side's score (the scenario's own score formula) is the evaluation; a finished game gives
  its final scores. Scores are scaled per side to [0, 1] by the
  range seen in the search, so one exploration constant fits every scenario.

The move chosen is the root child visited most. Budgets are iterations (deterministic: the same
seed gives the same move) with an optional time limit for the window (which then depends on
the machine). Levels map to budgets (`LEVELS`).
"""

from __future__ import annotations

import functools
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from math import log, sqrt
from typing import Final

from game.agents.beliefs import Belief
from game.agents.reasons import Reason, Weighed
from game.agents.rollout import (
    Judge,
    canonical_families,
    coarse_order,
    end_of_orders,
    rollout_action,
)
from game.core.actions import END, Action
from game.core.game import Game
from game.core.observation import Observation
from game.core.state import ORDERS, OVER, State

EXPLORE: Final = 0.7
"""UCT's exploration constant on scores scaled to [0, 1] (the textbook √2/2)."""
WIDEN: Final = 3
"""Members of a large family a node offers before it has been visited (coarse ones first)."""


@dataclass(frozen=True, slots=True)
class Budget:
    """How hard the agent thinks per move."""

    iterations: int
    depth: int
    """Turns played past the present one before the scores are read…"""
    days: int | None = None
    """…but no more than these days of scenario time past the present turn (at least one turn
    is always played): a horizon of three turns is three months of the railway sale but three
    years of the fishery, where every turn clears an auction."""
    seconds: float | None = None
    """Optional wall-clock limit (the window's); None keeps moves reproducible."""


LEVELS: Final = {
    "normal": Budget(iterations=1000, depth=3, days=180),
    "easy": Budget(iterations=150, depth=2, days=120),
    "hard": Budget(iterations=4000, depth=5, days=366),
}
"""Level → budget; the first is the default (`mcts` alone means `mcts:normal`)."""


CHECK: Final = 32
"""Iterations between checks of the time limit and of whether the choice is settled."""


class _Node:
    __slots__ = ("after", "avail", "children", "n", "w")

    def __init__(self) -> None:
        self.after: dict[tuple[object, ...], _Node] = {}
        self.children: dict[Action, _Node] = {}
        self.n = 0
        self.w = 0.0
        self.avail = 0


@dataclass(slots=True)
class _Tree:
    """Every side's tree, and the range of each side's evaluations seen so far."""

    roots: list[_Node]
    lo: list[float]
    hi: list[float]

    @classmethod
    def fresh(cls, sides: int) -> _Tree:
        return cls([_Node() for _ in range(sides)], [math.inf] * sides, [-math.inf] * sides)

    def below(self, side: int, action: Action) -> _Tree:
        """Returns the trees with `side`'s root moved down to its child `action`."""
        roots = list(self.roots)
        roots[side] = roots[side].children[action]
        return _Tree(roots, self.lo, self.hi)


@dataclass(frozen=True, slots=True)
class _Kept:
    """A search's trees kept for the same side's next decision in the same turn."""

    turn: int
    orders: tuple[Action, ...]
    tree: _Tree


def _settled(root: _Node, remaining: int) -> bool:
    """True if no other child can overtake the most visited one in `remaining` iterations."""
    first = second = 0
    for child in root.children.values():
        if child.n > first:
            first, second = child.n, first
        elif child.n > second:
            second = child.n
    return first - second > remaining


def _seen_since(log: object, stop: object, side: int) -> tuple[object, ...]:
    """Returns the records of the chronicle lines `side` may see, from `log` back to `stop`
    (newest first), leaving out its own orders."""
    bit = 1 << side
    out: list[object] = []
    node = log
    while node is not None and node is not stop:
        entry = node.entry  # type: ignore[attr-defined]
        record = entry.record
        if record is not None and entry.mask & bit and getattr(record, "faction", -1) != side:
            out.append(record)
        node = node.prev  # type: ignore[attr-defined]
    return tuple(out)


@functools.cache
def _coarse(n: int) -> tuple[int, ...]:
    return tuple(coarse_order(n))


def candidates(game: Game, state: State, faction: int, visits: int, since: int = 0) -> list[Action]:
    """Returns the moves a tree node offers: legal, in canonical order within the turn (not
    counting the side's first `since` orders: `canonical_families`), and of each large family only
    as many members, coarse first, as the node's visits allow."""
    legal, runs = canonical_families(game, state, faction, since)
    width = WIDEN + int(math.sqrt(visits))
    n = len(legal)
    if n <= width:
        return legal
    out: list[Action] = []
    for first, stop in runs:
        size = stop - first
        if size <= width:
            out.extend(legal[first:stop])
            continue
        members = legal[first:stop]
        # The family's meaningful members first (a small step, halfway, theirs), then the rest
        # coarse to fine.
        anchors = game.anchors(state, members)
        picked = list(anchors[:width])
        for k in _coarse(size):
            if len(picked) >= width:
                break
            if members[k] not in picked:
                picked.append(members[k])
        out.extend(picked)
    return out


class MctsAgent:
    """Plans each move by information-set MCTS on states sampled from its beliefs."""

    measure = "score"
    """What its evaluations are, in its reasons' words."""

    def __init__(
        self,
        game: Game,
        faction: int,
        level: str = "normal",
        *,
        budget: Budget | None = None,
        explore: float = EXPLORE,
        guided: bool = False,
        every_order: bool = False,
        judged_deals: bool = False,
    ) -> None:
        self.game = game
        self.faction = faction
        self.level = level
        self.name = f"mcts:{level}"
        self.budget = budget or LEVELS[level]
        self.explore = explore
        self.guided = guided
        """Expansion draws new children from the default policy (the module docstring)."""
        self.every_order = every_order
        """Each decision of a turn weighs every order not yet given (the module docstring)."""
        self._judge: Judge | None = self.evaluate if judged_deals else None
        """How playouts judge a deal on the table (the module docstring), or None: drawn."""
        self.belief: Belief | None = None
        self.reason: Reason | None = None
        self.iterations = 0
        """Iterations of the last search (a diagnostic)."""
        self.stop = False
        """Set from another thread to end the current search early (the window's Esc); set
        before a search starts, it ends that one at once. `act` clears it when it returns."""
        self._kept: _Kept | None = None
        self._limits: dict[int, int] = {}

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        if self.belief is None:
            self.belief = self.make_belief(random.Random(rng.getrandbits(64)))
        belief = self.belief
        if len(legal) == 1:
            belief.commit(legal[0])
            self.reason = Reason(self.name, legal[0], "The only move.")
            self.stop = False
            return legal[0]
        belief.update(obs, rng)
        kept = self._kept
        self._kept = None
        if kept is not None and kept.turn == obs.turn and kept.orders == obs.own_orders:
            tree = kept.tree
        else:
            tree = _Tree.fresh(len(self.game.rules.factions))
        self._search(obs, belief, tree, rng)
        root = tree.roots[self.faction]
        allowed = set(legal)
        ranked = sorted(
            ((a, c) for a, c in root.children.items() if a in allowed),
            key=lambda ac: (-ac[1].n, -(ac[1].w / ac[1].n if ac[1].n else 0.0)),
        )
        if not ranked:
            chosen = rollout_action(self.game, belief.sample(obs, rng), rng)
            if chosen not in allowed:
                chosen = legal[0]
            self.reason = Reason(self.name, chosen, "No time to search: the default policy.")
        else:
            chosen = self.pick(ranked, rng)
            self.reason = self._explain(ranked, root.n, chosen)
            if chosen.kind != END and obs.phase == ORDERS:
                # Still this side's turn after an order: the subtree below it is the next
                # search's start (no other side has moved in between).
                self._kept = _Kept(
                    obs.turn, (*obs.own_orders, chosen), tree.below(self.faction, chosen)
                )
        belief.commit(chosen)
        self.stop = False
        return chosen

    # ------------------------------------------------------------------ search

    def _search(self, obs: Observation, belief: Belief, tree: _Tree, rng: random.Random) -> None:
        """Runs iterations into `tree` until the budget is spent (counting the visits a kept
        subtree already has), the choice can no longer change, or the search is stopped."""
        budget = self.budget
        roots, lo, hi = tree.roots, tree.lo, tree.hi
        root = roots[self.faction]
        deadline = None if budget.seconds is None else time.perf_counter() + budget.seconds
        todo = max(budget.iterations // 10, budget.iterations - root.n)
        done = 0
        while done < todo and not self.stop:
            if done % CHECK == 0 and done:
                if deadline is not None and time.perf_counter() > deadline:
                    break
                if _settled(root, todo - done):
                    break
            state = belief.sample(obs, rng)
            values = self._iterate(state, roots, lo, hi, rng)
            for g, v in enumerate(values):
                if v < lo[g]:
                    lo[g] = v
                if v > hi[g]:
                    hi[g] = v
            done += 1
        self.iterations = done

    def _iterate(
        self,
        state: State,
        roots: list[_Node],
        lo: list[float],
        hi: list[float],
        rng: random.Random,
    ) -> list[float]:
        game = self.game
        sides = len(roots)
        cur: list[_Node | None] = list(roots)
        paths: list[list[_Node]] = [[r] for r in roots]
        seen_to: list[object] = [state.log] * sides
        limit = self._limit(state.turn)
        explore = self.explore
        # With `every_order`, the orders each side had given when the search began do not count
        # in the canonical order of this turn (`canonical_families`).
        start = state.turn
        me, guided = self.faction, self.guided
        given = [len(o) for o in state.orders] if self.every_order else [0] * sides
        while state.phase != OVER and state.turn < limit:
            g = state.to_act
            node = cur[g]
            if node is not None and state.log is not seen_to[g]:
                # What this side has seen of the others since its last move (the chronicle's
                # records visible to it): its tree branches on that, as its information set.
                token = _seen_since(state.log, seen_to[g], g)
                seen_to[g] = state.log
                if token:
                    nxt = node.after.get(token)
                    if nxt is None:
                        nxt = node.after[token] = _Node()
                    node = cur[g] = nxt
                    paths[g].append(nxt)
            if node is None:
                if g == me and guided and state.phase == ORDERS and state.turn == start:
                    # Guided: past its tree, the searching side gives no other order this turn.
                    action = end_of_orders(game, state, g)
                else:
                    action = rollout_action(game, state, rng, self._judge)
            else:
                options = candidates(game, state, g, node.n, given[g] if state.turn == start else 0)
                fresh = [a for a in options if a not in node.children]
                if fresh:
                    action = self._expand(state, fresh, rng)
                    child = node.children[action] = _Node()
                    child.avail = 1
                    cur[g] = None
                else:
                    low = lo[g]
                    span = hi[g] - low
                    scale = 1.0 / span if span > 0 else 0.0
                    best = -math.inf
                    children = node.children
                    action = options[0]
                    child = children[action]
                    for option in options:
                        c = children[option]
                        c.avail += 1
                        tried = c.n
                        ucb = (
                            (c.w / tried - low) * scale + explore * sqrt(log(c.avail) / tried)
                            if tried
                            else math.inf
                        )
                        if ucb > best:
                            best, action, child = ucb, option, c
                    cur[g] = child
                paths[g].append(child)
            state = game.advance(state, action)  # from `candidates` or the default policy
        values = [self.evaluate(state, g) for g in range(sides)]
        for g in range(sides):
            for n in paths[g]:
                n.n += 1
                n.w += values[g]
        return values

    def _expand(self, state: State, fresh: list[Action], rng: random.Random) -> Action:
        """Returns the untried move a node grows next: at random, or, guided, the default
        policy's move where it is among them."""
        if self.guided:
            hint = rollout_action(self.game, state, rng, self._judge)
            if hint in fresh:
                return hint
        return fresh[rng.randrange(len(fresh))]

    def make_belief(self, rng: random.Random) -> Belief:
        """Returns this side's belief at the game's start."""
        return Belief(self.game, self.faction, rng)

    def evaluate(self, state: State, side: int) -> float:
        """Returns what a playout's end is worth to `side`: its score (a persona's agent
        values it by the persona instead, `game.agents.persona`)."""
        return self.game.score(state, side)

    def pick(self, ranked: list[tuple[Action, _Node]], rng: random.Random) -> Action:
        """Returns the move to play from the root's children, most visited first: the first."""
        return ranked[0][0]

    def _limit(self, turn: int) -> int:
        """Returns the turn at which playouts from `turn` stop: `depth` turns later, or sooner
        where that is more than `days` of scenario time away (but at least one turn later)."""
        limit = self._limits.get(turn)
        if limit is None:
            budget, date = self.budget, self.game.rules.date
            limit = turn + 1
            while limit < turn + budget.depth and (
                budget.days is None or (date(limit + 1) - date(turn)).days <= budget.days
            ):
                limit += 1
            self._limits[turn] = limit
        return limit

    # ------------------------------------------------------------------ words

    def _explain(
        self, ranked: list[tuple[Action, _Node]], total: int, chosen: Action | None = None
    ) -> Reason:
        """Words for the choice: what it expects of the move, of waiting (ending its orders)
        and of the best other move, in the side's own score (or its persona's values)."""
        weighed = [Weighed(a, c.w / c.n if c.n else None, c.n) for a, c in ranked]
        if chosen is not None and chosen != weighed[0].action:
            weighed.sort(key=lambda w: w.action != chosen)
        best = weighed[0]
        words = [
            f"{self._words(best.action)}: expected {self.measure} {best.value:.1f} "
            f"({best.visits} of {total} imagined futures)"
        ]
        waiting = next((w for w in weighed[1:] if w.action.kind == END), None)
        other = next((w for w in weighed[1:] if w.action.kind != END), None)
        for alt in (waiting, other):
            if alt is not None and alt.value is not None:
                words.append(f"{self._words(alt.action)} would give {alt.value:.1f}")
        shown = weighed[:5]
        shown += [w for w in (waiting, other) if w is not None and w not in shown]
        text = "; ".join(words) + "."
        return Reason(self.name, best.action, text[0].upper() + text[1:], tuple(shown))

    def _words(self, action: Action) -> str:
        return (
            "waiting (no more orders this turn)" if action.kind == END else self.game.label(action)
        )
