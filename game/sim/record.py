"""Saves and replays: a game is its scenario, variant, seed and actions, plus a check hash.

A save file is JSON:

    {"format": "amur-save", "format_version": 1, "engine_version": "0.1.0",
     "scenario": "railway-sale", "variant": null, "seed": 7,
     "agents": {"ussr": "historical", "japan": "random"},
     "actions": ["ussr:offer:250", "ussr:end", ...],
     "state_hash": "<sha256 of the final state>"}

`save_record` writes atomically (a temporary file in the same folder, then a rename), so a crash
never leaves half a file and never damages an existing save. `replay` plays the actions again
and fails loudly if any action is illegal or the final state's hash differs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.core.actions import Action
from game.core.errors import IllegalActionError, NotationError
from game.core.game import Game
from game.core.serial import state_hash
from game.core.state import State
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import load_game
from game.scenario.reading import parse_json, read_text
from game.sim.files import write_atomic

FORMAT = "amur-save"
FORMAT_VERSION = 1
ENGINE_VERSION = "0.1.0"
"""The engine that wrote a save; saves of another major.minor version are refused (the same
actions may play differently there)."""


def same_engine(version: str) -> bool:
    """True if a save written by engine `version` replays on this one (same major.minor)."""
    return version.split(".")[:2] == ENGINE_VERSION.split(".")[:2] and bool(
        re.fullmatch(r"\d{1,4}\.\d{1,4}\.\d{1,6}", version)
    )


MAX_SAVE_BYTES = 16 << 20


class RecordError(ScenarioError):
    """A save file that cannot be read or does not replay; the message names file and field."""


class SaveSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    format: Literal["amur-save"]
    format_version: Literal[1]
    engine_version: str = Field(max_length=40)
    scenario: str = Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)
    variant: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$", max_length=64)
    """A variant id (never a path: a shared save must not make the game read arbitrary files)."""
    seed: int = Field(ge=0, lt=2**63)
    agents: dict[str, str] = Field(default_factory=dict)
    actions: list[str] = Field(max_length=1_000_000)
    state_hash: str = Field(pattern=r"^[0-9a-f]{64}$")


@dataclass(frozen=True, slots=True)
class GameRecord:
    """One game, enough to replay it exactly."""

    scenario: str
    variant: str | None
    seed: int
    actions: tuple[str, ...]
    state_hash: str
    agents: dict[str, str] = field(default_factory=dict)
    engine_version: str = ENGINE_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "engine_version": self.engine_version,
            "scenario": self.scenario,
            "variant": self.variant,
            "seed": self.seed,
            "agents": dict(self.agents),
            "actions": list(self.actions),
            "state_hash": self.state_hash,
        }


def make_record(
    game: Game, seed: int, actions: list[str], final: State, agents: dict[str, str] | None = None
) -> GameRecord:
    """Returns the record of a game played from `seed` through `actions` to `final`."""
    return GameRecord(
        game.rules.id,
        game.rules.variant,
        seed,
        tuple(actions),
        state_hash(final),
        dict(agents or {}),
    )


def save_record(path: Path, record: GameRecord) -> None:
    """Writes the record as JSON atomically (temporary file + rename in the same folder)."""
    write_atomic(path, json.dumps(record.to_dict(), indent=1, ensure_ascii=False) + "\n")


def load_record(path: Path) -> GameRecord:
    """Reads a save file; RecordError names the file and what is wrong (never a traceback)."""
    name = str(path)
    try:
        data = parse_json(read_text(Path(path), MAX_SAVE_BYTES), name)
    except ScenarioError as exc:
        raise RecordError(exc.problems) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError([Problem(name, None, "format", "not an Amur save file")])
    version = data.get("engine_version")
    if isinstance(version, str) and not same_engine(version):
        raise RecordError(
            [
                Problem(
                    name,
                    None,
                    "engine_version",
                    f"saved by engine {version[:40]!r}; this is {ENGINE_VERSION}, whose games "
                    "may differ (only saves of the same major.minor version are read)",
                )
            ]
        )
    try:
        spec = SaveSpec.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(name, None, ".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()
        ]
        raise RecordError(problems) from None
    return GameRecord(
        spec.scenario,
        spec.variant,
        spec.seed,
        tuple(spec.actions),
        spec.state_hash,
        dict(spec.agents),
        spec.engine_version,
    )


def canonical_action(game: Game, text: str) -> Action:
    """Returns the action a save's move names; NotationError unless the move is written as the
    engine writes it (`japan:offer:67.5`, not `japan:offer:６７.５` or `japan:offer:67.50`)."""
    action = game.parse_action(text)
    written = game.notation(action)
    if written != text:
        raise NotationError(f"{text!r} is not written as the game writes it ({written!r})")
    return action


def replay(record: GameRecord, name: str = "record", *, check_hash: bool = True) -> State:
    """Plays a record's actions again and returns the final state.

    Raises RecordError if the scenario cannot be loaded, an action does not parse or is
    illegal (naming its position), or the final state's hash differs from the record's.
    """
    try:
        game = load_game(record.scenario, record.variant)
    except ScenarioError as exc:
        raise RecordError([Problem(name, None, "scenario", str(exc))]) from None
    state = game.initial_state(record.seed)
    for i, text in enumerate(record.actions):
        try:
            state = game.apply(state, canonical_action(game, text))
        except (NotationError, IllegalActionError) as exc:
            raise RecordError([Problem(name, None, f"actions[{i}]", str(exc))]) from None
    if check_hash and state_hash(state) != record.state_hash:
        raise RecordError(
            [
                Problem(
                    name,
                    None,
                    "state_hash",
                    "the replayed game differs from the saved one (hash mismatch)",
                )
            ]
        )
    return state
