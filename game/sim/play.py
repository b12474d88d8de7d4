"""Playing one game headless with agents."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Mapping

from game.agents.base import Agent, reason_of
from game.core.actions import Action
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
    on_action: Callable[[State, Action, int], None] | None = None,
    explain: bool = False,
    start: State | None = None,
) -> tuple[GameRecord, State]:
    """Plays one game headless; `seed` fixes the game and every agent's generator.

    Returns the game's record (enough for an exact replay) and its final state. `on_action`, if
    given, sees each action with the state it was given in (its turn, its date) and the number of
    legal moves there were (1: no choice); the agent's reasons are then `reason_of(agent)`.
    With `start`, the game goes on from that state (a branch: `game.sim.branch`) instead of
    beginning; the record then holds only the moves from there. With `explain`, the record
    keeps each agent's one-line reason for every move that had a choice
    (`GameRecord.reasons`), for the game's chronicle.
    """
    reasons: dict[int, str] = {}
    rngs = {f.index: agent_rng(seed, f.id) for f in game.rules.factions}
    state = game.initial_state(seed) if start is None else start
    actions: list[str] = []
    while not game.is_terminal(state):
        faction = game.to_act(state)
        legal = game.legal_actions(state, faction)
        action = agents[faction].act(game.observe(state, faction), legal, rngs[faction])
        if on_action is not None:
            on_action(state, action, len(legal))
        reason = reason_of(agents[faction]) if explain and len(legal) > 1 else None
        if reason is not None:
            reasons[len(actions)] = reason.why
        state = game.apply(state, action)
        actions.append(game.notation(action))
    record = make_record(game, seed, actions, state, dict(names or {}))
    return (dataclasses.replace(record, reasons=reasons) if reasons else record), state
