"""PettingZoo's parallel API for a scenario: every side gives its orders of the turn at once.

    from game.env.parallel import parallel_env
    e = parallel_env("railway-sale")
    obs, infos = e.reset(seed=7)
    while e.agents:
        actions = {a: policy(obs[a]["observation"], obs[a]["action_mask"]) for a in e.agents}
        obs, rewards, terminations, truncations, infos = e.step(actions)

Why the turn structure allows it: a turn's orders are secret until every side has given them, and
they resolve together, so no side's orders can depend on another's. Each parallel step takes one
order from every side still giving orders; a side that is done (it chose `end`, reached the most
orders a side may give, or has nothing left to do) — and, while an event awaits an answer, every
side but the one that must answer it — has only its own `end` in its mask, which then means *pass*
and changes nothing. When every side is done the orders go to the engine in its own order and the
turn resolves exactly as in the AEC environment, so both play the same games from the same
orders. Observations, rewards, truncation, seeds and what an illegal action does are as in
`game.env.aec`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import ParallelEnv

from game.core.actions import END, Action, EndTurn
from game.core.errors import IllegalActionError
from game.core.game import Game
from game.core.state import CHOICES, OVER, State
from game.env.common import (
    Options,
    Rewards,
    Seeds,
    SideInfo,
    Sides,
    ending,
    refused,
)
from game.env.encoding import Mask, legal_mask
from game.env.fallback import fallback

Step = tuple[
    dict[str, dict[str, Any]],
    dict[str, float],
    dict[str, bool],
    dict[str, bool],
    dict[str, dict[str, Any]],
]


def parallel_env(scenario: str | Game = "railway-sale", **options: Any) -> AmurParallel:
    """Returns the parallel environment of a scenario id (or a compiled `Game`); the options
    are `AmurParallel`'s (`variant`, `reward`, `illegal`, `illegal_penalty`)."""
    return AmurParallel(scenario, **options)


