""" "What if I had chosen otherwise here?": the debrief forks the finished game at a turning
point and plays it on in the background (`game.sim.branch`, the same machinery as `main.py
branch`), while the window shows the progress and then the spread of outcomes as a chart.

The runs go on a worker thread that feeds a process pool; the window only reads the count of
games done and, at the end, the summary. Closing the scene stops the run (the games already
being played finish first, in a second or two)."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

from game.agents.base import BATCH_AI
from game.sim.batch import BatchSpec, resolve_workers, run_batch
from game.sim.branch import Fork, fork_at
from game.sim.summary import summarise
from game.ui.chronicle import turning_entries
from game.ui.session import Session

GAMES = 60
"""Continuations per question: enough for a share to within about ±13 points (95 %), played
in about half a minute on two cores by the default AI at its batch level."""


@dataclass(frozen=True, slots=True)
class Point:
    """A turning point of the game: where a branch can start."""

    date: dt.date
    """The date of the turn it happened in: the fork's date (the choice is made again)."""
    what: str


def fork_points(session: Session) -> list[Point]:
    """Returns the game's turning points (its one-off events and the choices made), each at
    the date of its turn, in order, one per turn and text."""
    rules = session.rules
    out: list[Point] = []
    for entry, what in turning_entries(rules, session.state.log):
        point = Point(rules.date(entry.turn), what)
        if point not in out:
            out.append(point)
    return out


class BranchRun:
    """Continuations of a session's game from a date, played on a background thread."""

    def __init__(
        self, session: Session, at: dt.date, games: int | None = None, seed: int = 0
    ) -> None:
        self.session = session
        record = session.record()
        self.fork: Fork = fork_at(session.game, record, at)
        rules = session.rules
        source = session.source
        scenario = source.scenario_file if source and source.scenario_file else rules.id
        variant = source.variant_file if source and source.variant_file else rules.variant
        agents = tuple((f.id, BATCH_AI) for f in rules.factions)
        self.spec = BatchSpec(
            scenario,
            variant,
            agents,
            games or GAMES,
            seed,
            trunk=(self.fork.seed, self.fork.moves),
        )
        self.results: list[dict[str, Any]] = []
        self.error = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="amur-branch", daemon=True)

    def start(self) -> BranchRun:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            for result in run_batch(self.spec, resolve_workers("auto")):
                self.results.append(result)
                if self._stop.is_set():
                    return
        except Exception as exc:  # a failed worker must not take the window down
            self.error = f"{type(exc).__name__}: {exc}"

    @property
    def total(self) -> int:
        return self.spec.games

    @property
    def done(self) -> int:
        return len(self.results)

    def finished(self) -> bool:
        return self.done >= self.total or bool(self.error)

    def stop(self) -> None:
        self._stop.set()

    def summary(self) -> dict[str, Any]:
        """The continuations' summary (`game.sim.summary.summarise`) once finished."""
        return summarise(list(self.results), self.session.rules)
