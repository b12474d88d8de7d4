"""Trained policies seated as agents, so that they play wherever the game's own agents do.

A policy maps a side's vector and mask (`game.env.encoding`) to an action index. `PolicyAgent`
turns one into an `Agent`: it builds the vector from the `Observation` the agent is shown (never
from the state), so it plays in every command that takes `--agents` — `record`, `simulate`,
`tournament` — through the external-agent prefix (`game.agents.base.EXTERNAL`):

    python main.py tournament --scenario railway-sale --seats japan \\
        --agents "py:game.env.policy:maskable@runs/ppo-japan.zip,persona:fast,greedy"

`maskable` loads a model saved by sb3-contrib's `MaskablePPO` (`docs/research.md` trains one);
any other model needs only a function `(game, faction, argument) -> Agent` of the same shape.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from game.core.actions import Action
from game.core.game import Game
from game.core.observation import Observation
from game.env.encoding import Layout, Mask, Vector, legal_mask, observed

Predict = Callable[[Vector, Mask], int]
"""A policy: the side's vector and legal-move mask → an action index."""


class PolicyAgent:
    """An `Agent` that plays a policy over the side's observation vector and mask."""

    def __init__(self, game: Game, faction: int, predict: Predict, name: str) -> None:
        self.game = game
        self.faction = faction
        self.name = name
        self.layout = Layout.of(game, faction)
        self._predict = predict

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        index = self._predict(observed(self.game, self.layout, obs), legal_mask(self.game, legal))
        action = self.game.action_space.action(int(index))
        if action not in legal:
            raise ValueError(
                f"{self.name}: the policy chose {index} ({self.game.notation(action)}), which is "
                "not a legal move (it must read the mask)"
            )
        return action


@cache
def _maskable_model(path: str) -> Any:
    """Loads a MaskablePPO model once per process (a tournament makes agents game by game)."""
    try:
        from sb3_contrib import MaskablePPO
    except ImportError:
        raise ValueError(
            "py:game.env.policy:maskable needs sb3-contrib: pip install torch==2.13.0 "
            "sb3-contrib (a CPU build of torch first; docs/research.md)"
        ) from None
    return MaskablePPO.load(path, device="cpu")


def maskable(game: Game, faction: int, path: str) -> PolicyAgent:
    """Returns the agent of a MaskablePPO model file (deterministic: its most likely move)."""
    if not path:
        raise ValueError("py:game.env.policy:maskable needs the model file: …:maskable@FILE.zip")
    if not Path(path).is_file():
        raise ValueError(f"py:game.env.policy:maskable: no model file {path!r}")
    model = _maskable_model(path)

    def predict(vector: Vector, mask: Mask) -> int:
        action, _ = model.predict(vector, action_masks=mask.astype(bool), deterministic=True)
        return int(action)

    return PolicyAgent(game, faction, predict, f"maskable@{path}")
