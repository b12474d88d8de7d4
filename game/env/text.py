"""A side's view as plain text, and its legal moves as a numbered JSON list: what a
language-model agent reads at its seat (`game.env.seat`, `python main.py serve-seat`).

`observe_text` is written from `Game.observe` alone (`observation_text` takes the Observation
itself), so it holds nothing the side could not see: its tracks with their names, values and
units, the mechanics' views (the bargaining table, the campaign's map, the lots of an auction),
the chronicle lines it may read, its own orders, its score, and its aims from the scenario's
briefing and persona. `legal_json` numbers the legal moves from 1, each with its notation (what
`Game.parse_action` reads back), a one-line meaning and, where the side can tell them, its odds,
cost and effects. Both are pure: the same state gives the same text, byte for byte.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from game.core.actions import CHOOSE, DO, END, Action
from game.core.game import Game
from game.core.log import LogEntry
from game.core.observation import NO_EVENT, Observation
from game.core.rules import Rules, TrackDef
from game.core.state import CHOICES, OVER, State
from game.env.panels import panel_lines
from game.scenario.words import Reader, action_effects, effects_text, turn_tracks
from game.sim.pack import side_aims
from game.sim.sheet import Section, section_lines

UNBOUNDED = 100_000
"""A track whose top (in its unit) is this or more is a count with no real ceiling: its scale
is not written."""

END_MEANING = (
    "Your orders for this turn are final; the turn resolves once every side has given theirs."
)


def observe_text(
    game: Game, state: State, faction: int, *, since: int = 0, brief: bool | None = None
) -> str:
    """Returns what `faction` knows of `state` as plain text (Markdown headings and lists).

    Args:
        since: how many of the side's visible chronicle lines the reader has already been
            shown (`len(game.observe(state, faction).log)` at its last move): only the later
            ones are written.
        brief: whether to add the side's briefing (situation, aims, fears, beliefs) and what
            each track means; by default only in the first text (`since == 0`).
    """
    obs = game.observe(state, faction)
    return observation_text(game, obs, since=since, brief=since == 0 if brief is None else brief)


def observation_text(game: Game, obs: Observation, *, since: int = 0, brief: bool = True) -> str:
    """Returns an observation as `observe_text` writes it."""
    rules = game.rules
    words = _reader(game, obs)
    side = rules.factions[obs.faction]
    who = f"{side.name} ({side.id})" + (f" — {side.leader}" if side.leader else "")
    out = [
        f"# {rules.title} ({rules.period})",
        "",
        f"You play {who}.",
        f"Date: {_day(rules, obs.turn)} — turn {obs.turn + 1} of {len(rules.calendar)}.",
        _situation(rules, obs),
        "",
    ]
    if brief:
        for section in side_aims(rules, obs.faction):
            out += section_lines(section)
    elif side.goals:
        out += section_lines(_goals(side.goals))
    out += _tracks(rules, obs, words, brief=brief)
    for view in game.views(obs):
        out += panel_lines(rules, view)
    out += _news(rules, obs.log[since:], first=since == 0)
    if obs.phase == OVER:
        out.append(f"Your final score: {obs.score:.1f} (the game's score for your side).")
        return "\n".join(out) + "\n"
    orders = [game.label(a) for a in obs.own_orders]
    out += ["## Your orders this turn", ""]
    out += [f"- {label}" for label in orders] if orders else ["None yet."]
    out += [
        "",
        f"Your score now: {obs.score:.1f} (the game's score for your side; higher is better).",
    ]
    return "\n".join(out) + "\n"


def legal_json(game: Game, state: State, faction: int) -> list[dict[str, Any]]:
    """Returns the side's legal moves, numbered from 1 in the engine's order: each with its
    `notation`, a one-line `meaning` (its label, then what it does: `Game.explain`, written
    once for a run of moves that share it, such as the bids on one lot), and `odds` (0–1),
    `cost`, `effects` and `history` where there are some the side can see. Empty unless the
    side is to act."""
    legal = game.legal_actions(state, faction)
    if not legal:
        return []
    obs = game.observe(state, faction)
    words = _reader(game, obs)
    seen = game.seen(obs)
    out = []
    said = ""
    for n, action in enumerate(legal, 1):
        label = game.label(action)
        stakes = game.stakes(seen, action)
        if stakes:
            label = f"{label} ({stakes})"
        text = END_MEANING if action.kind == END else game.explain(action)
        # A family of moves (the bids on one lot, the prices of an offer) shares one
        # explanation: it is written once, with the first of them.
        line = f"{label} — {text}" if text and text != said else label
        said = text
        item: dict[str, Any] = {"n": n, "notation": game.notation(action), "meaning": line}
        odds = game.odds(seen, action)
        if odds is not None:
            item["odds"] = round(odds, 3)
        item.update(_details(game, action, words))
        out.append(item)
    return out


def _details(game: Game, action: Action, words: Reader) -> dict[str, str]:
    """Returns an order's cost, effects and history, or an event option's effects, in words."""
    rules = game.rules
    out: dict[str, str] = {}
    if action.kind == DO:
        adef = rules.actions[action.ref]
        cost = ", ".join(f"{n} {rules.tracks[t].name}" for t, n in adef.cost)
        said = {"cost": cost, "effects": action_effects(words, adef), "history": adef.historical}
        out = {k: v for k, v in said.items() if v}
    elif action.kind == CHOOSE:
        option = rules.events[action.ref].options[action.amount]
        out["effects"] = effects_text(words, option.effects) or "no effect on the tracks"
        if option.historical:
            out["history"] = "This is what was done in history."
    return out


def _reader(game: Game, obs: Observation) -> Reader:
    return Reader(game.rules, obs.faction, game.seen(obs).values, turn_tracks(game.rules))


def _day(rules: Rules, turn: int) -> str:
    return _date_text(rules.date(turn))


def _date_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _situation(rules: Rules, obs: Observation) -> str:
    """Returns one line on what the game waits for, and whether it is this side's move."""
    if obs.phase == OVER:
        ended = next((r for r in rules.end_rules if r.id == obs.outcome), None)
        return f"The game is over: {ended.label if ended else obs.outcome}."
    if obs.choice != NO_EVENT:
        event = rules.events[obs.choice]
        cite = f" — {event.cite}" if event.cite else ""
        return (
            f"Your move: answer the event “{event.title}”. {event.text}{cite} "
            "Pick one of its options."
        )
    if obs.to_act == obs.faction:
        return (
            f"Your move: give orders one at a time (at most {rules.max_orders} this turn), then "
            "end your orders. Every side's orders stay secret until all are in; then they "
            "resolve together."
        )
    name = rules.factions[obs.to_act].name
    if obs.phase == CHOICES and obs.awaiting != NO_EVENT:
        return f"Waiting for {name} to answer “{rules.events[obs.awaiting].title}”."
    return f"Waiting for {name}."


