"""What the learning environments share: spaces, rewards, seeds, and the info each step gives.

Every environment reads one `Game` through `game.env.encoding`; this module holds the small parts
that are the same for PettingZoo, the parallel wrapper and Gymnasium, so each states them once.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
from gymnasium import spaces

from game.core.errors import IllegalActionError
from game.core.game import Game
from game.core.state import OVER, State
from game.env.encoding import Layout, layouts
from game.env.fallback import fallback
from game.scenario.loader import load_game

RENDER_MODES: Final = ("ansi", "human")
"""`ansi`: render() returns one line of text (the date, who acts, the scores); `human` prints it."""

Reward = Literal["final", "shaped"]
REWARDS: Final = ("final", "shaped")
"""`final`: each side's final score, once, when the game ends; `shaped`: each step, the change
in each side's score since the step before (they add up to the final score less the score at
the start)."""


Objective = Literal["score", "persona"]
OBJECTIVES: Final = ("score", "persona")
"""What the rewards count: `score`, the side's score (`Game.score`, the scenario's scoring);
`persona`, what its government made of the game (`Persona.value`: its aims, less its red lines
and what waiting cost it — what the `persona` agents maximise; on the same scale)."""


def game_of(scenario: str | Game, variant: str | None) -> Game:
    """Returns the game of a scenario id (or path) and variant, or the Game given."""
    if isinstance(scenario, Game):
        if variant is not None:
            raise ValueError("give either a Game or a scenario with its variant, not both")
        return scenario
    return load_game(scenario, variant)


def one_of(option: str, value: str, allowed: tuple[str, ...]) -> Any:
    """Returns an option's value if it is one of `allowed`; ValueError names it otherwise."""
    if value not in allowed:
        raise ValueError(f"{option}={value!r}: use one of {', '.join(allowed)}")
    return value


def observation_space(layout: Layout, actions: int) -> spaces.Dict:
    """The classic PettingZoo form: the vector, and the mask over the action index space."""
    return spaces.Dict(
        {
            "observation": spaces.Box(0.0, 1.0, (layout.size,), np.float32),
            "action_mask": spaces.Box(0, 1, (actions,), np.int8),
        }
    )


@dataclass(frozen=True, slots=True)
class Options:
    """An environment's options, checked: every environment takes the same."""

    game: Game
    reward: Reward
    value: Callable[[State, int], float]
    """The objective: a side's value of a state (its score, or its persona's value)."""
    illegal: Illegal
    illegal_penalty: float
    render_mode: str | None

    @classmethod
    def of(
        cls,
        scenario: str | Game,
        *,
        variant: str | None = None,
        reward: str = "final",
        objective: str = "score",
        illegal: str = "pass",
        illegal_penalty: float = 0.0,
        render_mode: str | None = None,
        render_modes: tuple[str, ...] = RENDER_MODES,
    ) -> Options:
        """Returns the options; ValueError names one that is wrong."""
        if render_mode is not None and render_mode not in render_modes:
            known = ", ".join(repr(m) for m in render_modes) or "none"
            raise ValueError(f"render_mode={render_mode!r}: use None or {known}")
        game = game_of(scenario, variant)
        return cls(
            game,
            one_of("reward", reward, REWARDS),
            valuer(game, one_of("objective", objective, OBJECTIVES)),
            one_of("illegal", illegal, ILLEGAL),
            float(illegal_penalty),
            render_mode,
        )


@dataclass(frozen=True, slots=True)
class Sides:
    """The PettingZoo environments' agents (the faction ids) and their spaces."""

    ids: list[str]
    layouts: tuple[Layout, ...]
    observation_spaces: dict[str, spaces.Dict]
    action_spaces: dict[str, spaces.Discrete]

    @classmethod
    def of(cls, game: Game) -> Sides:
        every = layouts(game)
        size = game.action_space.size
        ids = [f.id for f in game.rules.factions]
        return cls(
            ids,
            every,
            {i: observation_space(every[f], size) for f, i in enumerate(ids)},
            {i: spaces.Discrete(size) for i in ids},
        )


def valuer(game: Game, objective: Objective) -> Callable[[State, int], float]:
    """Returns a side's value of a state under an objective; ValueError names a side without
    a persona."""
    if objective == "score":
        return game.score
    rules = game.rules
    personas = [rules.persona(f.index) for f in rules.factions]
    missing = [f.id for f, p in zip(rules.factions, personas, strict=True) if p is None]
    if missing:
        raise ValueError(f"objective='persona': {', '.join(missing)} has no persona")
    values = [p.value for p in personas if p is not None]
    return lambda state, faction: values[faction](rules, state)


class Rewards:
    """The sides' rewards step by step, under the options' objective and timing: `final` gives
    each side its value once the game is over (and reads no value before), `shaped` the change
    in its value since the last step."""

    def __init__(self, options: Options, sides: Sequence[int]) -> None:
        self._value, self._shaped, self._sides = options.value, options.reward == "shaped", sides
        self._last: dict[int, float] = {}

    def start(self, state: State) -> None:
        """Begins a game at `state`."""
        if self._shaped:
            self._last = {f: self._value(state, f) for f in self._sides}

    def at(self, state: State) -> dict[int, float]:
        """Returns each side's reward for the step that reached `state`."""
        if self._shaped:
            now = {f: self._value(state, f) for f in self._sides}
            out = {f: now[f] - self._last[f] for f in self._sides}
            self._last = now
            return out
        over = state.phase == OVER
        return {f: self._value(state, f) if over else 0.0 for f in self._sides}


