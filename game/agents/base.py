"""The agent protocol and the factory that builds agents by name."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Protocol

from game.core.actions import Action
from game.core.game import Game
from game.core.observation import Observation


class Agent(Protocol):
    """Picks an action for one faction. It sees that faction's observation, never the state."""

    name: str

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action: ...


AGENTS = ("random", "historical", "greedy")
"""Names accepted by `make_agent` and by the CLI's `--agents`."""


def make_agents(game: Game, names: dict[str, str]) -> dict[int, Agent]:
    """Returns a new agent per faction index, from faction id → agent name."""
    return {f.index: make_agent(names[f.id], game, f.index) for f in game.rules.factions}


def make_agent(name: str, game: Game, faction: int) -> Agent:
    """Returns a new agent of the named kind for `faction`; ValueError lists the known kinds."""
    from game.agents.greedy import GreedyAgent
    from game.agents.historical import HistoricalAgent
    from game.agents.random_agent import RandomAgent

    if name == "random":
        return RandomAgent()
    if name == "historical":
        return HistoricalAgent(game, faction)
    if name == "greedy":
        return GreedyAgent(game, faction)
    raise ValueError(f"unknown agent {name!r} (known: {', '.join(AGENTS)})")


def parse_agents(game: Game, text: str, default: str = "random") -> dict[str, str]:
    """Returns faction id → agent name from `ussr=historical,japan=random`.

    Factions not named get `default`; ValueError names an unknown faction or agent.
    """
    known = [f.id for f in game.rules.factions]
    out = dict.fromkeys(known, default)
    for part in filter(None, (p.strip() for p in text.split(","))):
        if "=" not in part:
            raise ValueError(f"{part!r}: write faction=agent, e.g. {known[0]}=historical")
        faction, agent = (x.strip() for x in part.split("=", 1))
        if faction not in out:
            raise ValueError(f"unknown faction {faction!r} (known: {', '.join(known)})")
        if agent not in AGENTS:
            raise ValueError(f"unknown agent {agent!r} (known: {', '.join(AGENTS)})")
        out[faction] = agent
    return out
