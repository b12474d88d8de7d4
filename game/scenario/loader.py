"""Finding, reading, patching (variants) and compiling scenario files into games."""

from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from game.core.game import Game
from game.core.rules import Rules
from game.scenario.compile_expectations import compile_expectations
from game.scenario.compiler import CompileError, compile_with_warnings
from game.scenario.errors import Problem, ScenarioError
from game.scenario.mechanics import MECHANICS, MechanicKind
from game.scenario.reading import read_bytes
from game.scenario.schema import VariantSpec, scenario_model
from game.scenario.yamlfile import MAX_BYTES, locate, read_yaml
from game.shipped import shipped_dir

Loc = tuple[int | str, ...]


def scenarios_dir() -> Path:
    """Returns the folder of scenario files: the shipped ones (`game.shipped`), unless
    `AMUR_SCENARIOS` names another."""
    override = os.environ.get("AMUR_SCENARIOS")
    if override:
        return Path(override)
    return shipped_dir("scenarios")


def available_scenarios() -> dict[str, Path]:
    """Returns scenario id → file for every scenario in the scenarios folder."""
    paths = sorted(scenarios_dir().glob("*.yaml"))
    return dict(_scenario_ids(tuple((str(p), _stamp(p)) for p in paths)))


@functools.lru_cache(maxsize=8)
def _scenario_ids(files: tuple[tuple[str, object], ...]) -> tuple[tuple[str, Path], ...]:
    """Reads each scenario file's id (cached on the files' names, times and sizes)."""
    out: dict[str, Path] = {}
    for name, _ in files:
        path = Path(name)
        data, _ = read_yaml(path)
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            out[data["id"]] = path
    return tuple(out.items())


def source_of(name: str | None) -> str | None:
    """Returns how to load a scenario or variant named on a command line again, in another
    process or later: a file's absolute path (a file given is the file that runs, never an
    installed scenario that has its id), or the id unchanged."""
    if name is None:
        return None
    path = Path(name)
    if path.suffix in {".yaml", ".yml"} and path.is_file():
        return str(path.resolve())
    return name


def scenario_path(name: str) -> Path:
    """Returns the file of a scenario given by id or by path."""
    path = Path(name)
    if path.suffix in {".yaml", ".yml"} and path.exists():
        return path
    known = available_scenarios()
    if name in known:
        return known[name]
    raise ScenarioError(
        [Problem(name, None, "", f"no such scenario {name!r} (known: {', '.join(sorted(known))})")]
    )


def variants_of(scenario_file: Path) -> dict[str, Path]:
    """Returns variant id → file for the variants kept beside a scenario."""
    folder = scenarios_dir() / "variants" / scenario_file.stem
    out: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        data, _ = read_yaml(path)
        if isinstance(data, dict) and isinstance(data.get("variant"), str):
            out[data["variant"]] = path
    return out


def _problems(exc: ValidationError, name: str, node: yaml.Node | None) -> list[Problem]:
    out = []
    for err in exc.errors():
        line, field = locate(node, tuple(err["loc"]))
        out.append(Problem(name, line, field, err["msg"]))
    return out


def _compile_problems(
    faults: list[tuple[Loc, str]], name: str, node: yaml.Node | None
) -> list[Problem]:
    """Returns the compiler's faults (or warnings) with the file's line and field of each."""
    out = []
    for loc, message in faults:
        line, field = locate(node, loc)
        out.append(Problem(name, line, field, message))
    return out


def read_scenario(path: Path) -> tuple[dict[str, Any], yaml.Node | None]:
    """Returns the raw data and node tree of a scenario file (a mapping)."""
    data, node = read_yaml(path)
    if not isinstance(data, dict):
        raise ScenarioError([Problem(str(path), 1, "", "a scenario file is a mapping of fields")])
    return data, node


def build(
    data: dict[str, Any],
    name: str,
    node: yaml.Node | None,
    variant: str | None = None,
    *,
    mechanics: Mapping[str, MechanicKind] = MECHANICS,
) -> Rules:
    """Validates and compiles scenario data; ScenarioError names file, line and field.
    `mechanics` is the table of mechanic kinds (the shipped one, or one that adds a mechanic
    under development)."""
    return build_with_warnings(data, name, node, variant, mechanics=mechanics)[0]


