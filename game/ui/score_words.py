"""The score explained (issue 15, item 1): which of the scenario's `scoring:` terms make a
side's score now, each with its contribution, for the side panel's hover text.

The compiled rules keep each term as a weight, a constant and a compiled condition; the words
for a term's condition come from the scenario file's own `scoring:` (read once), when its terms
line up with the compiled ones (a variant that changes the scoring falls back to the track's
name alone).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.core.game import Game, State
from game.core.rules import NO_TRACK, Rules, TrackDef
from game.scenario.errors import ScenarioError
from game.scenario.loader import read_scenario, source_for
from game.ui.catalog import scenario_files
from game.ui.i18n import N_, _

SHOWN_TERMS = 10
"""The most terms the hover text lists one by one (the rest are summed on one line)."""

_OPS = {"eq": N_("is"), "ne": N_("is not"), "lt": "<", "lte": "≤", "gt": ">", "gte": "≥"}
"""Each comparison in words (translated where used)."""


@dataclass(frozen=True, slots=True)
class TermLine:
    """One term of a score, as it counts now."""

    label: str
    value: float
    """Its contribution to the score (after the scenario's scale)."""
    hidden: bool
    """True if it reads a track the side cannot see (its words are then not shown)."""


def _raw_terms(rules: Rules, faction: int) -> list[dict[str, Any]] | None:
    src = source_for(rules)
    path = src.scenario_file if src is not None else None
    if path is None:
        found = scenario_files().get(rules.id)
        path = None if found is None else str(found)
    if path is None:
        return None
    scoring = _scoring_of(path)
    terms = scoring.get(rules.factions[faction].id)
    if not isinstance(terms, list) or len(terms) != len(rules.scoring[faction]):
        return None  # a variant changed the terms: no words from the base file
    return [t if isinstance(t, dict) else {} for t in terms]


@functools.cache
def _scoring_of(path: str) -> dict[str, Any]:
    try:
        data, _ = read_scenario(Path(path))
    except (OSError, ScenarioError):
        return {}
    scoring = data.get("scoring", {})
    factions = scoring.get("factions", {}) if isinstance(scoring, dict) else {}
    return factions if isinstance(factions, dict) else {}


def _tracks_in(when: Any) -> list[str]:
    """Returns the track ids a condition reads."""
    if isinstance(when, dict):
        found = [str(when["track"])] if "track" in when else []
        for value in when.values():
            if isinstance(value, list | dict):
                found += _tracks_in(value)
        return found
    if isinstance(when, list):
        return [t for item in when for t in _tracks_in(item)]
    return []


def condition_words(rules: Rules, when: Any) -> str:
    """Returns a `when:` condition in words: `Price agreed is 1`, `Tension ≥ 100`."""
    if not isinstance(when, dict):
        return _("its condition holds")
    for key, joiner in (("all", " " + _("and") + " "), ("any", " " + _("or") + " ")):
        if isinstance(when.get(key), list):
            return joiner.join(condition_words(rules, c) for c in when[key])
    if "not" in when:
        return _("not ({condition})").format(condition=condition_words(rules, when["not"]))
    track_id = when.get("track")
    for op, word in _OPS.items():
        if op in when and track_id is not None:
            try:
                track = rules.tracks[rules.track_index(str(track_id))]
            except (KeyError, ValueError):
                return _("its condition holds")
            return _compare(rules, track, op, _(word), when[op])
    return _("its condition holds")


def _compare(rules: Rules, track: TrackDef, op: str, word: str, value: Any) -> str:
    """Returns one comparison in words: a flag (0/1) as itself or `not …`, a region's
    controller by the side's name, else `Tension ≥ 100`."""
    if (track.lo, track.hi) == (0, 1) and op in {"eq", "ne"} and value in (0, 1):
        return (
            track.name
            if (value == 1) == (op == "eq")
            else _("not: {track}").format(track=track.name)
        )
    if track.id.startswith("ctl_") and isinstance(value, int) and 0 <= value < len(rules.factions):
        return f"{track.name} {word} {rules.factions[value].name}"
    return f"{track.name} {word} {value}"


def _term_label(rules: Rules, track: TrackDef | None, weight: float, raw: dict[str, Any]) -> str:
    when = raw.get("when")
    if when is not None:
        cond = " " + _("(while {condition})").format(condition=condition_words(rules, when))
    else:
        cond = ""
    if track is None:
        if when is None:
            return _("fixed amount")
        return _("while {condition}").format(condition=condition_words(rules, when))
    times = "" if abs(weight) == 1 else f" × {abs(weight):g}"  # the sign is the value's
    return f"{track.name}{times}{cond}"


def score_terms(game: Game, state: State, faction: int) -> list[TermLine]:
    """Returns the terms of `faction`'s score that count in `state` (their condition holds and
    they add something), largest first."""
    rules = game.rules
    raws = _raw_terms(rules, faction)
    out = []
    for i, term in enumerate(rules.scoring[faction]):
        if not term.pred(state.tracks, state.turn, state.fired):
            continue
        track = rules.tracks[term.track] if term.track != NO_TRACK else None
        raw = raws[i] if raws is not None else {}
        value = term.constant + (term.weight * state.tracks[term.track] if track else 0)
        value /= rules.score_scale
        if abs(value) < 1e-9:
            continue
        read = [track.id] if track else []
        read += _tracks_in(raw.get("when"))
        hidden = any(not _sees(rules, t, faction) for t in read)
        out.append(TermLine(_term_label(rules, track, term.weight, raw), value, hidden))
    out.sort(key=lambda t: -abs(t.value))
    return out


def _sees(rules: Rules, track_id: str, faction: int) -> bool:
    try:
        track = rules.tracks[rules.track_index(track_id)]
    except (KeyError, ValueError):
        return True
    return bool(track.mask >> faction & 1)


def score_explanation(game: Game, state: State, faction: int) -> str:
    """Returns the side panel's hover text on the score: the score, then each term that makes
    it now with its contribution; terms on tracks the side cannot see are summed, unnamed."""
    score = game.score(state, faction)
    unit = f" {game.rules.victory.unit}" if game.rules.victory is not None else ""
    lines = [_("Score {score}, made now of:").format(score=f"{score:g}{unit}")]
    terms = score_terms(game, state, faction)
    shown = [t for t in terms if not t.hidden]
    secret = sum(t.value for t in terms if t.hidden)
    for term in shown[:SHOWN_TERMS]:
        lines.append(f"{term.value:+.4g}  {term.label}")
    rest = shown[SHOWN_TERMS:]
    if rest:
        smaller = _("{n} smaller terms").format(n=len(rest))
        lines.append(f"{sum(t.value for t in rest):+.4g}  {smaller}")
    if abs(secret) > 1e-9:
        lines.append(f"{secret:+.4g}  " + _("terms on what you cannot see"))
    if not terms:
        lines.append(_("nothing yet: no term of the scenario's scoring counts now"))
    lines.append(_("(The scenario's scoring; each term counts while its condition holds.)"))
    return "\n".join(lines)
