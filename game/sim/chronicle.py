"""The chronicle of one saved game, turn by turn, aligned by date with what actually happened
(`main.py chronicle SAVE`): each decision with the deciding side's reason where the save keeps
one (an AI's with `record --explain`, a student's answer to the window's "why?" prompt), each
piece of news with its citation and, where only some sides saw it, who did; beside them, the
scenario's dated history. Written as Markdown or as one self-contained HTML page
(`game.sim.chronicle_page`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from game.core.actions import END
from game.core.dates import precision
from game.core.game import Game
from game.core.log import ALL, LogEntry, entries
from game.sim.record import GameRecord, canonical_action


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the chronicle: a decision, a piece of news, or a fact of history."""

    kind: str
    """`decision`, `news` or `history`."""
    text: str
    side: str = ""
    """The deciding side's name (decisions)."""
    reason: str = ""
    """Why the side chose it, where the save keeps a reason."""
    cite: str = ""
    seen_by: str = ""
    """The sides that saw this news, when not every side did (`Japan`)."""


@dataclass(frozen=True, slots=True)
class Row:
    """Everything of one date: the game's decisions and news in the order they happened, beside
    history's facts."""

    date: dt.date
    level: str
    """How precisely the date is known (`game.core.dates.precision`): a turn's month or year,
    or a day."""
    game: tuple[Entry, ...]
    history: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Chronicle:
    """One game's story beside history's."""

    title: str
    variant: str | None
    seed: int
    agents: tuple[tuple[str, str], ...]
    """(side's name, agent) for every side."""
    outcome: str
    """The outcome class and the end, in words."""
    scores: tuple[tuple[str, float], ...]
    history: str
    """The scenario's summary of what happened."""
    rows: tuple[Row, ...]


def chronicle(game: Game, record: GameRecord) -> Chronicle:
    """Returns the chronicle of a record (played again in `game`, which must be the record's:
    `game.sim.record.replay` checks that first)."""
    rules = game.rules
    names = {f.index: f.name for f in rules.factions}
    by_date: dict[dt.date, tuple[list[Entry], list[Entry]]] = {}
    everyone = (1 << len(rules.factions)) - 1

    def tell(lines: list[LogEntry]) -> None:
        for line in lines:
            seen = ""
            if line.mask != ALL and line.mask & everyone != everyone:
                seen = ", ".join(names[f] for f in sorted(names) if line.mask >> f & 1) or "nobody"
            news = Entry("news", line.text, cite=line.cite, seen_by=seen)
            by_date.setdefault(rules.line_date(line), ([], []))[0].append(news)

    # In the order things happened: each decision, then the news its move brought about.
    state = game.initial_state(record.seed)
    told = entries(state.log)
    tell(told)
    for i, text in enumerate(record.actions):
        action = canonical_action(game, text)
        if action.kind != END:
            decision = Entry(
                "decision",
                game.label(action),
                side=names[action.faction],
                reason=record.reasons.get(i, ""),
            )
            by_date.setdefault(rules.date(state.turn), ([], []))[0].append(decision)
        state = game.apply(state, action)
        now = entries(state.log)
        tell(now[len(told) :])
        told = now
    for item in rules.baseline.timeline:
        fact = Entry("history", item.text, cite=item.cite)
        by_date.setdefault(item.date, ([], []))[1].append(fact)
    outcome = game.outcome(state)
    end = "unfinished" if outcome is None else f"{outcome.class_label} ({outcome.label})"
    scores = tuple(
        (f.name, outcome.scores[f.id]) for f in rules.factions if outcome and f.id in outcome.scores
    )
    agents = tuple((f.name, record.agents.get(f.id, "player")) for f in rules.factions)
    rows = tuple(
        Row(day, precision(rules.calendar, day), tuple(told_then), tuple(history))
        for day, (told_then, history) in sorted(by_date.items())
    )
    return Chronicle(
        rules.title, rules.variant, record.seed, agents, end, scores, rules.baseline.summary, rows
    )
