"""What the debrief shows besides the scores, computed without pygame: the values the players'
sides could not see, the key tracks over time beside the historical path's, and the two
chronicles aligned by date.

The game is over when the debrief reads these, so every side's secrets may be told; the
historical path is the game of the same scenario, variant and seed played by every side's
`historical` agent (the par's path, `game.sim.par`), replayed once and cached.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from game.agents.base import make_agents
from game.core.actions import Action
from game.core.game import Game, State
from game.core.log import entries
from game.core.rules import Rules, TrackDef
from game.sim.par import PAR_AGENT
from game.sim.play import play
from game.ui.chronicle import history_text
from game.ui.session import Session


@dataclass(frozen=True, slots=True)
class HiddenValue:
    """A track some player's side could not see, told at the end."""

    track: TrackDef
    shown: str
    """Its final value for people, in its unit."""
    seen_by: str
    """Who could see it: `Soviet Union`, or `nobody`."""


def player_sides(session: Session) -> list[int]:
    """Returns the sides played at the window (all of them AI: the side viewed)."""
    return session.humans() or [session.viewer]


def value_text(track: TrackDef, value: int) -> str:
    """Returns a track's value for people: `67.5 M gold rubles`, `—` for a value not set."""
    if track.unset(value):
        return "—"
    number = f"{value / track.scale:g}"
    return f"{number} {track.unit}".strip()


def hidden_values(session: Session) -> list[HiddenValue]:
    """Returns every track a player's side could not see, with its final value and who could
    see it, in the scenario's order."""
    rules, state = session.rules, session.state
    sides = player_sides(session)
    out = []
    for track in rules.tracks:
        if all(track.mask >> f & 1 for f in sides):
            continue
        seers = [f.name for f in rules.factions if track.mask >> f.index & 1]
        out.append(
            HiddenValue(
                track, value_text(track, state.tracks[track.index]), ", ".join(seers) or "nobody"
            )
        )
    return out


PAR_SUFFIX = " (historical path)"
"""Ends the label of a side's par line in the score chart (drawn dashed, in the side's colour)."""


@dataclass(frozen=True, slots=True)
class Series:
    """One chart: a quantity over the turns in this game and on the historical path."""

    title: str
    unit: str
    game: list[tuple[int, float]]
    """(turn, value) at the start of each turn reached, and the end (the last turn + 1)."""
    path: list[tuple[int, float]]
    """The same on the historical path (every side `historical`, same seed)."""
    history: float | None = None
    """The value history gives (the scenario's `baseline` figures), drawn as a marked line."""
    lines: list[tuple[str, list[tuple[int, float]]]] = field(default_factory=list)
    """More lines by label (the score chart: each side's score, and its par)."""


def historical_path(game: Game, seed: int) -> list[State]:
    """Returns the historical path's first state of each turn, then its final state."""
    return list(_path(game, seed))


@functools.lru_cache(maxsize=8)
def _path(game: Game, seed: int) -> tuple[State, ...]:
    agents = make_agents(game, {f.id: PAR_AGENT for f in game.rules.factions})
    states: list[State] = [game.initial_state(seed)]

    def seen(state: State, action: Action, legal: int) -> None:
        if states[-1].turn != state.turn:
            states.append(state)

    _, final = play(game, agents, seed, on_action=seen)
    return (*states, final)


def _points(
    states: Sequence[State], final: State, index: int, scale: int
) -> list[tuple[int, float]]:
    """Returns (turn, value) of a track at each state's turn, and at the end (turn + 1)."""
    pts = [(st.turn, st.tracks[index] / scale) for st in states]
    pts = [p for i, p in enumerate(pts) if i == 0 or p[0] != pts[i - 1][0]]
    return [*pts, (final.turn + 1, final.tracks[index] / scale)]


def key_series(session: Session) -> list[Series]:
    """Returns the debrief's charts: each side's score beside its par, then the scenario's key
    figures that are numbers (its `figures:`, not dates) beside the historical path and the
    value history gives."""
    rules, game = session.rules, session.game
    path = historical_path(game, session.seed)
    game_states, end = session.turn_states, session.state
    path_states, path_end = path[:-1], path[-1]
    scores = Series("Scores", rules.victory.unit if rules.victory else "points", [], [])
    for f in rules.factions:
        mine = [(st.turn, game.score(st, f.index)) for st in game_states]
        mine.append((end.turn + 1, game.score(end, f.index)))
        par = [(t, s[f.index]) for t, s in session.par.points]
        scores.lines.append((f.name, mine))
        scores.lines.append((f"{f.name}{PAR_SUFFIX}", par))
    out = [scores]
    for fig in rules.figures:
        if fig.kind == "date":
            continue
        track = rules.tracks[fig.track]
        if track.lo == -1 and track.initial == -1:
            continue  # a record set once (a season's figure): no line over time
        then = rules.baseline.figure(fig.id)
        history = float(then) if isinstance(then, int | float) else None
        out.append(
            Series(
                fig.label.replace(" at the end", ""),
                track.unit,
                _points(game_states, end, track.index, track.scale),
                _points(path_states, path_end, track.index, track.scale),
                history,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class AlignedRow:
    """One date of the two chronicles: what this game told, what history records."""

    date: dt.date
    game: list[str]
    history: list[tuple[str, str]]
    """(text, citation) of history's timeline at this date."""


def aligned_chronicles(session: Session) -> list[AlignedRow]:
    """Returns the game's chronicle (every side's lines: the game is over) and history's dated
    timeline, merged by date: one row per date either has, in order. A line repeated word for
    word is told once."""
    rules = session.rules
    by_date: dict[dt.date, AlignedRow] = {}
    told: set[str] = set()
    for entry in entries(session.state.log):
        if entry.text in told:
            continue
        told.add(entry.text)
        day = rules.line_date(entry)
        row = by_date.setdefault(day, AlignedRow(day, [], []))
        row.game.append(entry.text)
    for item in rules.baseline.timeline:
        row = by_date.setdefault(item.date, AlignedRow(item.date, [], []))
        row.history.append((item.text, item.cite))
    return [by_date[d] for d in sorted(by_date)]


def day_text(rules: Rules, day: dt.date) -> str:
    """Returns a date for people at the calendar's precision: `26 Jun 1933`; `June 1933` for
    the first of a month in a monthly calendar (the turn's date, not a day of it)."""
    cal = rules.calendar
    monthly = len(cal) > 1 and (cal[1] - cal[0]).days >= 28
    if monthly and day.day == 1 and day in cal:
        return f"{day:%B %Y}"
    return f"{day.day} {day:%b %Y}"


def history_figure(rules: Rules, figure_id: str) -> str:
    """Returns the value history gives a figure, for people (`—` if none)."""
    then = rules.baseline.figure(figure_id)
    return "—" if then is None else history_text(then)
