"""The agent protocol, and every kind of agent by name (`AGENTS`) with the factories reading it."""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Protocol

from game.agents.greedy import GreedyAgent
from game.agents.historical import HistoricalAgent
from game.agents.mcts import LEVELS, MctsAgent
from game.agents.persona import LEVELS as PERSONA_LEVELS
from game.agents.persona import PersonaAgent
from game.agents.random_agent import RandomAgent
from game.agents.reasons import Reason
from game.core.actions import Action
from game.core.game import Game
from game.core.observation import Observation


class Agent(Protocol):
    """Picks an action for one faction. It sees that faction's observation, never the state."""

    name: str

    def act(self, obs: Observation, legal: Sequence[Action], rng: random.Random) -> Action: ...


def reason_of(agent: Agent) -> Reason | None:
    """Returns the agent's account of its last choice (`Reason`), or None if it gives none."""
    return getattr(agent, "reason", None)


@dataclass(frozen=True, slots=True)
class AgentKind:
    """One kind of agent: what it does, and how to build one for a faction."""

    description: str
    """One line for players (the set-up screen's tooltip)."""
    make: Callable[[Game, int, str], Agent]
    """Returns a new agent of this kind for (game, faction index, level)."""
    levels: tuple[str, ...] = ()
    """The strengths it can play at (`mcts:hard`), the default first; () for agents with none."""
    level_notes: tuple[str, ...] = ()
    """One line per level for players (what it costs in thinking time)."""


AGENTS: Mapping[str, AgentKind] = MappingProxyType(
    {
        "persona": AgentKind(
            "Plays as this side's government: wants what it wanted, believes what it believed "
            "(the scenario's persona), and thinks a few turns ahead.",
            lambda game, faction, level: PersonaAgent(game, faction, level),
            tuple(PERSONA_LEVELS),
            (
                "normal: about a second a move",
                "fast: a quick look ahead (for batches of games)",
                "hard: up to several seconds a move",
            ),
        ),
        "mcts": AgentKind(
            "Thinks ahead: imagines many futures consistent with what it has seen, "
            "and plays the move that turns out best for its side.",
            lambda game, faction, level: MctsAgent(game, faction, level),
            tuple(LEVELS),
            (
                "normal: about a second a move",
                "easy: a quick look ahead",
                "hard: up to several seconds a move",
            ),
        ),
        "historical": AgentKind(
            "Follows what this side did in history, step by step (the dated reference script).",
            lambda game, faction, level: HistoricalAgent(game, faction),
        ),
        "greedy": AgentKind(
            "Looks one turn ahead for its own score (a baseline: it sees only its own view).",
            lambda game, faction, level: GreedyAgent(game, faction),
        ),
        "random": AgentKind("Picks any legal move.", lambda game, faction, level: RandomAgent()),
    }
)
"""Every kind of agent by name, in the order players are offered them: the names accepted by
`make_agent`, the CLI's `--agents` and the set-up screen's seats."""

DEFAULT_AI: Final = "persona"
"""The kind of agent (at its default level) the window and `record` seat at the sides that no
person (or `--agents`) names (issue 14); batches seat it at its batch level (`BATCH_AI`). Greedy
stays offered as a baseline, never as the default; `historical` is the dated reference script."""


BATCH_AI: Final = "persona:fast"
"""The default AI at the level for batches of games: what `simulate`, `calibrate` and `variants`
seat at the sides their `--agents` does not name (a 200-game run in minutes on two cores, issue
14; at its normal level a game takes about half a minute)."""


def make_agents(game: Game, names: dict[str, str]) -> dict[int, Agent]:
    """Returns a new agent per faction index, from faction id → agent name."""
    return {f.index: make_agent(names[f.id], game, f.index) for f in game.rules.factions}


