"""The branch explorer: a game forked at a date and played on many times (`main.py branch`).

The trunk is a saved game or the historical path (the dated script's game on a seed). Its moves
are played up to the first turn dated on or after the fork's date; from that state each
continuation plays on with the chosen agents and chance reseeded by its own seed (`BatchSpec.trunk`,
`game.sim.batch.fork`), so the continuations differ by what the sides choose and by what chance
brings from there on, never by what happened before. The report sets the spread of their outcomes
beside the trunk's own outcome and history's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from game.agents.base import make_agents, parse_agents
from game.core.dates import date_text, precision
from game.core.game import Game
from game.core.rules import Rules
from game.sim.batch import figures
from game.sim.play import play
from game.sim.record import GameRecord, canonical_action, replay


@dataclass(frozen=True, slots=True)
class Fork:
    """Where a trunk is forked: its seed, the moves before the fork, and the fork's date."""

    seed: int
    moves: tuple[str, ...]
    date: dt.date
    outcome: str
    """The trunk's own outcome class (what happened in that game)."""
    figures: dict[str, Any]
    """The trunk's own key figures."""


def historical_trunk(game: Game, seed: int) -> GameRecord:
    """Returns the historical path on `seed`: every side played by the dated script."""
    names = parse_agents(game, "all=historical")
    record, _ = play(game, make_agents(game, names), seed, names=names)
    return record


def fork_at(game: Game, record: GameRecord, at: dt.date) -> Fork:
    """Returns the fork of a trunk at `at`: its moves up to the first turn dated on or after
    `at` (the start of the game if `at` is before it). ValueError if the trunk ended first."""
    rules = game.rules
    state = game.initial_state(record.seed)
    moves: list[str] = []
    for text in record.actions:
        if rules.date(state.turn) >= at:
            break
        state = game.apply(state, canonical_action(game, text))
        moves.append(text)
    if game.is_terminal(state) or rules.date(state.turn) < at:
        end = rules.date(state.turn)
        raise ValueError(
            f"--at {at.isoformat()}: the game ended on {end.isoformat()}, before that date "
            f"(fork it on or before {end.isoformat()})"
        )
    final = replay(record, check_hash=False)
    outcome = game.outcome(final)
    return Fork(
        record.seed,
        tuple(moves),
        rules.date(state.turn),
        "" if outcome is None else outcome.outcome_class,
        figures(rules, final),
    )


def branch_markdown(
    game: Game, fork: Fork, summary: dict[str, Any], trunk_name: str, agents: dict[str, str]
) -> str:
    """Returns the branch report: the continuations' outcome shares and key figures (with 95 %
    intervals) beside the trunk's own and history's."""
    rules = game.rules
    day = date_text(fork.date, precision(rules.calendar, fork.date))
    history = rules.baseline
    out = [
        "<!-- amur branch -->",
        f"# {rules.title}: {summary['games']} continuations of {trunk_name} from {day}",
        "",
        "Agents: " + ", ".join(f"{side}={agent}" for side, agent in agents.items()) + ". "
        "Every continuation plays the same moves up to the fork, then its own: chance is drawn "
        "afresh from each continuation's seed.",
        "",
        "| outcome | share (95 % interval) | |",
        "|---|---:|---|",
    ]
    labels = {c.id: c.label for c in rules.outcome_classes}
    shown = {c["id"] for c in summary["classes"]}
    for cls in summary["classes"]:
        marks = [m for m, cid in (("the trunk", fork.outcome), ("history", history.outcome_class))
                 if cid == cls["id"]]  # fmt: skip
        share = f"{cls['share']:.1%} ({cls['low']:.1%} – {cls['high']:.1%})"
        out.append(f"| {cls['label']} | {share} | {', '.join(marks)} |")
    for mark, cid in (("the trunk", fork.outcome), ("history", history.outcome_class)):
        if cid and cid not in shown:
            out.append(f"| {labels.get(cid, cid)} | 0.0% | {mark} |")
    out += ["", "| figure | median (95 % interval) | middle half | set in | trunk | history |"]
    out.append("|---|---:|---:|---:|---:|---:|")
    for fid, fig in summary["figures"].items():
        if not fig["set_in"]:
            continue
        level = fig.get("precision", "day")

        def text(value: Any, level: str = level, kind: str = fig["kind"]) -> str:
            if value is None:
                return "—"
            if kind == "date":
                return date_text(dt.date.fromisoformat(value), level)
            return f"{value:g}" if isinstance(value, float) else str(value)

        ci = "" if fig["low"] is None else f" ({text(fig['low'])} – {text(fig['high'])})"
        out.append(
            f"| {fig['label']} | {text(fig['median'])}{ci} | {text(fig['q1'])} – "
            f"{text(fig['q3'])} | {fig['set_in']} | {text(fork.figures.get(fid))} | "
            f"{_history_text(history.figure(fid), rules)} |"
        )
    return "\n".join(out) + "\n"


def _history_text(value: float | str | None, rules: Rules) -> str:
    """History's value of a figure as the report writes figures (`9 Aug 1945`, `2`)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value  # a month (`1934-09`) or a text the scenario gives as it is
        return date_text(day, precision(rules.calendar, day))
    return f"{value:g}"
