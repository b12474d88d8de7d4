"""Tournaments: each agent plays each seat against fixed opponents, on the same seeds.

For each seat (a faction) and each kind of opponent, every agent in the list plays that seat while
all the other seats play the opponent. Game i of such a cell has the same seed for every agent
(`game_seed(seed, i)`), so the agents' scores are paired: compared seed by seed, what differs is
the agent, not the luck of the draw. Each cell of agents is a batch of `game.sim.batch`, so the
games run on the same pool, in the same order, whatever the worker count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from game.agents.base import split_agent
from game.core.game import Game
from game.core.victory import Level
from game.sim.batch import BatchSpec
from game.sim.stats import CONFIDENCE, mean_ci, paired_diff, quartiles, share_ci
from game.sim.summary import turn_date, turn_numbers

TOP_ORDERS = 8
"""How many of an agent's most frequent orders the strategy report lists."""

Key = tuple[str, str, str]
"""A cell's agent: (seat, opponents, agent)."""


@dataclass(frozen=True, slots=True)
class TournamentSpec:
    """What to run: scenario, variant, seats, agents, opponents, games per agent and cell, seed."""

    scenario: str
    variant: str | None
    factions: tuple[str, ...]
    """Every faction id of the scenario, in order."""
    seats: tuple[str, ...]
    agents: tuple[str, ...]
    opponents: tuple[str, ...]
    games: int
    seed: int
    levels: bool = False
    """Judge each game's seat against its par (`simulate --levels`): one more game per game."""

    @property
    def total(self) -> int:
        """Returns the number of games of the whole tournament."""
        return len(self.seats) * len(self.opponents) * len(self.agents) * self.games


def batches(spec: TournamentSpec) -> list[BatchSpec]:
    """Returns the tournament as batches, by seat, then opponents, then agent; each batch's
    result lines carry its seat, opponents and agent, and the seat's orders with their dates."""
    out = []
    for seat in spec.seats:
        for rival in spec.opponents:
            for agent in spec.agents:
                names = tuple((f, agent if f == seat else rival) for f in spec.factions)
                tags = (("seat", seat), ("opponents", rival), ("agent", agent))
                out.append(
                    BatchSpec(
                        spec.scenario,
                        spec.variant,
                        names,
                        spec.games,
                        spec.seed,
                        tags=tags,
                        orders_of=seat,
                        levels=spec.levels,
                    )
                )
    return out


@dataclass(slots=True)
class _Order:
    games: int = 0
    """Games in which the order was given at least once."""
    times: int = 0
    dates: Counter[str] = field(default_factory=Counter)
    """How often it was given on each date."""


class Tally:
    """What the tables and the report need of a tournament's results, gathered as they come
    (the result lines themselves are not kept)."""

    def __init__(self) -> None:
        self.scores: dict[Key, list[float]] = {}
        """The seat's score in each game, in game order: index i is seed i of the cell."""
        self.outcomes: dict[Key, Counter[str]] = {}
        self.orders: dict[Key, dict[str, _Order]] = {}
        self.levels: dict[Key, Counter[str]] = {}
        """The seat's victory levels, when the results hold them (`--levels`)."""
        self.margins: dict[Key, list[float]] = {}
        """The seat's margin over its par in each game, when the results hold them."""

    def add(self, result: dict[str, Any]) -> None:
        """Counts one game's result line."""
        seat = result["seat"]
        key = (seat, result["opponents"], result["agent"])
        scores = self.scores.setdefault(key, [])
        if result["game"] != len(scores):  # the pairs are by position: never out of order
            raise ValueError(f"game {result['game']} of {key} after {len(scores)} games")
        scores.append(result["scores"][seat])
        self.outcomes.setdefault(key, Counter())[result["outcome"]] += 1
        if "levels" in result:
            self.levels.setdefault(key, Counter())[result["levels"][seat]] += 1
            self.margins.setdefault(key, []).append(result["margin"][seat])
        orders = self.orders.setdefault(key, {})
        seen: set[str] = set()
        for date, text in result["orders"]:
            entry = orders.setdefault(text, _Order())
            entry.times += 1
            entry.dates[date] += 1
            if text not in seen:
                seen.add(text)
                entry.games += 1


