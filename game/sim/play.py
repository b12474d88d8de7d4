"""Playing one game headless with agents."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from game.agents.base import Agent, reason_of
from game.core.game import Game
from game.core.state import State
from game.sim.record import GameRecord, make_record


def agent_rng(seed: int, faction: str) -> random.Random:
    """Returns the generator of one faction's agent in the game of `seed`."""
    return random.Random(f"{seed}:agent:{faction}")


def play(
    game: Game,
    agents: Mapping[int, Agent],
    seed: int,
    *,
    names: Mapping[str, str] | None = None,
    reasons: list[dict[str, Any]] | None = None,
) -> tuple[GameRecord, State]:
    """Plays one game headless; `seed` fixes the game and every agent's generator.

    Returns the game's record (enough for an exact replay) and its final state. With `reasons`,
    each move that had a choice appends its agent's account of it (`Reason.to_dict`, with the
    move's number, date and side).
    """
    rngs = {f.index: agent_rng(seed, f.id) for f in game.rules.factions}
    state = game.initial_state(seed)
    actions: list[str] = []
    while not game.is_terminal(state):
        faction = game.to_act(state)
        legal = game.legal_actions(state, faction)
        agent = agents[faction]
        action = agent.act(game.observe(state, faction), legal, rngs[faction])
        if reasons is not None and len(legal) > 1:
            reason = reason_of(agent)
            if reason is not None:
                entry: dict[str, Any] = {
                    "step": len(actions),
                    "date": game.rules.date(state.turn).isoformat(),
                    "side": game.rules.factions[faction].id,
                }
                entry.update(reason.to_dict(game.notation))
                reasons.append(entry)
        state = game.apply(state, action)
        actions.append(game.notation(action))
    return make_record(game, seed, actions, state, dict(names or {})), state