def _goals(goals: tuple[str, ...]) -> Section:
    return Section("Your aims (the full briefing was in your first text)", (), goals)


def _tracks(rules: Rules, obs: Observation, words: Reader, *, brief: bool) -> list[str]:
    """Returns the side's tracks, its own first, then those only it sees, then shared ones
    (those a mechanic's view shows and the engine's bookkeeping left out)."""
    panel = {t for m in rules.mechanics for t, role in m.track_roles().items() if role == "panel"}
    skip = panel | rules.derived_tracks()
    bit = 1 << obs.faction
    values = dict(obs.tracks)
    by_index = {rules.track_index(tid): value for tid, value in obs.tracks}
    rows: list[tuple[tuple[bool, bool, int], str]] = []
    for index, value in by_index.items():
        track = rules.tracks[index]
        if track.index in skip:
            continue
        own = track.owner == obs.faction
        secret = track.mask == bit and len(rules.factions) > 1
        shown = (
            "not set yet" if rules.not_yet(track.index, by_index) else _value(track, value, words)
        )
        line = f"- {track.name}: {shown}{_range(rules, track, words)}"
        line += _raised(rules, track, values)
        if secret:
            line += " (secret: only you see it)"
        if brief and track.description:
            line += f" — {track.description}"
        line += _marks(obs, track, value) if brief else _passed(obs, track, value)
        rows.append(((not own, not secret, track.index), line))
    rows.sort(key=lambda row: row[0])
    return ["## Your tracks", "", *(line for _, line in rows), ""]


def _value(track: TrackDef, value: int, words: Reader) -> str:
    """Returns a track's value for people (`not set yet` for a record still unset)."""
    return "not set yet" if track.unset(value) else words.value(track, value)


def _range(rules: Rules, track: TrackDef, words: Reader) -> str:
    """Returns ` (scale 0–100)` for a number on a scale; nothing for a flag, a date or terms."""
    if (track.lo, track.hi) == (0, 1) or track.index in words.dates:
        return ""
    if any(m.value_text(track.index, track.lo) is not None for m in rules.mechanics):
        return ""
    low, high = max(track.lo, 0) / track.scale, track.hi / track.scale
    return "" if high >= UNBOUNDED else f" (scale {low:g}–{high:g})"


def _raised(rules: Rules, track: TrackDef, values: dict[str, int]) -> str:
    """Returns ` (raised by Soviet Union 3, 33 %; Japan 6, 67 %)` for a track whose rises are
    counted per side (where the side sees those counts), else nothing."""
    said = []
    for f, (by, share) in enumerate(zip(track.raisers, track.shares, strict=True)):
        rises, part = values.get(rules.tracks[by].id), values.get(rules.tracks[share].id)
        if rises is not None and part is not None:
            said.append(f"{rules.factions[f].name} {rises}, {part} %")
    return f" (raised by {'; '.join(said)})" if said else ""


def _marks(obs: Observation, track: TrackDef, value: int) -> str:
    """Returns every mark on a track, and the one it has passed."""
    marks = obs.marks(track.id)
    if not marks:
        return ""
    said = "; ".join(f"from {m.at / track.scale:g}: {m.label}" for m in marks)
    return f" Marks: {said}.{_passed(obs, track, value)}"


def _passed(obs: Observation, track: TrackDef, value: int) -> str:
    """Returns ` Past the mark: …` for the highest mark a track has reached, else nothing."""
    passed = [m for m in obs.marks(track.id) if value >= m.at]
    return f" Past the mark: {passed[-1].label}." if passed else ""


def _news(rules: Rules, lines: tuple[LogEntry, ...], *, first: bool) -> list[str]:
    heading = "## The chronicle so far" if first else "## News since your last move"
    out = [heading, ""]
    for entry in lines:
        cite = f" — {entry.cite}" if entry.cite else ""
        out.append(f"- {_date_text(rules.line_date(entry))}: {entry.text}{cite}")
    if not lines:
        out.append("Nothing new that you can see.")
    return [*out, ""]
