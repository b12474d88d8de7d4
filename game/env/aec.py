"""PettingZoo's AEC (agent–environment cycle) environment of a scenario.

    from game.env.aec import env
    e = env("railway-sale")              # agents: "ussr", "japan"
    e.reset(seed=7)                      # the engine's game of seed 7
    for agent in e.agent_iter():
        obs, reward, terminated, truncated, info = e.last()
        action = None if terminated or truncated else policy(obs["observation"], obs["action_mask"])
        e.step(action)

The game's own turn order is already an agent–environment cycle: one side acts at a time (its
orders of the turn one by one, then `end`; then the next side; then whoever must answer an event),
so the environment steps the engine exactly, with no waiting moves. Each observation is the classic
PettingZoo dict: `observation`, the side's vector (`game.env.encoding`), and `action_mask`, its
legal moves over the scenario's fixed action index space (all 0 when it is not its move). The info
holds `turn`, `date` and the side's `Observation` (`info["observation"]`, made when read).

Rewards (`reward=`): `final` gives each side its final score when the game ends; `shaped` gives
each step's change in every side's score. With `objective="persona"` they count what the side's
government made of the game (its persona's value: aims, red lines, patience) instead of its score.
A game that ends at its calendar's last date (the scenario's time limit) is truncated; any other
end terminates it. An action outside the mask is played as the side's fallback (`end`, or an
event's first option) and named in its info's `illegal`, less `illegal_penalty` (default 0) on
its reward; `illegal="raise"` raises instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import AECEnv

from game.core.game import Game
from game.core.state import OVER, State
from game.env.common import (
    RENDER_MODES,
    Options,
    Rewards,
    Seeds,
    SideInfo,
    Sides,
    ending,
    play_index,
    shown,
)
from game.env.encoding import action_mask


def env(scenario: str | Game = "railway-sale", **options: Any) -> AmurAEC:
    """Returns the AEC environment of a scenario id (or a compiled `Game`); the options are
    `AmurAEC`'s (`variant`, `reward`, `objective`, `illegal`, `illegal_penalty`,
    `render_mode`)."""
    return AmurAEC(scenario, **options)


class AmurAEC(AECEnv[str, dict[str, Any], int]):  # type: ignore[misc]
    """One scenario as a PettingZoo AEC environment; agents are the faction ids."""

    metadata: dict[str, Any] = {  # noqa: RUF012 — PettingZoo reads it as a class attribute
        "name": "amur_v0",
        "render_modes": list(RENDER_MODES),
        "is_parallelizable": False,
    }

    def __init__(
        self,
        scenario: str | Game = "railway-sale",
        *,
        variant: str | None = None,
        reward: str = "final",
        objective: str = "score",
        illegal: str = "pass",
        illegal_penalty: float = 0.0,
        render_mode: str | None = None,
    ) -> None:
        super().__init__()
        o = Options.of(
            scenario,
            variant=variant,
            reward=reward,
            objective=objective,
            illegal=illegal,
            illegal_penalty=illegal_penalty,
            render_mode=render_mode,
        )
        self.game, self.render_mode = o.game, o.render_mode
        self.illegal, self.illegal_penalty = o.illegal, o.illegal_penalty
        sides = Sides.of(self.game)
        self._rewards = Rewards(o, range(len(sides.ids)))
        self.possible_agents = sides.ids
        self._index = {a: f for f, a in enumerate(sides.ids)}
        self.layouts = sides.layouts
        self.observation_spaces = sides.observation_spaces
        self.action_spaces = sides.action_spaces
        self._seeds = Seeds()
        self.state_: State | None = None
        self.seed_ = 0

    def observation_space(self, agent: str) -> spaces.Space[Any]:
        return self.observation_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space[Any]:
        return self.action_spaces[agent]

    # ----------------------------------------------------------------- the cycle

    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        self.seed_ = self._seeds.next(seed)
        state = self.game.initial_state(self.seed_)
        self.state_ = state
        self.agents = list(self.possible_agents)
        self.rewards = dict.fromkeys(self.agents, 0.0)
        self._cumulative_rewards = dict.fromkeys(self.agents, 0.0)
        self.terminations = dict.fromkeys(self.agents, False)
        self.truncations = dict.fromkeys(self.agents, False)
        self._rewards.start(state)
        self._set_infos(state)
        self.agent_selection = self.possible_agents[state.to_act]

    def observe(self, agent: str) -> dict[str, Any]:
        state = self._running()
        f = self._index[agent]
        if state.to_act == f and state.phase != OVER:
            mask = action_mask(self.game, state, f)
        else:
            mask = np.zeros(self.game.action_space.size, dtype=np.int8)
        return {"observation": self.layouts[f].vector(state), "action_mask": mask}

    def step(self, action: int | None) -> None:
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        before = self._running()
        state, refusal = play_index(self.game, before, self._index[agent], action, self.illegal)
        self.state_ = state
        self._cumulative_rewards[agent] = 0.0
        rewards = self._rewards.at(state)
        self.rewards = {a: rewards[self._index[a]] for a in self.agents}
        self._set_infos(state)
        if refusal:
            self.infos[agent]["illegal"] = refusal
            self.rewards[agent] -= self.illegal_penalty
        if state.phase == OVER:
            terminated, truncated = ending(self.game, state)
            self.terminations = dict.fromkeys(self.agents, terminated)
            self.truncations = dict.fromkeys(self.agents, truncated)
        else:
            self.agent_selection = self.possible_agents[state.to_act]
        self._accumulate_rewards()

    def render(self) -> str | None:
        if self.render_mode is None:
            return None
        state = self._running()
        game = self.game
        who = "over" if state.phase == OVER else f"{self.possible_agents[state.to_act]} to act"
        scores = ", ".join(f"{a} {game.score(state, f):+.2f}" for a, f in self._index.items())
        return shown(
            self.render_mode, f"{game.rules.date(state.turn)} (turn {state.turn}): {who}; {scores}"
        )

    def close(self) -> None:
        pass

    # ----------------------------------------------------------------- helpers

    def _running(self) -> State:
        if self.state_ is None:
            raise RuntimeError("call reset() before using the environment")
        return self.state_

    def _set_infos(self, state: State) -> None:
        self.infos = {a: SideInfo(self.game, state, self._index[a]) for a in self.agents}
