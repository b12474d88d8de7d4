"""Agents: programs that pick one faction's actions from its observation alone."""

from game.agents.base import AGENTS, Agent, AgentKind, make_agent, make_agents, parse_agents
from game.agents.greedy import GreedyAgent
from game.agents.historical import HistoricalAgent
from game.agents.random_agent import RandomAgent

__all__ = [
    "AGENTS",
    "Agent",
    "AgentKind",
    "GreedyAgent",
    "HistoricalAgent",
    "RandomAgent",
    "make_agent",
    "make_agents",
    "parse_agents",
]
