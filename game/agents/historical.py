"""The historical agent: plays what the faction did in history, as the scenario's plan says.

Each turn it walks the scenario's `historical_plan` for its faction, in file order. A step
applies when the turn's date lies in its window and its condition holds on the faction's own
observation (tracks it cannot see count at their initial value). A step is satisfied once one
of its actions is among this turn's orders; otherwise the agent plays the step's first legal
action. Event choices take the option marked `historical`. The documented default, when no
step applies: end the turn (in event choices, the first option).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from game.core.actions import END, Action
from game.core.game import Game
from game.core.observation import Observation
from game.core.state import CHOICES


class HistoricalAgent:
    """Follows the scenario's historical plan for one faction."""

    name = "historical"

    def __init__(self, game: Game, faction: int) -> None:
        self.game = game
        self.faction = faction
        rules = game.rules
        self.steps = [
            (step, tuple(game.parse_action(text) for text in step.actions))
            for step in rules.plans[faction]
        ]
        self.defaults = {t.id: t.initial for t in rules.tracks}

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        if obs.phase == CHOICES:
            event = self.game.rules.events[obs.choice]
            for option in event.options:
                if option.historical:
                    return next(a for a in legal if a.amount == option.index)
            return legal[0]
        seen = dict(obs.tracks)
        tracks = tuple(seen.get(t.id, self.defaults[t.id]) for t in self.game.rules.tracks)
        allowed = set(legal)
        for step, actions in self.steps:
            if not step.first <= obs.turn <= step.last:
                continue
            if not step.pred(tracks, obs.turn, obs.fired):
                continue
            if any(a in obs.own_orders for a in actions):
                continue
            for action in actions:
                if action in allowed:
                    return action
        return next((a for a in legal if a.kind == END), legal[0])