def ending(game: Game, state: State) -> tuple[bool, bool]:
    """Returns (terminated, truncated): a game over at its calendar's end (the scenario's time
    limit) is truncated, over any other way terminated."""
    if state.phase != OVER:
        return False, False
    cut = state.outcome == game.rules.time_limit_rule
    return not cut, cut


class Seeds:
    """The seeds of successive games: `reset(seed=s)` plays the engine's game of seed s (the
    game `record --seed s` plays); a reset without a seed plays the next seed of a sequence
    that the last explicit seed (0 if none) fixes, so runs repeat exactly."""

    def __init__(self) -> None:
        self._seq = random.Random(0)

    def next(self, seed: int | None) -> int:
        if seed is not None:
            self._seq = random.Random(seed)
            return int(seed)
        return self._seq.getrandbits(31)


class SideInfo(dict[str, Any]):
    """A step's info for one side: `turn`, then `date` and `observation` — the side's
    `Observation` — made only when read (`info["observation"]`, `.get`, `in`, or any view of the
    whole dict), since most training loops never read them and the observation costs about as
    much as a step."""

    __slots__ = ("_faction", "_game", "_state")

    LAZY: Final = ("date", "observation")

    def __init__(self, game: Game, state: State, faction: int) -> None:
        super().__init__(turn=state.turn)
        self._game, self._state, self._faction = game, state, faction

    def __missing__(self, key: str) -> Any:
        if key == "observation":
            value: Any = self._game.observe(self._state, self._faction)
        elif key == "date":
            value = self._game.rules.date(self._state.turn).isoformat()
        else:
            raise KeyError(key)
        self[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return key in SideInfo.LAZY or dict.__contains__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default  # noqa: SIM401 — dict.get skips __missing__

    def full(self) -> SideInfo:
        """Returns itself with its lazy entries made (every whole-dict view calls it first)."""
        for key in SideInfo.LAZY:
            if not dict.__contains__(self, key):
                self.__missing__(key)
        return self

    def keys(self) -> Any:
        return dict.keys(self.full())

    def items(self) -> Any:
        return dict.items(self.full())

    def values(self) -> Any:
        return dict.values(self.full())

    def __iter__(self) -> Any:
        return dict.__iter__(self.full())

    def __len__(self) -> int:
        return dict.__len__(self.full())

    def __repr__(self) -> str:
        return dict.__repr__(self.full())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SideInfo):
            other.full()
        return dict.__eq__(self.full(), other)

    def __copy__(self) -> SideInfo:
        twin = SideInfo(self._game, self._state, self._faction)
        dict.update(twin, dict.items(self))
        return twin

    def __deepcopy__(self, memo: dict[int, Any]) -> SideInfo:
        """A copy that shares the game and the state (immutable values: training libraries
        deep-copy every step's infos, and copying the rules would cost seconds)."""
        twin = SideInfo(self._game, self._state, self._faction)
        for key, value in dict.items(self):
            dict.__setitem__(twin, key, copy.deepcopy(value, memo))
        return twin

    def __reduce__(self) -> tuple[type[dict[str, Any]], tuple[dict[str, Any]]]:
        """Pickled (sent to another process) as a plain dict, its observation made."""
        return dict, (dict(self.items()),)

    __hash__ = None


Illegal = Literal["pass", "raise"]
ILLEGAL: Final = ("pass", "raise")
"""What an action outside the mask does: `pass` plays the side's fallback move instead — its
`end` in the orders phase, the first option of an event it must answer — and names the refused
action in that side's info (`info["illegal"]`), less `illegal_penalty` on its reward; `raise`
raises `IllegalActionError` naming it and why."""


def refused(game: Game, index: int, why: str) -> str:
    """Returns how an info names a refused action: its index, its notation and why."""
    space = game.action_space
    name = game.notation(space.action(index)) if 0 <= index < space.size else "no such action"
    return f"{index} ({name}): {why}"


def play_index(
    game: Game, state: State, faction: int, action: int | None, illegal: Illegal
) -> tuple[State, str]:
    """Returns the state after a side plays the action of an index, and "" — or, for an action
    outside its mask under `illegal="pass"`, the state after its fallback move and what was
    refused (`refused`); under `raise`, IllegalActionError names it and why. A legal action
    costs nothing more than `Game.apply`, which checks it."""
    space = game.action_space
    index = -1 if action is None else int(action)
    if 0 <= index < space.size:
        move = space.action(index)
        if move.faction == faction:
            try:
                return game.apply(state, move), ""
            except IllegalActionError as error:
                why = str(error).partition(": ")[2]
        else:
            why = "it is another side's action"
    elif action is None:
        why = "None is only the move of a side whose game is over"
    else:
        why = f"the actions are numbered 0 to {space.size - 1}"
    if illegal == "raise":
        side = game.rules.factions[faction].id
        raise IllegalActionError(f"{side}: {refused(game, index, why)}")
    return game.apply(state, fallback(game, state, faction)), refused(game, index, why)


def shown(mode: str | None, line: str) -> str | None:
    """Returns a rendered line (`ansi`), or prints it and returns None (`human`)."""
    if mode == "human":
        print(line)
        return None
    return line
