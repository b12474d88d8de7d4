"""The greedy agent: one-step lookahead on its own score, planned on its own observation.

For each legal action it plays the action on a state sampled to agree with its observation
(hidden tracks drawn from their start ranges, `Game.determinize`), lets every other faction
end its orders, resolves the turn, and scores the result for itself. It picks the best; among
equals it ends its turn if that is one of them (it does not concede or provoke for nothing),
otherwise it picks at random. It never sees the true hidden values.

Its limit is its horizon, and it is kept as a baseline for that reason: where a move pays only
after the other side answers it a turn or more later (an offer in the railway sale), one turn
ahead it never scores more than waiting, so a greedy Japan never makes an offer. The searching
agent (`mcts`) looks further.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from game.agents.reasons import Reason, Weighed
from game.core.actions import END, Action, EndTurn
from game.core.game import Game
from game.core.observation import Observation
from game.core.state import ORDERS, State


class GreedyAgent:
    """Maximises its score one turn ahead."""

    name = "greedy"

    def __init__(self, game: Game, faction: int) -> None:
        self.game = game
        self.faction = faction
        self.reason: Reason | None = None

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action:
        if len(legal) == 1:
            self.reason = Reason(self.name, legal[0], "The only move.")
            return legal[0]
        sample = self.game.determinize(obs, rng)
        best: list[Action] = []
        best_value = float("-inf")
        values = []
        for action in legal:
            value = self._value(sample, action)
            values.append(Weighed(action, value))
            if value > best_value + 1e-9:
                best, best_value = [action], value
            elif abs(value - best_value) <= 1e-9:
                best.append(action)
        chosen: Action | None = next((a for a in best if isinstance(a, EndTurn)), None)
        if chosen is None:
            chosen = best[rng.randrange(len(best))]
        ranked = sorted(values, key=lambda w: -(w.value or 0.0))[:5]
        self.reason = Reason(
            self.name,
            chosen,
            f"Scores {best_value:.1f} one turn ahead, the best of {len(legal)} moves.",
            tuple(ranked),
        )
        return chosen

    def _value(self, state: State, action: Action) -> float:
        game = self.game
        after = game.apply(state, action)
        while not game.is_terminal(after) and after.turn == state.turn and after.phase == ORDERS:
            after = game.apply(after, EndTurn(after.to_act, END))
        return game.score(after, self.faction)
