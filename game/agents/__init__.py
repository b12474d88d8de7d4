"""Agents: programs that pick one faction's actions from its observation alone."""

from game.agents.base import Agent, make_agent, parse_agents
from game.agents.greedy import GreedyAgent
from game.agents.historical import HistoricalAgent
from game.agents.random_agent import RandomAgent

AGENTS = ("random", "historical", "greedy")
"""Names accepted by `make_agent` and by the CLI's `--agents`."""

__all__ = [
    "AGENTS",
    "Agent",
    "GreedyAgent",
    "HistoricalAgent",
    "RandomAgent",
    "make_agent",
    "parse_agents",
]
