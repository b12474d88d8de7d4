"""Property tests: however broken a scenario, variant or save file is, loading it either works
or raises ScenarioError (RecordError for saves) naming the file, never another exception and
never a hang; and a scenario that loads can be played.

Each example is written to a new file name, so `load_rules`' cache never answers from an
earlier example.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from game.core.errors import IllegalActionError, NotationError
from game.core.game import Game
from game.core.rules import Rules
from game.scenario.errors import ScenarioError
from game.scenario.loader import _load_rules, build, load_game, load_rules
from game.sim.record import GameRecord, RecordError, load_record, replay
from tests.scenario.helpers import (
    RAILWAY,
    RAILWAY_DATA,
    RAILWAY_ID,
    RAILWAY_TEXT,
    SCENARIOS,
    HangError,
    random_playout,
    same_file,
    short_random_save,
    time_limit,
)

SECONDS = 5.0
"""Longest a single load (or replay, or playout) may take: longer counts as a hang. (Loads take
well under a second; a short limit also bounds the memory a runaway loop can take.)"""

COUNTER = itertools.count()


def fuzz(examples: int, *, shrink: bool = False) -> settings:
    """Settings for a property; shrinking is off where one example loads a whole file (it can
    take minutes), so a failure shows the first example found, with its draws."""
    phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if shrink else [])
    return settings(
        deadline=None,
        max_examples=examples,
        database=None,
        phases=phases,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _load_rules.cache_clear()
    return tmp_path_factory.mktemp("fuzz")


def fresh(folder: Path, suffix: str = ".yaml") -> Path:
    return folder / f"case{next(COUNTER):05d}{suffix}"


class _Dumper(yaml.CSafeDumper):
    """yaml.safe_dump's dumper (its C version: faster), never writing anchors (the loader
    refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


# -------------------------------------------------------------------- checks


def _check(error: ScenarioError | None, *files: Path) -> None:
    if error is None:
        return
    assert error.problems
    assert all(any(same_file(p, f) for f in files) for p in error.problems), error.problems


def load_scenario_file(path: Path) -> Rules | None:
    """Loads a scenario: returns its rules, or None after a well-formed ScenarioError."""
    error: ScenarioError | None = None
    try:
        with time_limit(SECONDS):
            return load_rules(str(path))
    except ScenarioError as exc:
        error = exc
    _check(error, path)
    return None


def load_variant_file(path: Path) -> Rules | None:
    """Loads the railway scenario patched by a variant file, as `load_scenario_file`."""
    error: ScenarioError | None = None
    try:
        with time_limit(SECONDS):
            return load_rules(str(RAILWAY), str(path))
    except ScenarioError as exc:
        error = exc
    _check(error, path, RAILWAY)
    return None


def replay_save_file(path: Path) -> None:
    """Reads and replays a save: it works, or RecordError names the file."""
    error: RecordError | None = None
    try:
        with time_limit(SECONDS):
            replay(load_record(path), str(path))
    except RecordError as exc:
        error = exc
    _check(error, path)


def playable(rules: Rules, seed: int) -> None:
    with time_limit(SECONDS):
        random_playout(Game(rules), seed)


# ---------------------------------------------------------------- strategies

YAMLISH = ":-{}[],#&*!|>'\"%@`?~=<\\\n\t .0123456789abcdefilnorstuvxy_"


def _ids(node: Any) -> set[str]:
    out: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            out.update(k for k in item if isinstance(k, str))
            out.update(v for v in item.values() if isinstance(v, str) and len(v) < 30)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


def _subtrees(node: Any) -> list[Any]:
    """Every dict and list in the railway data with at most a few hundred characters."""
    out: list[Any] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            if len(repr(item)) < 400:
                out.append(item)
            stack.extend(item.values() if isinstance(item, dict) else item)
    out.sort(key=repr)
    return out


