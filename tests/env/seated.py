"""An external agent for the tests (`py:tests.env.seated:lowest@…`): a policy over the vector
and mask that plays the legal move of lowest index, or of highest with `@high`."""

from __future__ import annotations

import numpy as np

from game.core.game import Game
from game.env.encoding import Mask, Vector
from game.env.policy import PolicyAgent


def lowest(game: Game, faction: int, argument: str) -> PolicyAgent:
    def predict(vector: Vector, mask: Mask) -> int:
        assert vector.shape == (agent.layout.size,)
        legal = np.flatnonzero(mask)
        return int(legal[-1] if argument == "high" else legal[0])

    agent = PolicyAgent(game, faction, predict, f"lowest@{argument}")
    return agent
