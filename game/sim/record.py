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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.core.actions import Action
from game.core.errors import IllegalActionError, NotationError
from game.core.game import Game
from game.core.serial import state_hash
from game.core.state import State
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import Source, digest, load_game, source_for
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


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class SourceSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    scenario_file: str | None = Field(default=None, max_length=4096)
    scenario_sha256: Sha256 | None = None
    variant_file: str | None = Field(default=None, max_length=4096)
    variant_sha256: Sha256 | None = None


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
    reasons: dict[
        Annotated[str, Field(pattern=r"^[0-9]{1,7}$")], Annotated[str, Field(max_length=2000)]
    ] = Field(default_factory=dict, max_length=1_000_000)
    """Why a move was chosen, by the move's position in `actions` ("12": "…"): an AI's account
    (`record --explain`) or a student's answer to the window's "why?" prompt. Optional; a save
    without reasons replays the same."""
    source: SourceSpec | None = None
    """Present when the game was played from a scenario or variant file outside the installed
    ones: the files and their SHA-256. `replay` asks for the files to be given again; the window
    opens the game from the files named here only if each is a .yaml/.yml file whose SHA-256
    is the one recorded (`game_of_saved`)."""


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
    source: Source | None = None
    """The scenario or variant file the game was played from, if not an installed one."""
    reasons: dict[int, str] = field(default_factory=dict)
    """Why a move was chosen, by its position in `actions` (an AI's account, a student's
    answer); not part of the game: replays and state hashes ignore it."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
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
        if self.source is not None:
            out["source"] = {k: v for k, v in asdict(self.source).items() if v is not None}
        if self.reasons:
            out["reasons"] = {str(i): self.reasons[i] for i in sorted(self.reasons)}
        return out


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
        source=source_for(game.rules),
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
        Source(**spec.source.model_dump()) if spec.source is not None else None,
        _reasons(spec, name),
    )


def _reasons(spec: SaveSpec, name: str) -> dict[int, str]:
    """Returns a save's reasons by move position; RecordError names one that is past the end."""
    out = {int(k): v for k, v in spec.reasons.items()}
    beyond = [i for i in sorted(out) if i >= len(spec.actions)]
    if beyond:
        raise RecordError(
            [
                Problem(
                    name,
                    None,
                    f"reasons.{beyond[0]}",
                    f"no move {beyond[0]}: the save has {len(spec.actions)}",
                )
            ]
        )
    return out


def game_of_record(
    record: GameRecord,
    name: str,
    scenario_file: Path | None = None,
    variant_file: Path | None = None,
) -> Game:
    """Returns the game a record was played in; RecordError says which file to give when it
    was played from a file, or that a file given is not the one it was played with."""
    source = record.source or Source()

    def check(given: Path | None, recorded: str | None, sha: str | None, what: str) -> None:
        if recorded is None:
            return
        if given is None:
            raise RecordError(
                [
                    Problem(
                        name,
                        None,
                        f"source.{what}_file",
                        f"played from the {what} file {recorded}; give it again "
                        f"(replay SAVE --{what} FILE) to replay it",
                    )
                ]
            )
        try:
            found = digest(given)
        except ScenarioError as exc:
            raise RecordError(exc.problems) from None
        if found != sha:
            raise RecordError(
                [
                    Problem(
                        str(given),
                        None,
                        "",
                        f"is not the {what} file this game was played with (its SHA-256 "
                        "differs: the file was edited, or is another one)",
                    )
                ]
            )

    check(scenario_file, source.scenario_file, source.scenario_sha256, "scenario")
    check(variant_file, source.variant_file, source.variant_sha256, "variant")
    scenario = str(scenario_file) if source.scenario_file and scenario_file else record.scenario
    variant = str(variant_file) if source.variant_file and variant_file else record.variant
    try:
        game = load_game(scenario, variant)
    except ScenarioError as exc:
        raise RecordError([Problem(name, None, "scenario", str(exc))]) from None
    if game.rules.id != record.scenario or game.rules.variant != record.variant:
        raise RecordError(
            [Problem(name, None, "scenario", f"the files given are not {record.scenario!r}")]
        )
    return game


