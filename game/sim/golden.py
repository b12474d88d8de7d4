"""Golden playthroughs: each faction's observation, turn by turn, as reviewable text."""

from __future__ import annotations

from game.core.game import Game
from game.core.observation import Observation
from game.core.state import State
from game.sim.record import GameRecord

GOLDEN_SEEDS = (1, 2, 3)
"""Seeds of the golden files kept in tests/golden (historical vs random agents)."""
GOLDEN_AGENTS = "historical"


def _describe(game: Game, obs: Observation, seen: int) -> list[str]:
    name = game.rules.factions[obs.faction].id
    tracks = " ".join(f"{k}={v}" for k, v in obs.tracks)
    lines = [f"  [{name}] score={obs.score:.2f} {tracks}"]
    lines.extend(f"  [{name}] log: {entry.text}" for entry in obs.log[seen:])
    return lines


def golden_text(game: Game, record: GameRecord) -> str:
    """Returns the golden text of a record: at each new turn (and at the end), every faction's
    visible tracks, score and the new chronicle lines it may see."""
    out = [f"# {record.scenario} variant={record.variant} seed={record.seed}"]
    seen = [0] * len(game.rules.factions)
    state: State = game.initial_state(record.seed)

    def snapshot(st: State) -> None:
        out.append(f"turn {st.turn} {game.rules.date(st.turn).isoformat()}")
        for f in range(len(game.rules.factions)):
            obs = game.observe(st, f)
            out.extend(_describe(game, obs, seen[f]))
            seen[f] = len(obs.log)

    snapshot(state)
    for text in record.actions:
        before = state.turn
        state = game.apply(state, game.parse_action(text))
        out.append(f"  > {text}")
        if state.turn != before or game.is_terminal(state):
            snapshot(state)
    outcome = game.outcome(state)
    if outcome is not None:
        out.append(f"end: {outcome.reason} class={outcome.outcome_class} scores={outcome.scores}")
    return "\n".join(out) + "\n"