EXTERNAL: Final = "py"
"""The prefix of an agent of the user's own code: `py:MODULE:FUNCTION` or
`py:MODULE:FUNCTION@ARGUMENT` seats `FUNCTION(game, faction, ARGUMENT)` (the argument "" when
none is given), which returns an `Agent` — a trained policy, say (`game.env.policy`). It is
imported where the agent is made, so every worker of a batch imports it itself."""


def external_kind(spec: str) -> AgentKind:
    """Returns the kind of an external agent `MODULE:FUNCTION[@ARGUMENT]` (what follows `py:`),
    after importing it; ValueError names what is missing."""
    target, _, argument = spec.partition("@")
    module_name, _, function_name = target.partition(":")
    if not module_name or not function_name:
        raise ValueError(
            f"{EXTERNAL}:{spec}: write {EXTERNAL}:MODULE:FUNCTION or "
            f"{EXTERNAL}:MODULE:FUNCTION@ARGUMENT (e.g. py:game.env.policy:maskable@model.zip)"
        )
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise ValueError(f"{EXTERNAL}:{spec}: cannot import {module_name!r} ({error})") from None
    factory = getattr(module, function_name, None)
    if not callable(factory):
        raise ValueError(f"{EXTERNAL}:{spec}: {module_name!r} has no function {function_name!r}")
    return AgentKind(
        f"Your own agent: {module_name}.{function_name}({argument!r}).",
        lambda game, faction, level: factory(game, faction, argument),
    )


def split_agent(name: str) -> tuple[AgentKind, str]:
    """Returns the kind and level of an agent name (`mcts`, `mcts:hard`): the kind's default
    level when none is given, "" for kinds without levels. ValueError names what is wrong.
    An external agent (`py:…`, `EXTERNAL`) is imported here; its level is its whole spec."""
    base, _, level = name.partition(":")
    if base == EXTERNAL:
        return external_kind(level), level
    kind = AGENTS.get(base)
    if kind is None:
        raise ValueError(
            f"unknown agent {base!r} (known: {', '.join(AGENTS)}, or {EXTERNAL}:MODULE:FUNCTION)"
        )
    if not kind.levels:
        if level:
            raise ValueError(f"agent {base!r} has no levels (write {base!r} alone)")
        return kind, ""
    if not level:
        return kind, kind.levels[0]
    if level not in kind.levels:
        raise ValueError(
            f"unknown level {level!r} of agent {base!r} (known: {', '.join(kind.levels)})"
        )
    return kind, level


def agent_names() -> list[str]:
    """Returns every agent name accepted anywhere: each kind, then each kind:level."""
    out = list(AGENTS)
    for name, kind in AGENTS.items():
        out.extend(f"{name}:{level}" for level in kind.levels)
    return out


def make_agent(name: str, game: Game, faction: int) -> Agent:
    """Returns a new agent of the named kind (`greedy`, `mcts:hard`) for `faction`;
    ValueError lists the known kinds or levels."""
    kind, level = split_agent(name)
    return kind.make(game, faction, level)


def parse_agents(game: Game, text: str, default: str = DEFAULT_AI) -> dict[str, str]:
    """Returns faction id → agent name from `ussr=historical,japan=random`; `all=NAME` seats
    NAME at every faction the text does not name, wherever it stands in the text
    (`japan=historical,all=persona` and `all=persona,japan=historical` are the same).

    Factions not named get `default`; ValueError names an unknown faction or agent, a part
    that is not `faction=agent`, and a faction (or all=) given twice.
    """
    known = [f.id for f in game.rules.factions]
    named: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        if "=" not in part:
            raise ValueError(f"{part!r}: write faction=agent, e.g. {known[0]}=historical")
        faction, agent = (x.strip() for x in part.split("=", 1))
        if faction != "all" and faction not in known:
            raise ValueError(f"unknown faction {faction!r} (known: {', '.join(known)}, or all)")
        if faction in named:
            raise ValueError(f"{part!r}: {faction}= is given twice")
        split_agent(agent)
        named[faction] = agent
    every = named.pop("all", default)
    return {f: named.get(f, every) for f in known}