def build_with_warnings(
    data: dict[str, Any],
    name: str,
    node: yaml.Node | None,
    variant: str | None = None,
    *,
    mechanics: Mapping[str, MechanicKind] = MECHANICS,
) -> tuple[Rules, list[Problem]]:
    """Returns what `build` returns and the compiler's warnings (file, line and field of each):
    what loads and plays but is likely a mistake, such as a track no rule reads."""
    try:
        spec = scenario_model(mechanics).model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_problems(exc, name, node)) from None
    except RecursionError:
        raise ScenarioError([Problem(name, None, "", "nested too deeply")]) from None
    try:
        rules, warnings = compile_with_warnings(spec, variant, mechanics)
    except CompileError as exc:
        raise ScenarioError(_compile_problems(exc.faults, name, node)) from None
    except RecursionError:
        raise ScenarioError([Problem(name, None, "", "conditions nested too deeply")]) from None
    return rules, _compile_problems(warnings, name, node)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a game's rules came from when they are not an installed scenario (and variant):
    each file given by path, and the SHA-256 of its bytes as read."""

    scenario_file: str | None = None
    scenario_sha256: str | None = None
    variant_file: str | None = None
    variant_sha256: str | None = None


_SOURCES: dict[int, tuple[Rules, Source]] = {}


def source_for(rules: Rules) -> Source | None:
    """Returns where `rules` came from if a scenario or variant file outside the installed
    folders was given, or None for an installed scenario and variant (named by their ids)."""
    hit = _SOURCES.get(id(rules))
    return hit[1] if hit is not None and hit[0] is rules else None


def digest(path: Path) -> str:
    """Returns the SHA-256 of a file's bytes (read through the reading gate)."""
    return hashlib.sha256(read_bytes(path, MAX_BYTES)).hexdigest()


