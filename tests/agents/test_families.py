"""The families of a legal list and their anchors, computed fast (5 December: by groups and by
bisection) give what the plain definitions give: a run per verb and object, and per target the
member nearest to it, the lower on a tie, the first of equal amounts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.core.actions import Action
from game.core.listing import family_runs
from game.core.mechanics.base import nearest_members

one_sides = st.integers(0, 2).flatmap(
    lambda f: st.lists(
        st.builds(
            Action,
            faction=st.just(f),
            kind=st.sampled_from(["end", "bid", "tender", "offer"]),
            ref=st.integers(0, 3),
            amount=st.integers(0, 40),
        ),
        max_size=60,
    )
)
"""A legal list is one side's."""


def plain_runs(legal: list[Action]) -> list[tuple[int, int]]:
    """A new run wherever an action's verb or object differs from its run's first."""
    runs, first = [], 0
    for i in range(1, len(legal) + 1):
        if i == len(legal) or legal[i][1:3] != legal[first][1:3]:
            runs.append((first, i))
            first = i
    return runs


def plain_nearest(members: list[Action], targets: list[int]) -> tuple[Action, ...]:
    out: list[Action] = []
    for target in targets:
        best = min(members, key=lambda a: (abs(a.amount - target), a.amount))
        if best not in out:
            out.append(best)
    return tuple(out)


@given(one_sides)
def test_family_runs_are_the_runs_of_equal_verb_and_object(legal: list[Action]) -> None:
    legal.sort()
    runs = family_runs(legal)
    assert list(runs) == plain_runs(legal)
    assert sum(stop - first for first, stop in runs) == len(legal)


@given(
    st.lists(st.integers(0, 60), min_size=1, max_size=30),
    st.lists(st.integers(-10, 80), max_size=5),
)
def test_nearest_members_by_bisection_are_the_nearest(
    amounts: list[int], targets: list[int]
) -> None:
    # Repeated amounts are distinct actions (other factions), to tell which of them is picked.
    members = [Action(i, "bid", 0, amount) for i, amount in enumerate(sorted(amounts))]
    assert nearest_members(members, targets) == plain_nearest(members, targets)


def test_no_members_have_no_anchors() -> None:
    assert nearest_members([], [10]) == ()
