"""Outcome classes hidden by earlier ones: a warning, not a fault (`validate` prints it).

A game's outcome class is the first whose condition holds at the end. A later class whose
condition requires everything an earlier one requires (and perhaps more) can never be the
answer: every game it describes is labelled by the earlier, broader class first, and the worse
(or better) result it names is hidden. The check is syntactic: each condition is read as the
set of its conjuncts (an `all:` list, flattened; any other condition is one conjunct, compared
as written), and a later class is reported when an earlier class's set is a subset of its own.
It does not reason about numbers (`gte: 600` against `gte: 700`) or dates.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.scenario.compile_language import Loc
from game.scenario.language import AllCond, Condition
from game.scenario.schema import OutcomeClassSpec


def conjuncts(cond: Condition | None) -> frozenset[str]:
    """Returns a condition's conjuncts, each as its canonical JSON (none: always true)."""
    if cond is None:
        return frozenset()
    if isinstance(cond, AllCond):
        return frozenset().union(*(conjuncts(c) for c in cond.all))
    return frozenset({cond.model_dump_json(by_alias=True, exclude_none=True)})


def shadowed_classes(classes: Sequence[OutcomeClassSpec]) -> list[tuple[Loc, str]]:
    """Returns a warning, at its `when`, for each outcome class that an earlier class hides."""
    sets = [conjuncts(c.when) for c in classes]
    out: list[tuple[Loc, str]] = []
    for j, later in enumerate(classes):
        for i in range(j):
            if sets[i] <= sets[j]:
                earlier = classes[i]
                out.append(
                    (
                        ("outcome_classes", j, "when" if later.when is not None else "id"),
                        f"outcome class {later.id!r} is never reached: {earlier.id!r}, checked "
                        "before it, holds whenever it holds (its conditions are a subset of "
                        f"{later.id!r}'s); put {later.id!r} first if it is the narrower result",
                    )
                )
                break
    return out
