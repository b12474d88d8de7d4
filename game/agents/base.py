"""The agent protocol, and every kind of agent by name (`AGENTS`) with the factories reading it."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from game.agents.greedy import GreedyAgent
from game.agents.historical import HistoricalAgent
from game.agents.random_agent import RandomAgent
from game.core.actions import Action
from game.core.game import Game
from game.core.observation import Observation


class Agent(Protocol):
    """Picks an action for one faction. It sees that faction's observation, never the state."""

    name: str

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action: ...


@dataclass(frozen=True, slots=True)
class AgentKind:
    """One kind of agent: what it does, and how to build one for a faction."""

    description: str
    """One line for players (the set-up screen's tooltip)."""
    make: Callable[[Game, int], Agent]
    """Returns a new agent of this kind for (game, faction index)."""


AGENTS: Mapping[str, AgentKind] = MappingProxyType(
    {
        "historical": AgentKind(
            "Follows what this side did in history, step by step.", HistoricalAgent
        ),
        "greedy": AgentKind(
            "Looks one turn ahead for its own score (it sees only its own view).", GreedyAgent
        ),
        "random": AgentKind("Picks any legal move.", lambda game, faction: RandomAgent()),
    }
)
"""Every kind of agent by name, in the order players are offered them: the names accepted by
`make_agent`, the CLI's `--agents` and the set-up screen's seats."""


def make_agents(game: Game, names: dict[str, str]) -> dict[int, Agent]:
    """Returns a new agent per faction index, from faction id → agent name."""
    return {f.index: make_agent(names[f.id], game, f.index) for f in game.rules.factions}


def make_agent(name: str, game: Game, faction: int) -> Agent:
    """Returns a new agent of the named kind for `faction`; ValueError lists the known kinds."""
    kind = AGENTS.get(name)
    if kind is None:
        raise ValueError(f"unknown agent {name!r} (known: {', '.join(AGENTS)})")
    return kind.make(game, faction)


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
