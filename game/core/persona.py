"""Personas: what a government wanted and believed, compiled for the `persona` agent.

A persona values a state as the scenario file's `persona:` section says (README "Personas"):

    value = Σ aims (weight × track + value, where `when` holds; value, when the outcome
            class — as if the game ended now — is the aim's; or weight × the side's score)
          − Σ red lines' costs (where they hold)
          − patience × turns gone by, while what it waits for has not come about

on the scenario's score scale. Like a score, it reads only tracks its faction observes (the
compiler checks), so a side can value the states it imagines from its own view. Priors are the
start ranges its reasoning draws the values it cannot see from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.core.conditions import Pred
from game.core.rules import NO_TRACK

if TYPE_CHECKING:
    from game.core.rules import Rules
    from game.core.state import State


@dataclass(frozen=True, slots=True)
class Aim:
    label: str
    track: int
    """A track index, or NO_TRACK."""
    weight: float
    value: float
    pred: Pred
    outcome: int
    """Index of the outcome class the aim is about, or -1 (a track term)."""
    why: str
    score: float = 0.0
    """Weight of the side's own score (an aim on the score has no track, value or class)."""


@dataclass(frozen=True, slots=True)
class RedLine:
    label: str
    pred: Pred
    cost: float
    why: str


@dataclass(frozen=True, slots=True)
class Patience:
    label: str
    per_turn: float
    until: Pred
    why: str


@dataclass(frozen=True, slots=True)
class Prior:
    track: int
    lo: int
    hi: int
    why: str


@dataclass(frozen=True, slots=True)
class Persona:
    """One faction's persona, compiled."""

    faction: int
    summary: str
    aims: tuple[Aim, ...]
    red_lines: tuple[RedLine, ...] = ()
    patience: Patience | None = None
    priors: tuple[Prior, ...] = ()
    temperature: float | None = None
    uses_outcome: bool = False
    """Whether an aim reads the outcome class (then the classes are evaluated)."""
    playouts: int | None = None
    """Playouts a move at the batch level (`persona:fast`), or None for the level's."""
    lookahead: int | None = None
    """Turns its search plays ahead at most, at every level, or None for the level's."""
    guided: bool = False
    """Whether its search draws new moves from the default policy and gives its side no
    further order of the turn past its tree (`game.agents.mcts`)."""
    every_order: bool = False
    """Whether each decision of a turn weighs every order not yet given (`game.agents.mcts`)."""
    judged_deals: bool = False
    """Whether its playouts take a deal only when it is worth more to the side than none, and
    then at once (`game.agents.rollout`)."""

    def value(self, rules: Rules, state: State) -> float:
        """Returns what this government makes of `state`, on the scenario's score scale."""
        tracks, turn, fired = state.tracks, state.turn, state.fired
        cls = rules.class_index(tracks, turn, fired) if self.uses_outcome else -1
        total = 0.0
        for aim in self.aims:
            if aim.score:
                total += aim.score * rules.raw_score(self.faction, tracks, turn, fired)
            elif aim.outcome >= 0:
                if aim.outcome == cls:
                    total += aim.value
            elif aim.pred(tracks, turn, fired):
                total += aim.value + (
                    aim.weight * tracks[aim.track] if aim.track != NO_TRACK else 0
                )
        for line in self.red_lines:
            if line.pred(tracks, turn, fired):
                total -= line.cost
        patience = self.patience
        if patience is not None and not patience.until(tracks, turn, fired):
            total -= patience.per_turn * turn
        return total / rules.score_scale

    def words(self) -> list[str]:
        """Returns the persona in plain words, for the briefing: its summary, then each aim,
        red line and what waiting costs it."""
        out = [self.summary]
        out.extend(f"Wants: {a.label}." for a in self.aims)
        out.extend(f"Will not accept: {r.label}." for r in self.red_lines)
        if self.patience is not None:
            out.append(f"Waiting costs it: {self.patience.label}.")
        return out
