"""The stable text notation of actions (`japan:offer:67.5`) and labels for people."""

from __future__ import annotations

from game.core.actions import CHOOSE, DO, END, Action, Choose, Do, EndTurn
from game.core.errors import NotationError
from game.core.mechanics.base import Mechanic
from game.core.rules import Rules


def mechanic_for(rules: Rules, verb: str) -> Mechanic | None:
    """Returns the mechanic that owns a verb, if any."""
    for mechanic in rules.mechanics:
        if verb in mechanic.verbs:
            return mechanic
    return None


def notation(rules: Rules, action: Action) -> str:
    """Returns `faction:verb[:arg…]`, which `parse_action` turns back into the same action."""
    faction = rules.factions[action.faction].id
    if action.kind == END:
        return f"{faction}:end"
    if action.kind == DO:
        return f"{faction}:{rules.actions[action.ref].id}"
    if action.kind == CHOOSE:
        event = rules.events[action.ref]
        return f"{faction}:choose:{event.id}:{event.options[action.amount].id}"
    mechanic = mechanic_for(rules, action.kind)
    if mechanic is None:
        raise NotationError(f"unknown verb {action.kind!r}")
    return ":".join([faction, action.kind, *mechanic.args(action)])


def parse_action(rules: Rules, text: str) -> Action:
    """Returns the action written as `text`; NotationError says what does not match."""
    parts = text.strip().split(":")
    if len(parts) < 2:
        raise NotationError(f"{text!r}: an action is written faction:verb[:arguments]")
    fid, verb, args = parts[0], parts[1], parts[2:]
    try:
        faction = rules.faction_index(fid)
    except KeyError:
        known = ", ".join(f.id for f in rules.factions)
        raise NotationError(f"{text!r}: unknown faction {fid!r} (known: {known})") from None
    if verb == END:
        if args:
            raise NotationError(f"{text!r}: end takes no arguments")
        return EndTurn(faction, END)
    if verb == CHOOSE:
        return _parse_choice(rules, text, faction, args)
    mechanic = mechanic_for(rules, verb)
    if mechanic is not None:
        try:
            return mechanic.parse(faction, verb, args)
        except ValueError as exc:
            raise NotationError(f"{text!r}: {exc}") from None
    for adef in rules.actions:
        if adef.id == verb and adef.faction == faction:
            if args:
                raise NotationError(f"{text!r}: {verb} takes no arguments")
            return Do(faction, DO, adef.index)
    raise NotationError(f"{text!r}: {fid} has no action {verb!r}")


def _parse_choice(rules: Rules, text: str, faction: int, args: list[str]) -> Action:
    if len(args) != 2:
        raise NotationError(f"{text!r}: write faction:choose:event:option")
    for event in rules.events:
        if event.id == args[0]:
            for option in event.options:
                if option.id == args[1]:
                    return Choose(faction, CHOOSE, event.index, option.index)
            raise NotationError(f"{text!r}: event {args[0]!r} has no option {args[1]!r}")
    raise NotationError(f"{text!r}: unknown event {args[0]!r}")


def label(rules: Rules, action: Action) -> str:
    """Returns a short phrase for people (a button's text)."""
    if action.kind == END:
        return "End orders for this turn"
    if action.kind == DO:
        return rules.actions[action.ref].label
    if action.kind == CHOOSE:
        return rules.events[action.ref].options[action.amount].label
    mechanic = mechanic_for(rules, action.kind)
    return mechanic.label(action) if mechanic else action.kind
