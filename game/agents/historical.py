"""The historical agent: plays what the faction did in history, as the scenario's plan says.

Each turn it walks the scenario's `historical_plan` for its faction, in file order. A step
applies when the turn's date lies in its window and its condition holds on the faction's own
observation (the compiler guarantees that a step's condition reads only tracks the faction
observes; `Seen.filled` stands in 0 for the others, never read). A step is satisfied once one
of its actions is among this turn's orders; otherwise the agent plays the step's first legal
action. Event choices take the option marked `historical`. The documented default, when no
step applies: end the turn (in event choices, the first option).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from game.agents.reasons import Reason
from game.core.actions import Action, Choose, EndTurn
from game.core.game import Game
from game.core.observation import Observation
from game.core.state import CHOICES


class HistoricalAgent:
    """Follows the scenario's historical plan for one faction."""

    name = "historical"

    def __init__(self, game: Game, faction: int) -> None:
        self.game = game
        self.faction = faction
        self.reason: Reason | None = None
        rules = game.rules
        self.steps = [
            (step, tuple(game.parse_action(text) for text in step.actions))
            for step in rules.plans[faction]
        ]

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        action, why = self._choose(obs, legal)
        self.reason = Reason(self.name, action, why)
        return action

    def _choose(self, obs: Observation, legal: Sequence[Action]) -> tuple[Action, str]:
        if obs.phase == CHOICES:
            event = self.game.rules.events[obs.choice]
            for option in event.options:
                if option.historical:
                    chosen = next(
                        a for a in legal if isinstance(a, Choose) and a.option == option.index
                    )
                    return chosen, "This is the answer given in history."
            return legal[0], "History gives no answer here: the first option."
        tracks = self.game.seen(obs).filled()
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
                    return action, f"History: {step.note}" if step.note else "As in history."
        end = next((a for a in legal if isinstance(a, EndTurn)), legal[0])
        return end, "Nothing this side did in history is due now."
