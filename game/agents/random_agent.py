"""The random agent: a uniform choice among the legal actions."""

from __future__ import annotations

import random
from collections.abc import Sequence

from game.agents.reasons import Reason
from game.core.actions import Action
from game.core.observation import Observation


class RandomAgent:
    """Plays a uniformly random legal action."""

    name = "random"
    reason: Reason | None = None

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        action = legal[rng.randrange(len(legal))]
        self.reason = Reason(self.name, action, f"Picked at random among {len(legal)} moves.")
        return action
