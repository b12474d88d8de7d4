"""Shared helpers for the scenario-file tests: the railway scenario, broken copies, a save."""

from __future__ import annotations

import contextlib
import random
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import yaml

from game.agents.random_agent import RandomAgent
from game.core.game import Game
from game.scenario.errors import Problem
from game.sim.play import play
from game.sim.record import GameRecord, save_record

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"
RAILWAY = SCENARIOS / "railway_sale.yaml"
RAILWAY_TEXT = RAILWAY.read_text(encoding="utf-8")
RAILWAY_ID = "railway-sale"
RAILWAY_DATA = yaml.safe_load(RAILWAY_TEXT)


def edit(text: str, old: str, new: str) -> str:
    """Returns `text` with the single occurrence of `old` replaced by `new`."""
    count = text.count(old)
    assert count == 1, f"{old!r} occurs {count} times in the railway scenario"
    return text.replace(old, new)


def write_broken(folder: Path, old: str, new: str, name: str = "broken.yaml") -> Path:
    """Writes a copy of the railway scenario with one edit and returns its path."""
    path = folder / name
    path.write_text(edit(RAILWAY_TEXT, old, new), encoding="utf-8")
    return path


def edit_line(old: str, new: str, marker: str) -> int:
    """Returns the line, in the railway scenario edited by `old` → `new`, of the first `marker`
    at or after the edit."""
    start = RAILWAY_TEXT.index(old)
    text = edit(RAILWAY_TEXT, old, new)
    return text[: text.index(marker, start)].count("\n") + 1


def at(section: str, ident: str) -> str:
    """Returns the field path of the item `ident` of a list section (`actions[3]`)."""
    ids = [item["id"] for item in RAILWAY_DATA[section]]
    return f"{section}[{ids.index(ident)}]"


def line_of(path: Path, needle: str) -> int:
    """Returns the (1-based) line of the only line of the file that contains `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [i + 1 for i, line in enumerate(lines) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found} of {path}"
    return found[0]


def same_file(problem: Problem, path: Path) -> bool:
    return Path(problem.file).resolve() == path.resolve()


def find_problem(
    problems: list[Problem],
    path: Path,
    line: int | None,
    field: str,
    message: str,
) -> Problem:
    """Returns the problem naming `path`, `line`, `field` (or a sub-field) and `message`.

    Fails listing every problem if none matches.
    """
    for p in problems:
        field_ok = p.field == field or p.field.startswith((field + ".", field + "["))
        if same_file(p, path) and p.line == line and field_ok and message in p.message:
            return p
    listing = "\n".join(f"  {p!r}" for p in problems)
    raise AssertionError(
        f"no problem at {path}:{line} field {field!r} with {message!r}; got:\n{listing}"
    )


def play_random(game: Game, seed: int) -> GameRecord:
    """Plays one game with random agents and returns its record."""
    names = {f.id: "random" for f in game.rules.factions}
    agents = {f.index: RandomAgent() for f in game.rules.factions}
    record, _ = play(game, agents, seed, names=names)
    return record


def short_random_save(game: Game, folder: Path) -> Path:
    """Writes the save of a short random game (at least a few actions) and returns its path."""
    best: GameRecord | None = None
    for seed in range(40):
        record = play_random(game, seed)
        if len(record.actions) < 8:
            continue
        if best is None or len(record.actions) < len(best.actions):
            best = record
        if len(best.actions) <= 20:
            break
    assert best is not None
    path = folder / "game.json"
    save_record(path, best)
    return path


def random_playout(game: Game, seed: int, steps: int = 60) -> None:
    """Plays up to `steps` random legal actions, checking the API's basic promises."""
    rng = random.Random(seed)
    state = game.initial_state(seed)
    for _ in range(steps):
        if game.is_terminal(state):
            assert game.outcome(state) is not None
            return
        faction = game.to_act(state)
        legal = game.legal_actions(state, faction)
        assert legal, "a faction to act has no legal action"
        state = game.apply(state, legal[rng.randrange(len(legal))])


class HangError(BaseException):
    """Raised by `time_limit` when a call runs too long (a BaseException, so that no
    `except Exception` on the way swallows it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fails with HangError if the block spends more than `seconds` of this process's CPU time
    (Unix main thread only). CPU time, not wall time: a loaded machine (CI's two cores shared
    with other work) slows a block down without making it hang, and a wall-clock limit then
    failed tests that had nothing wrong; the code under test blocks on nothing, so a hang
    spends CPU.

    The alarm repeats every 50 ms of CPU until the block ends, and does not raise inside
    hypothesis' garbage-collector callback: Python ignores exceptions raised there, and the next
    alarm must still stop the loop.
    """
    active = [True]

    def _raise(signum: int, frame: FrameType | None) -> None:
        in_gc_hook = frame is not None and "hypothesis" in frame.f_code.co_filename
        if active[0] and not in_gc_hook:
            raise HangError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGPROF, _raise)
    signal.setitimer(signal.ITIMER_PROF, seconds, 0.05)
    try:
        yield
    finally:
        while True:
            try:
                active[0] = False
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.signal(signal.SIGPROF, old)
                break
            except HangError:
                continue
