"""The compile step of a variant's `expect:` section: each headline figure becomes an
`Expectation` naming what it reads of a game's result line (a figure's mean, or the share of
games in a range, by an end rule or in an outcome class), checked against the patched
scenario's figures, end rules and outcome classes. Each fault names the variant file, its line
and field."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import yaml

from game.core.rules import Expectation, Rules
from game.scenario.errors import Problem, ScenarioError
from game.scenario.schema import ExpectSpec, VariantSpec
from game.scenario.yamlfile import locate

__all__ = ["compile_expectations"]

Loc = tuple[int | str, ...]
Fail = Callable[[Loc, str], None]


def compile_expectations(
    spec: VariantSpec, rules: Rules, name: str, node: yaml.Node | None
) -> tuple[Expectation, ...]:
    """Returns the variant's expectations, compiled against its patched `rules`; ScenarioError
    lists every fault with the variant file's line and field."""
    problems: list[Problem] = []

    def fail(loc: Loc, message: str) -> None:
        line, field = locate(node, loc)
        problems.append(Problem(name, line, field, message))

    out = []
    seen: set[str] = set()
    for i, item in enumerate(spec.expect):
        loc: Loc = ("expect", i)
        if item.id in seen:
            fail((*loc, "id"), f"{item.id!r} is given twice")
        seen.add(item.id)
        found = _one(item, rules, loc, fail)
        if found is not None:
            out.append(found)
    if problems:
        raise ScenarioError(problems)
    return tuple(out)


def _one(item: ExpectSpec, rules: Rules, loc: Loc, fail: Fail) -> Expectation | None:
    named = [k for k in ("figure", "end", "outcome") if getattr(item, k) is not None]
    if len(named) != 1:
        fail(loc, "an expectation reads exactly one of figure, end or outcome")
        return None
    base = Expectation(
        item.id,
        item.label,
        1 if item.direction == "up" else -1,
        item.why,
        item.cite,
        "share",
        "",
    )
    if item.figure is None:
        for key in ("between", "unset"):
            if getattr(item, key) is not None:
                fail((*loc, key), f"{key} goes with a figure")
        if item.end is not None:
            known = {e.id for e in rules.end_rules}
            _known(item.end, known, (*loc, "end"), "end rule", fail)
            return _replace(base, source=f"end {', '.join(item.end)}", ends=tuple(item.end))
        assert item.outcome is not None
        known = {c.id for c in rules.outcome_classes}
        _known(item.outcome, known, (*loc, "outcome"), "outcome class", fail)
        return _replace(
            base, source=f"outcome {', '.join(item.outcome)}", outcomes=tuple(item.outcome)
        )
    figures = {f.id: f for f in rules.figures}
    figure = figures.get(item.figure)
    if figure is None:
        fail((*loc, "figure"), f"no figure {item.figure!r} (known: {', '.join(figures)})")
        return None
    date = figure.kind == "date"
    kind = "dates" if date else "numbers"
    if item.between is not None:
        if item.unset is not None:
            fail(
                (*loc, "unset"),
                "unset goes with a mean; with between, a game without it is outside",
            )
        ends = [_number(v, date) for v in item.between]
        if any(v is False for v in ends):
            fail((*loc, "between"), f"figure {figure.id} is a {figure.kind}: give {kind}")
            return None
        low, high = (v if v is not False else None for v in ends)
        return _replace(
            base,
            source=f"figure {figure.id} in range",
            figure=figure.id,
            kind=figure.kind,
            low=low,
            high=high,
        )
    if item.unset is None or not item.unset_why.strip():
        fail(
            (*loc, "unset"),
            f"a mean of figure {figure.id} needs unset (its value in a game where it never "
            "happened) and unset_why",
        )
        return None
    unset = _number(item.unset, date)
    if unset is False or unset is None:
        fail((*loc, "unset"), f"figure {figure.id} is a {figure.kind}: give one of {kind}")
        return None
    return _replace(
        base,
        reads="mean",
        source=f"figure {figure.id}",
        figure=figure.id,
        kind=figure.kind,
        unset=unset,
    )


def _number(value: dt.date | float | None, date: bool) -> float | bool | None:
    """Returns a range end or unset value as a number (a date as its ordinal), None for an
    open end, or False if it is of the wrong kind."""
    if value is None:
        return None
    if isinstance(value, dt.date) != date:
        return False
    return float(value.toordinal()) if isinstance(value, dt.date) else float(value)


def _known(names: list[str], known: set[str], loc: Loc, what: str, fail: Fail) -> None:
    for name in names:
        if name not in known:
            fail(loc, f"no {what} {name!r} (known: {', '.join(sorted(known))})")


def _replace(base: Expectation, **changes: object) -> Expectation:
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]
