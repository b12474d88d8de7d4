"""A Gymnasium environment for one side of a scenario, the other sides played by agents.

    from game.env.single import AmurEnv
    env = AmurEnv("railway-sale", side="japan", opponents="historical")
    obs, info = env.reset(seed=7)
    while True:
        action = policy(obs, env.action_masks())
        obs, reward, terminated, truncated, info = env.step(action)
        if terminated or truncated:
            break

The observation is the side's vector (`game.env.encoding`; its layout is `env.layout.names`), the
action space is the scenario's fixed action index space (`Discrete`), and the legal moves are
`env.action_masks()` (the method sb3-contrib's MaskablePPO reads) and `info["action_mask"]`. A
step plays the side's action, then the other sides' moves until the side must act again or the
game ends. The others are played by `opponents`: an agent name for all of them (`persona`,
`persona:fast`, `mcts`, `historical`, `greedy`, `random`: `python main.py scenarios` and the
README list them), or a mapping from side id to a name, an `Agent` (anything with
`act(obs, legal, rng)`), or a plain function `(Observation, legal actions, rng) -> Action`.
Each opponent's generator is the one `record` gives it (`game.sim.play.agent_rng`), so the game
of a seed, with the side playing as an agent would, is the game `record` plays.

Rewards, truncation at the calendar's end, seeds and illegal actions are as in `game.env.aec`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from game.agents.base import BATCH_AI, Agent, make_agent
from game.core.actions import Action
from game.core.game import Game
from game.core.observation import Observation
from game.core.state import OVER, State
from game.env.common import (
    RENDER_MODES,
    Options,
    Rewards,
    Seeds,
    SideInfo,
    ending,
    play_index,
    shown,
)
from game.env.encoding import Layout, Mask, Vector, action_mask
from game.scenario.loader import available_scenarios
from game.sim.play import agent_rng

Policy = Callable[[Observation, Sequence[Action], random.Random], Action]
Opponent = str | Agent | Policy


class _Function:
    """A plain function seated as an agent."""

    def __init__(self, function: Policy) -> None:
        self.name = getattr(function, "__name__", "function")
        self._function = function

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        return self._function(obs, legal, rng)


class AmurEnv(gym.Env[Vector, np.int64]):
    """One side of a scenario as a Gymnasium environment."""

    metadata: dict[str, Any] = {"render_modes": list(RENDER_MODES), "render_fps": 4}  # noqa: RUF012

    def __init__(
        self,
        scenario: str | Game = "railway-sale",
        side: str = "japan",
        *,
        variant: str | None = None,
        opponents: Opponent | Mapping[str, Opponent] = BATCH_AI,
        reward: str = "final",
        objective: str = "score",
        illegal: str = "pass",
        illegal_penalty: float = 0.0,
        render_mode: str | None = None,
    ) -> None:
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
        ids = [f.id for f in self.game.rules.factions]
        if side not in ids:
            raise ValueError(f"side={side!r}: the sides of this scenario are {', '.join(ids)}")
        self.side = side
        self.faction = ids.index(side)
        self.layout = Layout.of(self.game, self.faction)
        self._rewards = Rewards(o, (self.faction,))
        self._opponents = self._seat(opponents, ids)
        self.observation_space = spaces.Box(0.0, 1.0, (self.layout.size,), np.float32)
        self.action_space = spaces.Discrete(self.game.action_space.size)
        self._seeds = Seeds()
        self.state_: State | None = None
        self.seed_ = 0
        self._agents: dict[int, Agent] = {}
        self._rngs: dict[int, random.Random] = {}
        self._mask: tuple[State | None, Mask] = (None, np.zeros(0, dtype=np.int8))

    def _seat(
        self, opponents: Opponent | Mapping[str, Opponent], ids: list[str]
    ) -> dict[int, Opponent]:
        """Returns what plays each other side; ValueError names a side or agent that is wrong."""
        if isinstance(opponents, Mapping):
            unknown = sorted(set(opponents) - set(ids) - {self.side})
            if unknown:
                raise ValueError(f"opponents: no side {unknown[0]!r} (sides: {', '.join(ids)})")
            if self.side in opponents:
                raise ValueError(f"opponents: {self.side!r} is the side this environment plays")
            missing = [i for i in ids if i != self.side and i not in opponents]
            if missing:
                raise ValueError(f"opponents: no agent for {', '.join(missing)}")
            seats = {ids.index(i): o for i, o in opponents.items()}
        else:
            seats = {f: opponents for f in range(len(ids)) if f != self.faction}
        for opponent in seats.values():
            if isinstance(opponent, str):
                make_agent(opponent, self.game, 0)  # ValueError lists the known agents
        return seats

    def _agent(self, f: int) -> Agent:
        opponent = self._opponents[f]
        if isinstance(opponent, str):
            return make_agent(opponent, self.game, f)
        if callable(getattr(opponent, "act", None)):
            return cast(Agent, opponent)
        return _Function(cast(Policy, opponent))

    # ----------------------------------------------------------------- the API

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Vector, dict[str, Any]]:
        super().reset(seed=seed)
        self.seed_ = self._seeds.next(seed)
        game = self.game
        self._agents = {f: self._agent(f) for f in self._opponents}
        self._rngs = {f: agent_rng(self.seed_, game.rules.factions[f].id) for f in self._opponents}
        state = self._others(game.initial_state(self.seed_))
        if state.phase == OVER:
            raise RuntimeError(f"{self.side} never acts in this game (seed {self.seed_})")
        self.state_ = state
        self._rewards.start(state)
        return self.layout.vector(state), self._info(state)

    def step(self, action: Any) -> tuple[Vector, float, bool, bool, dict[str, Any]]:
        state = self._running()
        game = self.game
        state, refusal = play_index(game, state, self.faction, action, self.illegal)
        state = self._others(state)
        self.state_ = state
        reward = self._rewards.at(state)[self.faction]
        info = self._info(state)
        if refusal:
            info["illegal"] = refusal
            reward -= self.illegal_penalty
        terminated, truncated = ending(game, state)
        return self.layout.vector(state), float(reward), terminated, truncated, info

    def action_masks(self) -> Mask:
        """Returns the side's legal moves now over the action index space (MaskablePPO); the
        step's info holds the same array, made once per state."""
        state = self._running()
        made, mask = self._mask
        if made is not state:
            mask = action_mask(self.game, state, self.faction)  # all 0 once the game is over
            self._mask = (state, mask)
        return mask

    def render(self) -> str | None:
        if self.render_mode is None:
            return None
        state = self._running()
        date = self.game.rules.date(state.turn).isoformat()
        score = self.game.score(state, self.faction)
        return shown(self.render_mode, f"{date} (turn {state.turn}): {self.side} {score:+.2f}")

    # ----------------------------------------------------------------- helpers

    def _others(self, state: State) -> State:
        """Plays the other sides until this side must act or the game ends."""
        game = self.game
        while state.phase != OVER and state.to_act != self.faction:
            f = state.to_act
            legal = game.legal_actions(state, f)
            move = self._agents[f].act(game.observe(state, f), legal, self._rngs[f])
            state = game.apply(state, move)
        return state

    def _info(self, state: State) -> dict[str, Any]:
        info = SideInfo(self.game, state, self.faction)
        info["action_mask"] = self.action_masks()
        return info

    def _running(self) -> State:
        if self.state_ is None:
            raise RuntimeError("call reset() before using the environment")
        return self.state_


def env_id(scenario: str) -> str:
    """Returns the Gymnasium id of a scenario's environment: `amur/railway-sale-v0`."""
    return f"amur/{scenario}-v0"


def register() -> list[str]:
    """Registers every shipped scenario with Gymnasium (`gymnasium.make("amur/railway-sale-v0",
    side="japan")`); importing this module does it. Returns the ids."""
    ids = []
    for scenario in sorted(available_scenarios()):
        name = env_id(scenario)
        if name not in gym.registry:
            gym.register(name, entry_point="game.env.single:AmurEnv", kwargs={"scenario": scenario})
        ids.append(name)
    return ids


register()
