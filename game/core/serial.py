"""States as plain JSON data, and a stable hash of a state."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from game.core.actions import Action
from game.core.log import LogEntry, entries, push
from game.core.state import Phase, State


def state_to_dict(state: State) -> dict[str, Any]:
    """Returns the state as JSON-ready data (lists, ints, strings)."""
    return {
        "seed": state.seed,
        "turn": state.turn,
        "phase": state.phase,
        "to_act": state.to_act,
        "tracks": list(state.tracks),
        "orders": [[[a.faction, a.kind, a.ref, a.amount] for a in given] for given in state.orders],
        "pending": [list(p) for p in state.pending],
        "fired": state.fired,
        "outcome": state.outcome,
        "log": [[e.turn, e.mask, e.text, e.cite] for e in entries(state.log)],
    }


def state_from_dict(data: dict[str, Any]) -> State:
    """Returns the state written by `state_to_dict` (the data is trusted: validate it first)."""
    return State(
        seed=int(data["seed"]),
        turn=int(data["turn"]),
        phase=Phase(int(data["phase"])),
        to_act=int(data["to_act"]),
        tracks=tuple(int(v) for v in data["tracks"]),
        orders=tuple(
            tuple(Action(int(f), str(k), int(r), int(a)) for f, k, r, a in given)
            for given in data["orders"]
        ),
        pending=tuple((int(e), int(f)) for e, f in data["pending"]),
        fired=int(data["fired"]),
        outcome=int(data["outcome"]),
        log=push(None, [LogEntry(int(t), int(m), str(x), str(c)) for t, m, x, c in data["log"]]),
    )


def state_json(state: State) -> str:
    """Returns canonical JSON text of a state (sorted keys, no spaces)."""
    return json.dumps(state_to_dict(state), sort_keys=True, separators=(",", ":"))


def state_hash(state: State) -> str:
    """Returns the SHA-256 of the state's canonical JSON: equal states, equal hashes."""
    return hashlib.sha256(state_json(state).encode()).hexdigest()