WORDS = sorted(_ids(RAILWAY_DATA))
DONORS = _subtrees(RAILWAY_DATA)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-1000, max_value=1000),
    st.sampled_from([2**63, -(2**63), 10**30, -1, 0, 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.5, 1.5, -0.5, float("inf"), float("-inf"), float("nan")]),
    st.text(max_size=12),
    st.sampled_from(WORDS),
    st.dates(),
    st.sampled_from([dt.date(1, 1, 1), dt.date(1900, 1, 1), dt.date(9999, 12, 31)]),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)
KEYS = st.one_of(st.sampled_from(WORDS), st.text(max_size=8))
VALUES = st.one_of(
    st.recursive(
        SCALARS,
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(KEYS, kids, max_size=4),
        max_leaves=10,
    ),
    st.sampled_from(DONORS).map(copy.deepcopy),
)
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([2**63, -1, 0]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(WORDS),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4)
    ),
    max_leaves=8,
)


def _spliced(text: str) -> st.SearchStrategy[str]:
    """`text` with a random span replaced by random YAML-ish characters."""
    return st.builds(
        lambda at, cut, insert: text[:at] + insert + text[at + cut :],
        st.integers(min_value=0, max_value=len(text)),
        st.integers(min_value=0, max_value=60),
        st.text(alphabet=YAMLISH, max_size=20) | st.text(max_size=5),
    )


def _flipped(data: bytes) -> st.SearchStrategy[bytes]:
    """`data` with a few bytes overwritten by random ones."""
    return st.builds(
        lambda edits: _apply_flips(data, edits),
        st.lists(
            st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)), min_size=1, max_size=4
        ),
    )