class AmurParallel(ParallelEnv[str, dict[str, Any], int]):  # type: ignore[misc]
    """One scenario as a PettingZoo parallel environment; agents are the faction ids."""

    metadata: dict[str, Any] = {"name": "amur_parallel_v0", "render_modes": []}  # noqa: RUF012

    def __init__(
        self,
        scenario: str | Game = "railway-sale",
        *,
        variant: str | None = None,
        reward: str = "final",
        objective: str = "score",
        illegal: str = "pass",
        illegal_penalty: float = 0.0,
    ) -> None:
        o = Options.of(
            scenario,
            variant=variant,
            reward=reward,
            objective=objective,
            illegal=illegal,
            illegal_penalty=illegal_penalty,
        )
        self.game = o.game
        self.illegal, self.illegal_penalty = o.illegal, o.illegal_penalty
        sides = Sides.of(self.game)
        self._rewards = Rewards(o, range(len(sides.ids)))
        self.possible_agents = sides.ids
        self.agents: list[str] = []
        self.layouts = sides.layouts
        self.observation_spaces = sides.observation_spaces
        self.action_spaces = sides.action_spaces
        self._end = [self.game.action_space.index(self._end_of(f)) for f in range(len(sides.ids))]
        self._seeds = Seeds()
        self.state_: State | None = None
        self.seed_ = 0
        self._queued: list[list[Action]] = []
        self._done: list[bool] = []
        self._views: list[tuple[State, list[Action]] | None] = []
        self._masks: list[Mask] = [np.zeros(0, dtype=np.int8)] * len(sides.ids)

    def observation_space(self, agent: str) -> spaces.Space[Any]:
        return self.observation_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space[Any]:
        return self.action_spaces[agent]

    def reset(
        self, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        self.seed_ = self._seeds.next(seed)
        state = self.game.initial_state(self.seed_)
        self.agents = list(self.possible_agents)
        self._rewards.start(state)
        self._begin(state)
        return self._observations(), self._infos()

    def step(self, actions: dict[str, int]) -> Step:
        state = self._running()
        game = self.game
        refusals: dict[str, str] = {}
        moves = [self._move(f, actions, refusals) for f in range(len(self.possible_agents))]
        if state.phase == CHOICES:
            move = moves[state.to_act]
            assert move is not None
            self._begin(game.apply(state, move))
        else:
            for f, move in enumerate(moves):
                if move is not None:
                    self._order(f, move)
            if all(self._done):
                self._begin(self._resolve(state))
        return self._after(refusals)

    def close(self) -> None:
        pass

    # ----------------------------------------------------------------- the turn

    def _begin(self, state: State) -> None:
        """Starts a phase: nobody has given orders; in the orders phase every side with a
        decision gives them, while an event awaits only its chooser acts."""
        self.state_ = state
        n = len(self.possible_agents)
        self._queued = [[] for _ in range(n)]
        self._views = [None] * n
        if state.phase == OVER:
            self._done = [True] * n
        elif state.phase == CHOICES:
            self._done = [f != state.to_act for f in range(n)]
        else:
            first = state.to_act
            self._done = [f < first or not self._legal(f)[1:] for f in range(n)]

    def _order(self, f: int, action: Action) -> None:
        """Queues side f's order (or its end)."""
        if action.kind == END:
            self._done[f] = True
            return
        self._queued[f].append(action)
        self._views[f] = None
        if len(self._queued[f]) >= self.game.rules.max_orders or len(self._legal(f)) <= 1:
            self._done[f] = True

    def _resolve(self, state: State) -> State:
        """Gives every side's queued orders to the engine in its order; the turn resolves."""
        game = self.game
        turn = state.turn
        while state.phase != OVER and state.turn == turn and state.phase != CHOICES:
            f = state.to_act
            if state.orders[f] == tuple(self._queued[f]):
                state = game.apply(state, self._end_of(f))
                continue
            state = game.apply(state, self._queued[f][len(state.orders[f])])
        return state

    def _view(self, f: int) -> tuple[State, list[Action]]:
        """Returns the state as side f sees its own decision — its orders queued so far, its
        move (orders are secret until all are in, so no other side's queue changes it) — and
        its legal moves there; remembered until f's queue or the phase changes."""
        view = self._views[f]
        if view is None:
            state = self._running()
            if state.phase != CHOICES and state.phase != OVER:
                orders = tuple(
                    tuple(self._queued[g]) if g == f else ()
                    for g in range(len(self.possible_agents))
                )
                state = State(  # not dataclasses.replace: it costs as much as a move
                    state.seed,
                    state.turn,
                    state.phase,
                    f,
                    state.tracks,
                    orders,
                    state.pending,
                    state.fired,
                    state.outcome,
                    state.log,
                )
            view = self._views[f] = (state, self.game.legal_actions(state, f))
        return view

    def _shadow(self, f: int) -> State:
        return self._view(f)[0]

    def _legal(self, f: int) -> list[Action]:
        return self._view(f)[1]

    def _move(self, f: int, actions: dict[str, int], refusals: dict[str, str]) -> Action | None:
        """Returns side f's move of this step (None when it passes), checked. An action outside
        its mask is refused: `illegal="raise"` raises IllegalActionError naming it and why;
        `pass` notes it in `refusals` and plays the fallback (for a side that is done, its
        pass). Every side of the step is checked before any order is queued."""
        agent = self.possible_agents[f]
        given = actions.get(agent)
        index = -1 if given is None else int(given)
        space = self.game.action_space
        if self._done[f]:
            if index == self._end[f]:
                return None
            why = f"it has nothing to do this step: its only move is pass (index {self._end[f]})"
        elif given is None:
            why = "no action given (every live side gives one)"
        elif not 0 <= index < space.size:
            why = f"the actions are numbered 0 to {space.size - 1}"
        else:
            move = space.action(index)
            if self._masks[f][index]:  # the mask the side was shown for this step
                return move
            why = self.game.why_illegal(self._shadow(f), move) or "not its move now"
        if self.illegal == "raise":
            raise IllegalActionError(f"{agent}: {refused(self.game, index, why)}")
        refusals[agent] = refused(self.game, index, why)
        if self._done[f]:
            return None
        return fallback(self.game, self._shadow(f), f)

    @staticmethod
    def _end_of(f: int) -> Action:
        return EndTurn(f, END)

    # ----------------------------------------------------------------- results

    def _after(self, refusals: dict[str, str]) -> Step:
        state = self._running()
        by_side = self._rewards.at(state)
        rewards = {agent: by_side[f] for f, agent in enumerate(self.possible_agents)}
        terminated, truncated = ending(self.game, state)
        terminations = dict.fromkeys(self.agents, terminated)
        truncations = dict.fromkeys(self.agents, truncated)
        observations, infos = self._observations(), self._infos()
        for agent, refusal in refusals.items():
            infos[agent]["illegal"] = refusal
            rewards[agent] -= self.illegal_penalty
        if state.phase == OVER:
            self.agents = []
        return observations, rewards, terminations, truncations, infos

    def _observations(self) -> dict[str, dict[str, Any]]:
        out = {}
        for f, agent in enumerate(self.possible_agents):
            shadow, legal = self._view(f)
            mask = legal_mask(self.game, [self._end_of(f)] if self._done[f] else legal)
            self._masks[f] = mask
            out[agent] = {"observation": self.layouts[f].vector(shadow), "action_mask": mask}
        return out

    def _infos(self) -> dict[str, dict[str, Any]]:
        state = self._running()
        return {a: SideInfo(self.game, state, f) for f, a in enumerate(self.possible_agents)}

    def _running(self) -> State:
        if self.state_ is None:
            raise RuntimeError("call reset() before using the environment")
        return self.state_
