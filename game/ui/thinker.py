"""The window's AI players: their agents, the worker thread they think on, stopping a search
early (Esc).

One move is thought at a time, on one worker thread (as python-chess's `SimpleEngine` keeps
the engine off the caller's thread); the session polls for it each frame. Stopping sets the
agent's `stop` (agents that search have one): it ends the search at once and the agent returns
its best move so far, which the session checks and applies like any other.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Final, Protocol, runtime_checkable

from game.agents.base import Agent, make_agent, reason_of
from game.agents.reasons import Reason
from game.core.actions import Action
from game.core.game import Game, State
from game.core.phase import NOBODY

CLOSE_WAIT: Final = 2.0
"""At most this many seconds `close` waits for a stopped search to end (a search checks its
`stop` after every iteration, so it ends within milliseconds)."""


@runtime_checkable
class Stoppable(Protocol):
    """An agent whose search can be ended early from another thread (`MctsAgent`)."""

    stop: bool


class Thinker:
    """The agents seated at a game, and the one move being thought (see the module docstring)."""

    def __init__(self, game: Game, seed: int, seats: Mapping[int, str]) -> None:
        """`seats` maps each faction an AI plays to its agent's name (`mcts:hard`)."""
        self.game = game
        self.seats = dict(seats)
        self.agents: dict[int, Agent] = {}
        self._rngs = {f.index: random.Random(f"{seed}:agent:{f.id}") for f in game.rules.factions}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="amur-ai")
        self._future: Future[Action] | None = None
        self.faction = NOBODY
        """The faction whose agent is thinking (NOBODY when none is)."""
        self.started = 0.0
        """When the move being thought was asked for (`time.perf_counter`)."""
        self.choices = 0
        """How many legal moves the agent thinking has."""
        self.stopping = False
        """The move being thought was asked to stop early."""

    @property
    def thinking(self) -> bool:
        return self._future is not None

    def seconds(self) -> float:
        """Returns how long the agent has been thinking (0 when none is)."""
        return time.perf_counter() - self.started if self._future is not None else 0.0

    def start(self, state: State, faction: int) -> None:
        """Asks `faction`'s agent for its move in `state`, on the worker thread."""
        agent = self.agents.get(faction)
        if agent is None:
            agent = self.agents[faction] = make_agent(self.seats[faction], self.game, faction)
        obs = self.game.observe(state, faction)
        legal = self.game.legal_actions(state, faction)
        self.faction, self.choices, self.stopping = faction, len(legal), False
        if isinstance(agent, Stoppable):
            agent.stop = False  # a stop asked as the last move ended is not this move's
        self.started = time.perf_counter()
        self._future = self._pool.submit(agent.act, obs, legal, self._rngs[faction])

    def result(self, timeout: float) -> Action | None:
        """Returns the agent's move once it is chosen, waiting at most `timeout` seconds (None:
        still thinking). An exception the agent raised is raised here; the move is over."""
        future = self._future
        assert future is not None
        if self.stopping:  # again: an agent may clear `stop` as its search begins
            self._tell_stop()
        done, _ = wait([future], timeout=timeout)
        if not done:
            return None
        self._future = None
        self.faction = NOBODY
        return future.result()

    def can_stop(self) -> bool:
        """True if the agent thinking can be stopped early (it searches)."""
        future = self._future
        return (
            future is not None
            and not future.done()
            and isinstance(self.agents.get(self.faction), Stoppable)
        )

    def stop(self) -> bool:
        """Asks the agent thinking to end its search and give its best move so far; returns
        False if no agent that can stop is thinking."""
        if not self.can_stop():
            return False
        self.stopping = True
        self._tell_stop()
        return True

    def _tell_stop(self) -> None:
        agent = self.agents.get(self.faction)
        if isinstance(agent, Stoppable):
            agent.stop = True

    def reason(self, faction: int) -> Reason | None:
        """Returns what `faction`'s agent said about its last move (None if nothing)."""
        agent = self.agents.get(faction)
        return None if agent is None else reason_of(agent)

    def close(self) -> None:
        """Stops the agent thinking, if any, and the worker thread: a closed window never waits
        for a search (at most `CLOSE_WAIT` seconds for one to notice it was stopped)."""
        future, stoppable = self._future, self.can_stop()
        self._future = None
        if future is not None and stoppable:
            self.stopping = True
            deadline = time.perf_counter() + CLOSE_WAIT
            while not future.done() and time.perf_counter() < deadline:
                self._tell_stop()
                wait([future], timeout=0.01)
        self.faction = NOBODY
        self._pool.shutdown(wait=False, cancel_futures=True)