def _installed(path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(scenarios_dir().resolve())
    except OSError:
        return False


def load_rules(scenario: str, variant: str | None = None) -> Rules:
    """Returns the compiled rules of a scenario (id or path), patched by a variant (id or path)."""
    path = scenario_path(scenario)
    rules, _ = _load(path, variant)
    given = Path(variant) if variant and Path(variant).suffix in {".yaml", ".yml"} else None
    outside_variant = given is not None and given.is_file() and not _installed(given)
    if not _installed(path) or outside_variant:
        source = Source()
        if not _installed(path):
            source = Source(str(path.resolve()), digest(path))
        if outside_variant and given is not None:
            source = dataclasses.replace(
                source, variant_file=str(given.resolve()), variant_sha256=digest(given)
            )
        if len(_SOURCES) > 256:
            _SOURCES.clear()
        _SOURCES[id(rules)] = (rules, source)
    return rules


def scenario_warnings(scenario: str, variant: str | None = None) -> list[Problem]:
    """Returns the warnings of a scenario (id or path) as patched by a variant (id or path):
    what loads and plays but is likely a mistake (a track no rule reads), each naming file,
    line and field. ScenarioError as `load_rules`."""
    return list(_load(scenario_path(scenario), variant)[1])


def _load(path: Path, variant: str | None) -> tuple[Rules, tuple[Problem, ...]]:
    stamps = (_stamp(path), _stamp(Path(variant)) if variant else None)
    return _load_rules(str(path.resolve()), variant, stamps)


def _stamp(path: Path) -> tuple[int, int] | None:
    """Returns (mtime, size) of a file, so that an edited file is read again."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


@functools.lru_cache(maxsize=32)
def _load_rules(
    path_text: str, variant: str | None, stamps: object = None
) -> tuple[Rules, tuple[Problem, ...]]:
    """Returns the rules and warnings of a scenario file and variant (cached on the files'
    names, times and sizes)."""
    path = Path(path_text)
    data, node = read_scenario(path)
    if variant is None:
        rules, warnings = build_with_warnings(data, str(path), node)
        return rules, tuple(warnings)
    vpath = _variant_file(path, variant)
    spec, vnode = read_variant(vpath)
    if spec.scenario != data.get("id"):
        line, field = locate(vnode, ("scenario",))
        raise ScenarioError(
            [Problem(str(vpath), line, field, f"is for {spec.scenario!r}, not {data.get('id')!r}")]
        )
    patched, where = apply_variant(data, spec, str(vpath), vnode)
    try:
        rules, warnings = build_with_warnings(patched, str(path), node, spec.variant)
    except ScenarioError as exc:
        raise ScenarioError([_blame_variant(p, where) for p in exc.problems]) from None
    expected = compile_expectations(spec, rules, str(vpath), vnode)
    rules = dataclasses.replace(rules, expectations=expected)
    return rules, tuple(_blame_variant(p, where) for p in warnings)


def _variant_file(path: Path, variant: str) -> Path:
    vpath = Path(variant)
    if vpath.suffix in {".yaml", ".yml"} and vpath.exists():
        return vpath
    known = variants_of(path)
    if variant not in known:
        names = ", ".join(sorted(known)) or "none"
        raise ScenarioError(
            [Problem(variant, None, "", f"no such variant of {path.stem} (known: {names})")]
        )
    return known[variant]


def variant_path(scenario: str, variant: str) -> Path:
    """Returns the file of a variant (id or path) of a scenario (id or path)."""
    return _variant_file(scenario_path(scenario), variant)


def load_game(scenario: str, variant: str | None = None) -> Game:
    """Returns a `Game` for a scenario (id such as "railway-sale", or a path) and variant."""
    return Game(load_rules(scenario, variant))


# ------------------------------------------------------------------ variants


def read_variant(path: Path) -> tuple[VariantSpec, yaml.Node | None]:
    """Returns a validated variant file; ScenarioError names file, line and field."""
    data, node = read_yaml(path)
    if not isinstance(data, dict):
        raise ScenarioError([Problem(str(path), 1, "", "a variant file is a mapping of fields")])
    try:
        return VariantSpec.model_validate(data), node
    except ValidationError as exc:
        raise ScenarioError(_problems(exc, str(path), node)) from None


def apply_variant(
    data: dict[str, Any], spec: VariantSpec, name: str, node: yaml.Node | None
) -> tuple[dict[str, Any], dict[str, Problem]]:
    """Returns the patched scenario data and, per patched field path, where the variant set it."""
    patched = copy.deepcopy(data)
    where: dict[str, Problem] = {}
    problems: list[Problem] = []
    for i, change in enumerate(spec.changes):
        loc: Loc = ("changes", i)
        line, field = locate(node, loc)
        try:
            for path in _apply_change(patched, change.model_dump(by_alias=True)):
                where[path] = Problem(name, line, field, "")
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
            problems.append(Problem(name, line, field, str(message)))
    if problems:
        raise ScenarioError(problems)
    _drop_stale_marks(patched)
    return patched, where


def _drop_stale_marks(data: dict[str, Any]) -> None:
    """Drops the audit's marks (`audit.intended`, `side:choose:event:option`) on options the
    variant took away, by `keep_option` or by setting an event's options: with the option gone
    there is no choice left for the audit to find dominant, and the mark is the scenario's, not
    an error of the variant's. A mark on an event that does not exist is kept, for the compiler
    to report."""
    audit = data.get("audit")
    events = data.get("events")
    if not isinstance(audit, dict) or not isinstance(audit.get("intended"), list):
        return
    if not isinstance(events, list):
        return
    offered = {
        str(e.get("id")): {str(o.get("id")) for o in e["options"] if isinstance(o, dict)}
        for e in events
        if isinstance(e, dict) and isinstance(e.get("options"), list)
    }

    def stale(item: Any) -> bool:
        parts = str(item.get("option", "")).split(":") if isinstance(item, dict) else []
        if len(parts) != 4 or parts[1] != "choose" or parts[2] not in offered:
            return False
        return parts[3] not in offered[parts[2]]

    audit["intended"] = [item for item in audit["intended"] if not stale(item)]


def _apply_change(data: dict[str, Any], change: dict[str, Any]) -> list[str]:
    kinds = [
        k
        for k in ("set", "disable_event", "force_event", "keep_option")
        if change.get(k) is not None
    ]
    if len(kinds) != 1:
        raise ValueError("a change has exactly one of set, disable_event, force_event, keep_option")
    kind = kinds[0]
    if kind == "keep_option":
        return [_keep_option(data, change[kind])]
    if kind == "set":
        if "value" not in change or change["value"] is None:
            raise ValueError("set needs a value")
        parts = change["set"].split(".")
        canonical = _canonical(data, parts)  # before the set, which may replace an item's id
        _set_path(data, parts, change["value"])
        return [canonical]
    event_id = change[kind]
    events: Any = data.get("events")
    index = _find_id(events, event_id, "events")
    event = events[index]
    if not isinstance(event, dict):
        raise TypeError(f"event {event_id!r} is not a mapping")
    event["probability"] = 0.0 if kind == "disable_event" else 1.0
    if kind == "force_event":
        event.pop("when", None)
    return [f"events.{index}"]


def _keep_option(data: dict[str, Any], target: str) -> str:
    """Leaves event `target`'s option its only one (`event.option`), marked as the script's
    choice; returns the patched path."""
    event_id, _, option_id = target.partition(".")
    events: Any = data.get("events")
    index = _find_id(events, event_id, "events")
    event = events[index]
    if not isinstance(event, dict) or not isinstance(event.get("options"), list):
        raise ValueError(f"event {event_id!r} offers no options")
    kept = [o for o in event["options"] if isinstance(o, dict) and o.get("id") == option_id]
    if not kept:
        known = ", ".join(str(o.get("id")) for o in event["options"] if isinstance(o, dict))
        raise ValueError(f"event {event_id!r} has no option {option_id!r} (known: {known})")
    # The audit's marks on the options taken away go with them (`_drop_stale_marks`).
    event["options"] = [kept[0] | {"historical": True}]
    return f"events.{index}.options"


def _find_id(items: Any, ident: str, section: str) -> int:
    if not isinstance(items, list):
        raise KeyError(f"the scenario has no list {section!r}")
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == ident:
            return i
    raise KeyError(f"unknown id {ident!r} in {section}")


def _step(container: Any, part: str, section: str) -> tuple[Any, int | str]:
    if isinstance(container, list):
        key: int | str = int(part) if part.isdigit() else _find_id(container, part, section)
        if isinstance(key, int) and not 0 <= key < len(container):
            raise IndexError(f"{section} has no item {part}")
        return container, key
    if isinstance(container, dict):
        return container, part
    raise TypeError(f"{section} is a value, not a section")


def _set_path(data: dict[str, Any], parts: list[str], value: Any) -> None:
    node: Any = data
    for depth, part in enumerate(parts):
        section = ".".join(parts[:depth]) or "scenario"
        container, key = _step(node, part, section)
        if depth == len(parts) - 1:
            if isinstance(container, list):
                container[key] = value  # type: ignore[index]
            else:
                container[key] = value
            return
        if isinstance(container, dict) and key not in container:
            raise KeyError(f"unknown field {'.'.join(parts[: depth + 1])!r}")
        node = container[key]


def _canonical(data: dict[str, Any], parts: list[str]) -> str:
    """Returns the path with ids replaced by list indexes (as pydantic reports locations)."""
    out: list[str] = []
    node: Any = data
    for part in parts:
        if isinstance(node, list):
            section = ".".join(out) or "scenario"
            index = int(part) if part.isdigit() else _find_id(node, part, section)
            if not 0 <= index < len(node):
                raise IndexError(f"{section} has no item {part}")
            out.append(str(index))
            node = node[index]
        else:
            out.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return ".".join(out)


def _blame_variant(problem: Problem, where: dict[str, Problem]) -> Problem:
    """Reports a fault in a patched field at the variant line that patched it."""
    field = problem.field.replace("[", ".").replace("]", "")
    for path, origin in where.items():
        if field == path or field.startswith(path + "."):
            return Problem(
                origin.file, origin.line, origin.field, f"{problem.field}: {problem.message}"
            )
    return problem