def summarise_tournament(
    spec: TournamentSpec, tally: Tally, game: Game, *, report: bool = False
) -> dict[str, Any]:
    """Returns the tables as data: per seat and opponents, each agent's mean score with its
    interval and its outcome classes, and each pair of agents' paired difference; with `report`,
    each agent's most frequent orders and their dates."""
    cells = []
    for seat in spec.seats:
        for rival in spec.opponents:
            rows = [_row(tally, (seat, rival, agent), game, report=report) for agent in spec.agents]
            pairs = [
                _pair(tally.scores[(seat, rival, b)], tally.scores[(seat, rival, a)], b, a)
                for j, b in enumerate(spec.agents)
                for a in spec.agents[:j]
            ]
            cells.append({"seat": seat, "opponents": rival, "rows": rows, "pairs": pairs})
    return {
        "scenario": game.rules.id,
        "variant": game.rules.variant,
        "seed": spec.seed,
        "games": spec.total,
        "games_per_cell": spec.games,
        "agents": list(spec.agents),
        "opponents": list(spec.opponents),
        "seats": list(spec.seats),
        "confidence": CONFIDENCE,
        "method": "means: Student t interval; differences: paired t interval over the same "
        "seeds; shares: Wilson score interval",
        "cells": cells,
        "baseline": game.rules.baseline.to_dict(),
    }


def _row(tally: Tally, key: Key, game: Game, *, report: bool) -> dict[str, Any]:
    scores = tally.scores[key]
    mean = mean_ci(scores)
    n = len(scores)
    labels = {c.id: c.label for c in game.rules.outcome_classes}
    counts = tally.outcomes[key]
    outcomes = []
    for cid in sorted(counts, key=lambda c: (-counts[c], c)):
        share = share_ci(counts[cid], n)
        outcomes.append(
            {"id": cid, "label": labels.get(cid, cid), "count": counts[cid]}
            | {"share": share.value, "low": share.low, "high": share.high}
        )
    row = {"agent": key[2], "games": n, "mean": mean.value, "low": mean.low, "high": mean.high}
    row["outcomes"] = outcomes
    if key in tally.levels:
        margin = mean_ci(tally.margins[key])
        row["margin"] = {"mean": margin.value, "low": margin.low, "high": margin.high}
        row["levels"] = [
            {"level": lv.value, "count": tally.levels[key][lv.value]}
            | {"share": tally.levels[key][lv.value] / n}
            for lv in reversed(Level)
        ]
    if report:
        row["distinct_orders"] = len(tally.orders[key])
        row["orders"] = _top_orders(tally.orders[key], n, game)
    return row


def _pair(b: list[float], a: list[float], b_name: str, a_name: str) -> dict[str, Any]:
    paired = paired_diff(b, a)
    diff = paired.diff
    return {"agent": b_name, "against": a_name, "diff": diff.value, "low": diff.low} | {
        "high": diff.high,
        "wins": paired.wins,
        "ties": paired.ties,
        "losses": paired.losses,
        "games": diff.n,
    }


def _top_orders(orders: dict[str, _Order], games: int, game: Game) -> list[dict[str, Any]]:
    """Returns the most frequent orders (given in the most games, then most often), each with
    its label, share of games, times per game and the dates it was given."""
    top = sorted(orders.items(), key=lambda kv: (-kv[1].games, -kv[1].times, kv[0]))
    out = []
    for text, entry in top[:TOP_ORDERS]:
        days = sorted(entry.dates.elements())
        turns = turn_numbers(game.rules, days)
        q1, median, q3 = (turn_date(game.rules, x) for x in quartiles(turns))
        out.append(
            {"order": text, "label": game.label(game.parse_action(text)), "games": entry.games}
            | {"share": entry.games / games, "per_game": entry.times / games}
            | {"first": days[0], "q1": q1, "median": median, "q3": q3, "last": days[-1]}
        )
    return out


def agent_list(text: str, option: str) -> tuple[str, ...]:
    """Returns the agent names of a comma-separated list (`random,greedy,mcts:hard`);
    ValueError names an unknown kind or level, a repeated name, or an empty list."""
    names = tuple(filter(None, (part.strip() for part in text.split(","))))
    if not names:
        raise ValueError(f"{option}: name at least one agent")
    for name in names:
        try:
            split_agent(name)
        except ValueError as exc:
            raise ValueError(f"{option}: {exc}") from None
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"{option}: {', '.join(twice)} named twice")
    return names


def seat_list(text: str, game: Game) -> tuple[str, ...]:
    """Returns the faction ids of a comma-separated list, every faction for an empty one;
    ValueError names an unknown faction."""
    known = tuple(f.id for f in game.rules.factions)
    seats = tuple(filter(None, (part.strip() for part in text.split(","))))
    for seat in seats:
        if seat not in known:
            raise ValueError(f"--seats: unknown faction {seat!r} (known: {', '.join(known)})")
    if len(set(seats)) != len(seats):
        raise ValueError("--seats: a faction named twice")
    return tuple(f for f in known if f in seats) if seats else known
