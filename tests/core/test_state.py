"""`State` is a frozen dataclass with its own `__init__` (the slots' setters, for speed): it must
still set each field from its own argument, refuse assignment, and work with `dataclasses`."""

from __future__ import annotations

import dataclasses

import pytest

from game.core.state import State


def _fields() -> dict[str, object]:
    # Distinct values, so that a field set from another field's argument shows.
    return {
        "seed": 11,
        "turn": 12,
        "phase": 1,
        "to_act": 2,
        "tracks": (3, 4, 5),
        "orders": ((), ()),
        "pending": ((6, 1),),
        "fired": 7,
        "outcome": 8,
        "log": None,
    }


def test_each_field_is_set_from_its_own_argument() -> None:
    given = _fields()
    positional = State(*given.values())  # type: ignore[arg-type]
    named = State(**given)  # type: ignore[arg-type]
    for state in (positional, named):
        assert {f.name: getattr(state, f.name) for f in dataclasses.fields(State)} == given
    assert positional == named
    assert hash(positional) == hash(named)


def test_a_state_is_frozen_and_replace_still_works() -> None:
    state = State(**_fields())  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.turn = 3  # type: ignore[misc]
    later = dataclasses.replace(state, turn=13)
    assert later.turn == 13
    assert later.seed == state.seed
    assert state.turn == 12
    assert state.with_tracks((9,)) == dataclasses.replace(state, tracks=(9,))
