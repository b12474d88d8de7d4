"""The data language of scenario files: ids, texts, conditions, odds and effects.

Conditions and effects are small structured dicts, told apart by their key (`{track: tension,
gte: 50}`, `{add: {tension: 5}}`), never code. The scenario format (`schema`) and each
mechanic's spec (`game.scenario.mechanics`) are built from these parts.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""A stable lowercase id used in saves and notation."""
ScenarioId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, Field(max_length=4000)]
Visibility = Literal["all"] | list[Slug]
Pair = Annotated[list[int], Field(min_length=2, max_length=2)]
"""Two integers, [low, high]."""


class Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# ---------------------------------------------------------------- conditions


class TrackCond(Spec):
    """Compares a track with a number, or with another track named by its id."""

    track: Slug
    lt: int | Slug | None = None
    lte: int | Slug | None = None
    eq: int | Slug | None = None
    ne: int | Slug | None = None
    gte: int | Slug | None = None
    gt: int | Slug | None = None


class DateCond(Spec):
    """True on turns dated on or after `after` and before `before`."""

    after: dt.date | None = None
    before: dt.date | None = None


class TurnOfCond(Spec):
    """True when a track holding a turn index (e.g. `agreed_turn`) names a turn dated on or
    after `after` and before `before`; false while the track is -1 (never)."""

    turn_of: Slug
    after: dt.date | None = None
    before: dt.date | None = None


class FiredCond(Spec):
    fired: Slug


class AllCond(Spec):
    all: list[Condition]


class AnyCond(Spec):
    any: list[Condition]


class NotCond(Spec):
    not_: Condition = Field(alias="not")


def _cond_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not", "fired", "track", "turn_of"):
            if key in value:
                return key
        if "after" in value or "before" in value:
            return "date"
    elif isinstance(value, BaseModel):
        return {
            AllCond: "all",
            AnyCond: "any",
            NotCond: "not",
            FiredCond: "fired",
            TrackCond: "track",
            DateCond: "date",
            TurnOfCond: "turn_of",
        }.get(type(value))
    return None


Condition = Annotated[
    Annotated[TrackCond, Tag("track")]
    | Annotated[DateCond, Tag("date")]
    | Annotated[TurnOfCond, Tag("turn_of")]
    | Annotated[FiredCond, Tag("fired")]
    | Annotated[AllCond, Tag("all")]
    | Annotated[AnyCond, Tag("any")]
    | Annotated[NotCond, Tag("not")],
    Discriminator(
        _cond_tag,
        custom_error_type="condition",
        custom_error_message="a condition is one of {track: …, gte: …}, {after: date}, "
        "{before: date}, {turn_of: track, after, before}, {fired: event}, {all: […]}, "
        "{any: […]}, {not: …}",
    ),
]


class OddsSpec(Spec):
    """A probability: `base` plus, for each track, weight × its value; clamped to [0, 1]."""

    base: float = Field(ge=-10, le=10)
    per: dict[Slug, float] = Field(default_factory=dict)


Probability = Annotated[float, Field(ge=0, le=1)] | OddsSpec


# ------------------------------------------------------------------- effects


Amount = int | Slug
"""A whole number, or the id of one of the scenario's `parameters` (a named number, which may be
a debated one), compiled to that parameter's value: `{add: {peace: bomb_shock}}`."""


class AddEffect(Spec):
    add: dict[Slug, Amount]


class SetEffect(Spec):
    set: dict[Slug, Amount]


class CopyEffect(Spec):
    copy_: dict[Literal["from", "to"], Slug] = Field(alias="copy")
    noise: int = Field(0, ge=0)
    """The copy is off by up to this much either way (uniform, drawn from the game's seed):
    an intelligence report rather than the truth."""


class SetTurnEffect(Spec):
    set_turn: Slug


class ChanceEffect(Spec):
    chance: Probability
    then: list[Effect] = Field(default_factory=list)
    else_: list[Effect] = Field(default_factory=list, alias="else")
    tag: Slug = "roll"


class IfEffect(Spec):
    if_: Condition = Field(alias="if")
    then: list[Effect] = Field(default_factory=list)
    else_: list[Effect] = Field(default_factory=list, alias="else")


class SayEffect(Spec):
    say: Text
    visible_to: Visibility = "all"
    cite: str = ""


class EndEffect(Spec):
    end: Slug


_EFFECT_KEYS = {
    "add": "add",
    "set": "set",
    "copy": "copy",
    "set_turn": "set_turn",
    "chance": "chance",
    "if": "if",
    "say": "say",
    "end": "end",
}


def _effect_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return next((tag for key, tag in _EFFECT_KEYS.items() if key in value), None)
    if isinstance(value, BaseModel):
        return {
            AddEffect: "add",
            SetEffect: "set",
            CopyEffect: "copy",
            SetTurnEffect: "set_turn",
            ChanceEffect: "chance",
            IfEffect: "if",
            SayEffect: "say",
            EndEffect: "end",
        }.get(type(value))
    return None


Effect = Annotated[
    Annotated[AddEffect, Tag("add")]
    | Annotated[SetEffect, Tag("set")]
    | Annotated[CopyEffect, Tag("copy")]
    | Annotated[SetTurnEffect, Tag("set_turn")]
    | Annotated[ChanceEffect, Tag("chance")]
    | Annotated[IfEffect, Tag("if")]
    | Annotated[SayEffect, Tag("say")]
    | Annotated[EndEffect, Tag("end")],
    Discriminator(
        _effect_tag,
        custom_error_type="effect",
        custom_error_message="an effect is one of {add: …}, {set: …}, {copy: {from, to}}, "
        "{set_turn: track}, {chance: p, then, else}, {if: cond, then, else}, {say: text}, "
        "{end: rule}",
    ),
]

for _model in (AllCond, AnyCond, NotCond, ChanceEffect, IfEffect):
    _model.model_rebuild()
