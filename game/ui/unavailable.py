"""The orders a side cannot give now, kept in view on the orders column, greyed, each with the
reason in words: the parts of its condition that fail, and a cost it cannot pay on top of the
orders given this turn. Read from the side's observation only, like the rest of `view`."""

from __future__ import annotations

from game.core.actions import DO, Action, Do
from game.core.conditions import AllOf, Condition, Fired, Not, TurnRange, predicate
from game.core.game import Game
from game.core.observation import Observation
from game.core.phase import ORDERS
from game.core.rules import ActionDef, Rules
from game.scenario.words import Reader, bracketed, condition_text
from game.ui.i18n import _
from game.ui.view import ActionInfo, describe_action, reader


def unavailable(game: Game, obs: Observation, legal: list[Action]) -> list[ActionInfo]:
    """Returns the faction's own scenario orders that it cannot give now, each with the reason
    in words (from its observation only): the parts of its condition that fail, and a cost it
    cannot pay on top of the orders given this turn. Orders given this turn, and orders whose
    dates have passed for good, are left out; nothing while the faction gives no orders."""
    if obs.phase != ORDERS or obs.to_act != obs.faction or not legal:
        return []
    rules = game.rules
    words = reader(game, obs)
    tracks = game.seen(obs).filled()
    offered = {a for a in legal if a.kind == DO}
    given = [rules.actions[o.ref] for o in obs.own_orders if o.kind == DO]
    done = {a.index for a in given}
    out = []
    for adef in rules.actions:
        action = Do(obs.faction, DO, adef.index)
        if adef.faction != obs.faction or adef.index in done or action in offered:
            continue
        failing = _failing(adef.cond, tracks, obs)
        if any(isinstance(p, TurnRange) and p.last < obs.turn for p in failing):
            continue  # its time is over: it will not come back
        reasons = [_only(words, failing)] if failing else []
        reasons += _short(rules, adef, tracks, given)
        if not reasons:
            continue  # legal by these rules but not offered (the orders are full, say)
        info = describe_action(game, obs, action, words)
        why = "; ".join(reasons)
        out.append(
            ActionInfo(
                action,
                info.label,
                info.odds,
                info.explain,
                info.cite,
                info.history,
                info.cost,
                info.effects,
                why[0].upper() + why[1:],
            )
        )
    return out


def _failing(cond: Condition | None, tracks: tuple[int, ...], obs: Observation) -> list[Condition]:
    """Returns the parts of a condition (the terms of an `all`) that do not hold now."""
    if cond is None:
        return []
    parts = cond.parts if isinstance(cond, AllOf) else (cond,)
    return [p for p in parts if not predicate(p)(tracks, obs.turn, obs.fired)]


def _only(words: Reader, failing: list[Condition]) -> str:
    """Returns the failing parts of a condition as one phrase: `only from 1 Jul 1945, and when
    Attack ordered is yes and Soviet readiness at least 84` (dates and events read on their
    own; the rest after one `when`)."""
    timed = [condition_text(words, p) for p in failing if _timed(p)]
    rest = [p for p in failing if not _timed(p)]
    and_ = " " + _("and") + " "
    phrases = [and_.join(timed)] if timed else []
    if rest:
        if len(rest) == 1:
            phrases.append(_("when {condition}").format(condition=condition_text(words, rest[0])))
        else:
            both = and_.join(bracketed(words, p) for p in rest)
            phrases.append(_("when {condition}").format(condition=both))
    return _("only {conditions}").format(conditions=_(", and ").join(phrases))


def _timed(cond: Condition) -> bool:
    """True for a condition on dates or on an event having happened (`from …`, `after …`)."""
    return isinstance(cond, TurnRange | Fired) or (
        isinstance(cond, Not) and isinstance(cond.part, Fired)
    )


def _short(
    rules: Rules, adef: ActionDef, tracks: tuple[int, ...], given: list[ActionDef]
) -> list[str]:
    """Returns what the order's cost lacks, on top of the orders given this turn:
    `needs 2 Soviet political capital, you have 1` (`… left after this turn's orders`)."""
    out = []
    for t, amount in adef.cost:
        track = rules.tracks[t]
        spent = sum(n for other in given for paid, n in other.cost if paid == t)
        have = tracks[t] - spent
        if have - amount >= track.lo:
            continue
        if spent:
            text = _("needs {amount} {track}, you have {have} left after this turn's orders")
        else:
            text = _("needs {amount} {track}, you have {have}")
        out.append(text.format(amount=amount, track=track.name, have=max(have - track.lo, 0)))
    return out