def _apply_flips(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, value in edits:
        out[at] = value
    return bytes(out)


def raw_files(text: str) -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, arbitrary text, YAML-ish text, and damaged copies of `text`."""
    return st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
        st.text(alphabet=YAMLISH, max_size=300).map(str.encode),
        _spliced(text).map(str.encode),
        _flipped(text.encode()),
    )


# ----------------------------------------------------------------- mutations


def _slots(doc: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) pair in a tree, the root's own slot first."""
    out: list[tuple[Any, Any]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in list(node):
                out.append((node, key))
                stack.append(node[key])
        elif isinstance(node, list):
            for i, value in enumerate(node):
                out.append((node, i))
                stack.append(value)
    return out


def _swap_type(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(value)
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""


def _nudged(value: Any) -> st.SearchStrategy[Any]:
    """Values of the same kind as `value`, mostly near it."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(value - 2, value + 2) | st.integers(value - 100, value + 100)
    if isinstance(value, float):
        return st.floats(0, 1) | st.floats()
    if isinstance(value, dt.date):
        return st.dates(dt.date(1933, 1, 1), dt.date(1936, 12, 31)) | st.dates()
    return st.sampled_from(WORDS) | st.text(max_size=10)


OPS = ("delete", "replace", "rename", "duplicate", "swap_type", "word", "nudge", "nudge")


def mutate(doc: Any, data: st.DataObject, rounds: int) -> None:
    """Applies `rounds` random mutations to `doc` in place."""
    for _ in range(rounds):
        slots = _slots(doc)
        if not slots:
            return
        parent, key = slots[data.draw(st.integers(0, len(slots) - 1), label="slot")]
        op = data.draw(st.sampled_from(OPS), label="op")
        if op == "delete":
            del parent[key]
        elif op == "replace":
            parent[key] = data.draw(VALUES, label="value")
        elif op == "rename" and isinstance(parent, dict):
            new = data.draw(KEYS, label="key")
            items = [(new if k == key else k, v) for k, v in parent.items()]
            parent.clear()
            parent.update(items)
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif op == "duplicate":
            parent[data.draw(KEYS, label="key")] = copy.deepcopy(parent[key])
        elif op == "nudge" and not isinstance(parent[key], dict | list):
            parent[key] = data.draw(_nudged(parent[key]), label="nudged")
        elif op == "word":
            parent[key] = data.draw(st.sampled_from(WORDS), label="word")
        else:
            parent[key] = _swap_type(parent[key])


# ----------------------------------------------------------- (a) raw files


@fuzz(100)
@given(raw=raw_files(RAILWAY_TEXT))
def test_any_bytes_as_scenario(folder: Path, raw: bytes) -> None:
    path = fresh(folder)
    path.write_bytes(raw)
    rules = load_scenario_file(path)
    if rules is not None:
        event("loaded")
        playable(rules, 0)


VARIANT_FILES = sorted((SCENARIOS / "variants" / RAILWAY.stem).glob("*.yaml"))
VARIANT_TEXT = (
    VARIANT_FILES[0].read_text(encoding="utf-8")
    if VARIANT_FILES
    else "variant: v\nscenario: railway-sale\ntitle: T\nquestion: Q\n"
    "changes:\n  - {disable_event: bandit_raid}\n"
)


@fuzz(80)
@given(raw=raw_files(VARIANT_TEXT))
def test_any_bytes_as_variant(folder: Path, raw: bytes) -> None:
    path = fresh(folder)
    path.write_bytes(raw)
    rules = load_variant_file(path)
    if rules is not None:
        event("loaded")
        playable(rules, 0)


# ------------------------------------------------- (b) mutated scenario data


@fuzz(100)
@given(data=st.data(), rounds=st.integers(1, 3), seed=st.integers(0, 2**32))
def test_mutated_scenario(folder: Path, data: st.DataObject, rounds: int, seed: int) -> None:
    doc = copy.deepcopy(RAILWAY_DATA)
    mutate(doc, data, rounds)
    path = fresh(folder)
    path.write_text(dump(doc), encoding="utf-8")
    rules = load_scenario_file(path)
    if rules is not None:
        event("loaded")
        playable(rules, seed)


def _scalar_slots(node: Any) -> list[tuple[tuple[Any, ...], Any]]:
    """One path per field pattern (list indexes as `*`) and type of value, with its value."""
    seen: set[tuple[Any, ...]] = set()
    out: list[tuple[tuple[Any, ...], Any]] = []
    stack: list[tuple[tuple[Any, ...], tuple[Any, ...], Any]] = [((), (), node)]
    while stack:
        path, pattern, item = stack.pop()
        if isinstance(item, dict):
            stack.extend(((*path, k), (*pattern, k), v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend(((*path, i), (*pattern, "*"), v) for i, v in enumerate(item))
        elif (*pattern, type(item).__name__) not in seen:
            seen.add((*pattern, type(item).__name__))
            out.append((path, item))
    out.sort(key=lambda slot: repr(slot[0]))
    return out


INF, NAN = float("inf"), float("nan")
EXTREMES: dict[type, list[Any]] = {
    bool: [2],
    int: [10**30, -(10**30), INF, -INF],
    float: [INF, -INF, NAN, 1e308, -1e308],
    str: ["", "x" * 5000],
    dt.date: [dt.date(9999, 12, 31), dt.date(1, 1, 1)],
    type(None): [10**30, dt.date(1, 1, 1)],  # an open end of a calibration check's range
}


def test_extreme_values_in_every_field() -> None:
    """Each kind of field of the railway data, set in turn to extreme values (huge and infinite
    numbers, first and last dates, empty and huge strings), validates and compiles (in memory,
    without YAML: `build`) to rules that play, or gives a ScenarioError. Lists every escape."""
    escapes: list[str] = []
    tried = 0
    for path, original in _scalar_slots(RAILWAY_DATA):
        for value in EXTREMES[type(original)]:
            doc = copy.deepcopy(RAILWAY_DATA)
            parent = doc
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = value
            tried += 1
            try:
                with time_limit(2.0):
                    rules = build(doc, "extreme", None)
                    random_playout(Game(rules), 3)
            except ScenarioError:
                continue
            except (Exception, HangError) as exc:
                where = ".".join(map(str, path))
                escapes.append(f"{where} = {value!r:.40}: {type(exc).__name__}: {exc}")
    assert tried > 300
    assert not escapes, "\n".join(escapes)


# ------------------------------------------------------ (c) mutated variants


def _paths(node: Any, prefix: str = "", depth: int = 0) -> list[str]:
    """Dotted paths into the railway data, naming list items by id or index."""
    out: list[str] = []
    if depth > 4:
        return out
    if isinstance(node, dict):
        for key, value in node.items():
            path = f"{prefix}{key}"
            out.append(path)
            out.extend(_paths(value, path + ".", depth + 1))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            names = [str(i)]
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                names.append(value["id"])
            for name in names:
                out.append(f"{prefix}{name}")
                out.extend(_paths(value, f"{prefix}{name}.", depth + 1))
    return out


def _get(node: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)] if part.isdigit() else next(x for x in node if x["id"] == part)
        else:
            node = node[part]
    return node


PATHS = sorted(set(_paths(RAILWAY_DATA)))
EVENT_IDS = sorted(e["id"] for e in RAILWAY_DATA["events"])
SET_PATHS = st.one_of(
    st.sampled_from(PATHS),
    st.builds(lambda p, extra: f"{p}.{extra}", st.sampled_from(PATHS), KEYS),
    st.builds(lambda p: p.rsplit(".", 1)[0] + ".99", st.sampled_from(PATHS)),
    st.text(alphabet="abcdefgnorst_.0123456789", max_size=30),
)


SCALAR_PATHS = sorted(
    (p, v)
    for p in PATHS
    if not isinstance(v := _get(RAILWAY_DATA, p), dict | list) and v is not None
)
NUDGES = st.sampled_from(SCALAR_PATHS).flatmap(
    lambda pv: _nudged(pv[1]).map(lambda v: {"set": pv[0], "value": v})
)
CHANGES = st.one_of(
    NUDGES,
    NUDGES,
    NUDGES,
    st.builds(lambda p, v: {"set": p, "value": v}, SET_PATHS, VALUES),
    st.builds(lambda p, v: {"set": p, "value": v}, st.sampled_from(PATHS), SCALARS),
    st.builds(lambda e: {"disable_event": e}, st.sampled_from(EVENT_IDS) | KEYS),
    st.builds(lambda e: {"force_event": e}, st.sampled_from(EVENT_IDS) | KEYS),
    VALUES,
)


@fuzz(80)
@given(
    data=st.data(),
    changes=st.lists(CHANGES, min_size=1, max_size=3),
    rounds=st.sampled_from([0, 0, 0, 1, 2]),
    seed=st.integers(0, 2**32),
)
def test_mutated_variant(
    folder: Path, data: st.DataObject, changes: list[Any], rounds: int, seed: int
) -> None:
    doc: dict[str, Any] = {
        "variant": "fuzzed",
        "scenario": RAILWAY_ID,
        "title": "A fuzzed variant",
        "question": "What if?",
        "changes": changes,
    }
    mutate(doc, data, rounds)
    path = fresh(folder)
    path.write_text(dump(doc), encoding="utf-8")
    rules = load_variant_file(path)
    if rules is not None:
        event("loaded")
        playable(rules, seed)


# --------------------------------------------------------- (c) mutated saves


@pytest.fixture(scope="module")
def save_doc(folder: Path) -> dict[str, Any]:
    path = short_random_save(load_game(RAILWAY_ID), folder)
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


def _action_words() -> tuple[list[str], list[str]]:
    rules = load_rules(RAILWAY_ID)
    verbs = [a.id for a in rules.actions] + ["offer", "terms", "accept", "choose", "end", "fly"]
    args = ["250", "2.5", "67.5", "0", "-5", "1e-9", "300.1", "inf", "-inf", "nan", "1e400"]
    args += ["cash", "instalments", "cash_and_goods", ""]
    for ev in rules.events:
        args.append(ev.id)
        args.extend(f"{ev.id}:{o.id}" for o in ev.options)
    return verbs, args


VERBS, ARGS = _action_words()
ACTION_TEXT = st.one_of(
    st.builds(
        lambda faction, verb, args: ":".join([faction, verb, *args]),
        st.sampled_from(["ussr", "japan", "", "china"]),
        st.sampled_from(VERBS),
        st.lists(st.sampled_from(ARGS) | st.text(max_size=4), max_size=2),
    ),
    st.builds(
        lambda faction, price: f"{faction}:offer:{price}",
        st.sampled_from(["ussr", "japan"]),
        st.one_of(
            st.sampled_from(["inf", "-inf", "nan", "1e400", "-0", "0x10", "1_0", " 5"]),
            st.floats().map(str),
            st.integers().map(str),
        ),
    ),
    st.text(max_size=20),
)
ACTION_OPS = ("insert", "replace", "insert", "replace", "delete", "duplicate", "swap", "truncate")


def mutate_actions(actions: list[Any], data: st.DataObject, rounds: int) -> None:
    for _ in range(rounds):
        op = data.draw(st.sampled_from(ACTION_OPS), label="action op")
        where = data.draw(st.integers(0, len(actions)), label="where")
        if op == "insert":
            actions.insert(where, data.draw(ACTION_TEXT, label="action"))
        elif not actions:
            continue
        elif op == "truncate":
            del actions[where:]
        else:
            where = min(where, len(actions) - 1)
            if op == "replace":
                actions[where] = data.draw(ACTION_TEXT, label="action")
            elif op == "delete":
                del actions[where]
            elif op == "duplicate":
                actions.insert(where, actions[where])
            else:
                other = data.draw(st.integers(0, len(actions) - 1), label="other")
                actions[where], actions[other] = actions[other], actions[where]


@fuzz(100)
@given(
    data=st.data(),
    action_rounds=st.integers(1, 3),
    field_rounds=st.integers(0, 2),
)
def test_mutated_save(
    folder: Path,
    save_doc: dict[str, Any],
    data: st.DataObject,
    action_rounds: int,
    field_rounds: int,
) -> None:
    doc = copy.deepcopy(save_doc)
    mutate_actions(doc["actions"], data, action_rounds)
    for _ in range(field_rounds):
        key = data.draw(st.sampled_from([*sorted(doc), "extra"]), label="field")
        if data.draw(st.booleans(), label="delete") and key in doc:
            del doc[key]
        else:
            doc[key] = data.draw(JSON_VALUES, label="value")
    path = fresh(folder, ".json")
    path.write_text(json.dumps(doc), encoding="utf-8")
    replay_save_file(path)


RAILWAY_GAME = load_game(RAILWAY_ID)


@fuzz(300, shrink=True)
@given(text=ACTION_TEXT)
def test_any_action_text_parses_or_is_a_notation_error(text: str) -> None:
    """What `replay` does with each action of a save: parse it, then apply it."""
    game = RAILWAY_GAME
    try:
        action = game.parse_action(text)
    except NotationError:
        return
    state = game.initial_state(0)
    try:
        game.apply(state, action)
    except IllegalActionError:
        return


@fuzz(100)
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_as_save(folder: Path, raw: bytes) -> None:
    path = fresh(folder, ".json")
    path.write_bytes(raw)
    replay_save_file(path)


def test_unmutated_save_replays(folder: Path, save_doc: dict[str, Any]) -> None:
    """The base of the save fuzzing is a valid, replayable save (else it tests nothing)."""
    path = fresh(folder, ".json")
    path.write_text(json.dumps(save_doc), encoding="utf-8")
    record = load_record(path)
    assert isinstance(record, GameRecord)
    assert record.actions
    state = replay(record, str(path))
    assert load_game(RAILWAY_ID).is_terminal(state)


def test_unmutated_scenario_loads(folder: Path) -> None:
    """The dump of the unmutated railway data loads (else the mutation test tests nothing)."""
    path = fresh(folder)
    path.write_text(dump(copy.deepcopy(RAILWAY_DATA)), encoding="utf-8")
    rules = load_scenario_file(path)
    assert rules is not None
    playable(rules, 1)
