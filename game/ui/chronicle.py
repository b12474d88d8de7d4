"""The chronicle of a finished (or running) game as Markdown: result, scores, the game's dated
events with their sources, and what actually happened, for a class to compare."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from game.core.debates import debate_lines
from game.core.log import LogEntry, LogNode, entries
from game.core.records import EventFired, OptionChosen
from game.core.rules import Rules
from game.sim.chronicle import chronicle
from game.sim.chronicle_page import to_html
from game.ui.notes import note_text, weighed_lines
from game.ui.session import Session
from game.ui.view import line_when, month


def history_text(value: object) -> str:
    """Returns a baseline figure for people: `1934-09` → `September 1934`; numbers as given."""
    if isinstance(value, float | int):
        return f"{value:g}"
    text = str(value)
    for fmt, out in (("%Y-%m", "%b %Y"), ("%Y-%m-%d", "%d %b %Y")):
        try:
            return dt.datetime.strptime(text, fmt).strftime(out).removeprefix("0")
        except ValueError:
            continue
    return text


def turning_entries(rules: Rules, log: LogNode | None) -> Iterator[tuple[LogEntry, str]]:
    """Yields (chronicle line, what happened) for the game's one-off events and the choices
    made, in order, read from the chronicle's records."""
    for entry in entries(log):
        match entry.record:
            case EventFired(event=e) if not rules.events[e].repeat:
                yield entry, rules.events[e].title
            case OptionChosen(event=e, option=o, faction=f):
                label = rules.events[e].options[o].label
                yield entry, f"{rules.factions[f].name} chose: {label}".rstrip(".")


def turning_points(session: Session, limit: int = 10) -> list[tuple[str, str]]:
    """Returns (date, what) for the game's one-off events and the choices made, in order. An
    event with a date of its own shows that date (in long turns, the turn's date misleads), and
    so does a choice that answers it; other choices show their turn's date."""
    rules = session.rules
    out: list[tuple[str, str]] = []
    for entry, what in turning_entries(rules, session.state.log):
        if isinstance(entry.record, EventFired):
            own = rules.events[entry.record.event].date
            when = f"{own.day} {own:%b %Y}" if own is not None else month(rules, entry.turn)
        else:
            when = line_when(rules, entry)  # an answer to a dated event: its date
        if (when, what) not in out:
            out.append((when, what))
    return out[:limit]


def figure_rows(session: Session) -> list[tuple[str, str, str]]:
    """Returns (label, this game, history) for the scenario's key figures."""
    rules, state = session.rules, session.state
    rows = []
    for fig in rules.figures:
        value = state.tracks[fig.track]
        if fig.kind == "date":
            shown = "never" if value < 0 else _figure_date(rules, value)
        else:
            track = rules.tracks[fig.track]
            shown = "—" if track.unset(value) else f"{value / track.scale:g}"
        then = rules.baseline.figure(fig.id)
        rows.append((fig.label, shown, "—" if then is None else history_text(then)))
    return rows


def _figure_date(rules: Rules, turn: int) -> str:
    """Returns a turn's date as a figure: the month in a monthly calendar (`Sep 1934`), the day
    where the calendar has days (`9 Aug 1945`)."""
    day = rules.date(turn)
    cal = rules.calendar
    monthly = len(cal) > 1 and (cal[1] - cal[0]).days >= 28
    return f"{day:%b %Y}" if monthly else f"{day.day} {day:%b %Y}"


def chronicle_markdown(session: Session) -> str:
    """Returns the game's chronicle (every faction's view: the game is over, secrets are out)."""
    rules, state = session.rules, session.state
    outcome = session.outcome()
    lines = [f"# {rules.title} — chronicle", ""]
    lines.append(f"*{rules.period}*" + (f" · variant `{rules.variant}`" if rules.variant else ""))
    seats = ", ".join(
        f"{f.name}: {seat}" for f, seat in zip(rules.factions, session.seats, strict=True)
    )
    lines += ["", f"Game number (seed) {session.seed}; players — {seats}.", ""]
    if outcome is not None:
        lines += [f"## Result: {outcome.class_label}", "", f"{outcome.label}.", ""]
        verdicts = session.verdicts()
        unit = f" {rules.victory.unit}" if rules.victory is not None else ""
        for f in rules.factions:
            line = f"- {f.name}: score {outcome.scores[f.id]:g}"
            verdict = verdicts.get(f.id)
            if verdict is not None:
                line += (
                    f"; par {verdict.par:g} (the historical path, same seed), "
                    f"{verdict.margin_text()}{unit}: **{verdict.level.value}**"
                )
            lines.append(line)
    else:
        lines += ["## Result: the game is not finished", ""]
    lines += ["", f"Distance from history: {session.game.distance(state):.2f} (0 = as it happened)"]
    rows = figure_rows(session)
    if rows:
        lines += ["", "| figure | this game | history |", "|---|---|---|"]
        lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    points = turning_points(session, limit=50)
    if points:
        lines += ["", "## Turning points", ""]
        lines += [f"- **{when}** {what}" for when, what in points]
    lines += ["", "## This game", ""]
    for entry in entries(state.log):
        cite = f" — *{entry.cite}*" if entry.cite else ""
        lines.append(f"- **{line_when(rules, entry)}** {entry.text}{cite}")
    lines += _notes_markdown(session)
    if rules.debates:
        lines += ["", "## Where historians disagree", ""]
        lines += [f"- {line}" for line in debate_lines(rules.debates, markup=True)]
    lines += ["", "## What actually happened", ""]
    if rules.baseline.summary:
        lines += [rules.baseline.summary, ""]
    for item in rules.baseline.timeline:
        lines.append(f"- **{item.date.isoformat()}** {item.text} — *{item.cite}*")
    lines.append("")
    return "\n".join(lines)


def _notes_markdown(session: Session) -> list[str]:
    """Returns the section of what the AIs and the adviser said about their moves, every side's
    (the game is over: their estimates no longer tell anyone's secrets), with what they weighed."""
    if not session.notes:
        return []
    rules = session.rules
    lines = ["", "## What the AIs and the advisers said", ""]
    for note in session.notes:
        side = "" if not note.adviser else f" ({rules.factions[note.faction].name})"
        lines.append(f"- **{month(rules, note.turn)}** {note_text(rules, note)}{side}")
        lines += [f"  - {line}" for line in weighed_lines(session.game, note)]
    return lines


def save_chronicle(session: Session, folder: Path) -> Path:
    """Writes the chronicle to a new Markdown file in `folder`, and beside it the game's story
    as one offline HTML page (`main.py chronicle`'s, with the players' reasons); returns the
    Markdown file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{session.rules.id}-{stamp}.md"
    path.write_text(chronicle_markdown(session), encoding="utf-8")
    story = chronicle(session.game, session.record())
    path.with_suffix(".html").write_text(to_html(story), encoding="utf-8")
    return path
