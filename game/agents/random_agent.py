"""The random agent: a uniform choice among the legal actions."""

from __future__ import annotations

import random
from collections.abc import Sequence

from game.core.actions import Action
from game.core.observation import Observation


class RandomAgent:
    """Plays a uniformly random legal action."""

    name = "random"

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        return legal[rng.randrange(len(legal))]