@dataclass(frozen=True, slots=True)
class SourceFault:
    """Why a file a game was played from cannot open the game again."""

    what: Literal["scenario", "variant"]
    file: str
    """The file as the save names it."""
    state: Literal["missing", "changed", "unreadable"]
    detail: str = ""
    """What the reading gate said, for an unreadable file."""

    @property
    def short(self) -> str:
        """Returns the fault in a few words: "scenario file missing"."""
        return f"{self.what} file {self.state}"

    def problem(self, name: str) -> Problem:
        """Returns the fault as a problem of the save file `name`."""
        why = {
            "missing": "is missing (moved, renamed or deleted): put it back to open this game",
            "changed": "has changed since the game was played (its SHA-256 differs): the game "
            "replays exactly only with the file as it was",
            "unreadable": f"cannot be read ({self.detail})",
        }[self.state]
        text = f"played from the {self.what} file {self.file}, which {why}"
        return Problem(name, None, f"source.{self.what}_file", text)


def source_fault(record: GameRecord) -> SourceFault | None:
    """Returns why the scenario or variant file a record was played from cannot be used (gone,
    edited, unreadable), or None when every file it names is there, unchanged (or it names
    none)."""
    source = record.source or Source()
    files: tuple[tuple[Literal["scenario", "variant"], str | None, str | None], ...] = (
        ("scenario", source.scenario_file, source.scenario_sha256),
        ("variant", source.variant_file, source.variant_sha256),
    )
    for what, file, sha in files:
        if file is None:
            continue
        path = Path(file)
        if path.suffix not in {".yaml", ".yml"}:  # a save may only make the game read YAML
            return SourceFault(what, file, "unreadable", "not a .yaml or .yml file")
        if not path.is_file():
            return SourceFault(what, file, "missing")
        try:
            found = digest(path)
        except ScenarioError as exc:
            return SourceFault(what, file, "unreadable", exc.problems[0].message)
        if found != sha:
            return SourceFault(what, file, "changed")
    return None


def game_of_saved(record: GameRecord, name: str) -> Game:
    """Returns the game a record was played in: for a game played from a scenario or variant
    file, from the files the record names, each checked against its recorded SHA-256 first.
    RecordError names the file that is missing or changed (or why the game cannot load)."""
    fault = source_fault(record)
    if fault is not None:
        raise RecordError([fault.problem(name)])
    source = record.source or Source()
    scenario = Path(source.scenario_file) if source.scenario_file else None
    variant = Path(source.variant_file) if source.variant_file else None
    return game_of_record(record, name, scenario, variant)


def canonical_action(game: Game, text: str) -> Action:
    """Returns the action a save's move names; NotationError unless the move is written as the
    engine writes it (`japan:offer:67.5`, not `japan:offer:６７.５` or `japan:offer:67.50`)."""
    action = game.parse_action(text)
    written = game.notation(action)
    if written != text:
        raise NotationError(f"{text!r} is not written as the game writes it ({written!r})")
    return action


def replay(
    record: GameRecord,
    name: str = "record",
    *,
    check_hash: bool = True,
    scenario_file: Path | None = None,
    variant_file: Path | None = None,
) -> State:
    """Plays a record's actions again and returns the final state.

    A game played from a scenario or variant file outside the installed ones replays only from
    that file, given again (`scenario_file`, `variant_file`) and checked against the SHA-256
    the save holds. Raises RecordError if the scenario cannot be loaded or is not the one the
    game was played with, an action does not parse or is illegal (naming its position), or the
    final state's hash differs from the record's.
    """
    game = game_of_record(record, name, scenario_file, variant_file)
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
