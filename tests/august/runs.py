"""Seeded batches of August 1945 games played by the historical agents, cached per session.

Each game is reduced to what the tests read: its end, outcome class, dates and a few tracks of
the final state (read from the state, not from the outcome class, so that the tests check the
scenario's own classification independently).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from game import Game, State, load_game
from game.agents import make_agent
from game.agents.base import make_agents
from game.sim.batch import game_seed
from game.sim.calibration import verdicts
from game.sim.play import agent_rng, play

SCENARIO = "august-1945"
REPO = Path(__file__).resolve().parents[2]
SCENARIO_FILE = REPO / "scenarios" / "august_1945.yaml"
VARIANT_DIR = REPO / "scenarios" / "variants" / "august_1945"
NEVER = dt.date(1945, 9, 6)
"""Stands for "no acceptance by 5 September" when dates are compared or a median is taken."""

YALTA_AND_MANCHURIA = (
    "manchuria_west",
    "manchuria_north",
    "manchuria_east",
    "manchuria_central",
    "south_sakhalin",
    "kurils_north",
    "kurils_central",
    "kurils_south",
)
USSR, JAPAN = 0, 1


@dataclass(frozen=True)
class Result:
    """One finished game, as the tests see it."""

    seed: int
    end: str
    outcome: str
    first_date: dt.date
    end_date: dt.date
    war: dt.date | None
    offer: dt.date | None
    accepted: dt.date | None
    controllers: dict[str, int]
    tracks: dict[str, int]
    distance: float
    checks: dict[str, bool]
    """The scenario's `calibration:` checks, check id → held (`game.sim.calibration`)."""

    @property
    def near_by_section(self) -> bool:
        """True if every check of the scenario's calibration section holds."""
        return all(self.checks.values())

    @property
    def acceptance(self) -> dt.date:
        return self.accepted or NEVER


def _date(game: Game, value: int) -> dt.date | None:
    return game.rules.date(value) if value >= 0 else None


@functools.cache
def historical_runs(variant: str | None, games: int) -> tuple[Result, ...]:
    """Plays `games` games with every faction historical (the seeds `simulate --seed 11` uses)."""
    game = load_game(SCENARIO, variant)
    rules = game.rules
    out = []
    for index in range(games):
        seed = game_seed(11, index)
        agents = {f.index: make_agent("historical", game, f.index) for f in rules.factions}
        _, state = play(game, agents, seed)
        outcome = game.outcome(state)
        assert outcome is not None
        tracks = {t.id: state.tracks[t.index] for t in rules.tracks}
        out.append(
            Result(
                seed=seed,
                end=outcome.reason,
                outcome=outcome.outcome_class,
                first_date=rules.calendar[0],
                end_date=rules.date(state.turn),
                war=_date(game, tracks["war_turn"]),
                offer=_date(game, tracks["offer_turn"]),
                accepted=_date(game, tracks["accepted_turn"]),
                controllers={k[4:]: v for k, v in tracks.items() if k.startswith("ctl_")},
                tracks=tracks,
                distance=game.distance(state),
                checks=verdicts(rules, state, outcome),
            )
        )
    return tuple(out)


def near_history(result: Result) -> bool:
    """The tests' own reading of "near history" (the oracle that the scenario's calibration
    section must agree with, `Result.near_by_section`): Japan accepts Potsdam between 10 and 18
    August, the Soviet attack comes on 8–9 August, Manchuria, southern Sakhalin and all the
    Kurils are Soviet by 5 September, and no Soviet soldier is on Hokkaido."""
    return (
        result.accepted is not None
        and dt.date(1945, 8, 10) <= result.accepted <= dt.date(1945, 8, 18)
        and result.war is not None
        and dt.date(1945, 8, 8) <= result.war <= dt.date(1945, 8, 9)
        and all(result.controllers[r] == USSR for r in YALTA_AND_MANCHURIA)
        and result.controllers["hokkaido"] == JAPAN
        and result.end_date <= dt.date(1945, 9, 5)
    )


def median_acceptance(runs: tuple[Result, ...]) -> dt.date:
    """The median date of Japan's acceptance (games with none count as after 5 September)."""
    dates = sorted(r.acceptance for r in runs)
    return dates[(len(dates) - 1) // 2]


def share(runs: tuple[Result, ...], outcome: str) -> float:
    return sum(r.outcome == outcome for r in runs) / len(runs)


def historical_until(game: Game, seed: int, date: dt.date) -> State:
    """The game of the historical script (every side), played to the first turn on `date`."""
    agents = make_agents(game, {f.id: "historical" for f in game.rules.factions})
    rngs = {f.index: agent_rng(seed, f.id) for f in game.rules.factions}
    state = game.initial_state(seed)
    while game.rules.date(state.turn) < date:
        faction = game.to_act(state)
        legal = game.legal_actions(state, faction)
        state = game.apply(
            state, agents[faction].act(game.observe(state, faction), legal, rngs[faction])
        )
    return state
