"""The contested thesis as a parameter: Hasegawa's weighting (the scenario's) against the
traditional view that the bombs were decisive (the variant `bombs_decisive`).

Hasegawa holds that the Soviet entry weighed more than the two bombs combined [003 ¶57]; other
historians give the bombs the greater weight (FACTS §5.3 D13). The debate `entry_or_bombs` sets
the sizes of both shocks; played with history's choices, the peace party's jump on the day of
the first bomb and on the day of the Soviet declaration must rank the two shocks each school's
way.
"""

from __future__ import annotations

import functools
import statistics
from pathlib import Path

import pytest
import yaml

from game import load_game
from game.agents import make_agent
from game.cli import main
from game.sim.batch import game_seed
from game.sim.play import agent_rng
from tests.august.runs import SCENARIO, VARIANT_DIR, historical_runs, median_acceptance

GAMES = 12
SEEDS = 40
OTHER_SCHOOL = {"set": "debates.entry_or_bombs.school", "value": "bombs_decisive"}


@functools.cache
def jumps(variant: str | None) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Returns the peace party's change on the action that dropped the first bomb and on the one
    that declared war, over `GAMES` games with every side historical (each only where the other
    did not come with it)."""
    game = load_game(SCENARIO, variant)
    rules = game.rules
    peace, bombs, war = (rules.track_index(t) for t in ("peace", "bombs_used", "at_war"))
    on_bomb: list[int] = []
    on_entry: list[int] = []
    for index in range(GAMES):
        seed = game_seed(11, index)
        agents = {f.index: make_agent("historical", game, f.index) for f in rules.factions}
        rngs = {f.index: agent_rng(seed, f.id) for f in rules.factions}
        state = game.initial_state(seed)
        while not game.is_terminal(state):
            faction = game.to_act(state)
            legal = game.legal_actions(state, faction)
            action = agents[faction].act(game.observe(state, faction), legal, rngs[faction])
            after = game.apply(state, action)
            first_bomb = state.tracks[bombs] == 0 < after.tracks[bombs]
            entry = state.tracks[war] == 0 < after.tracks[war]
            change = after.tracks[peace] - state.tracks[peace]
            if first_bomb and not entry:
                on_bomb.append(change)
            elif entry and not first_bomb:
                on_entry.append(change)
            state = after
    return tuple(on_bomb), tuple(on_entry)


def test_hasegawas_school_makes_the_entry_the_bigger_shock() -> None:
    on_bomb, on_entry = jumps(None)
    assert len(on_bomb) >= GAMES // 2
    assert len(on_entry) >= GAMES // 2
    assert statistics.mean(on_entry) > statistics.mean(on_bomb) + 5, (on_bomb, on_entry)


def test_the_traditional_school_makes_the_bomb_the_bigger_shock() -> None:
    on_bomb, on_entry = jumps("bombs_decisive")
    assert len(on_bomb) >= GAMES // 2
    assert len(on_entry) >= GAMES // 2
    assert statistics.mean(on_bomb) > statistics.mean(on_entry) + 2, (on_bomb, on_entry)


def test_the_two_schools_play_different_games() -> None:
    """Same seeds, same choices: the peace party moves differently at both shocks."""
    hasegawa, traditional = jumps(None), jumps("bombs_decisive")
    assert statistics.mean(traditional[0]) > statistics.mean(hasegawa[0])
    assert statistics.mean(traditional[1]) < statistics.mean(hasegawa[1])


def _with_other_school(name: str, folder: Path) -> str:
    """Writes variant `name` with the traditional school's values too; returns its path."""
    data = yaml.safe_load((VARIANT_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    data["variant"] = f"{name}_bombs_decisive"
    data["changes"].append(OTHER_SCHOOL)
    path = folder / f"{name}_bombs_decisive.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_the_other_school_reverses_the_counterfactuals(tmp_path: Path) -> None:
    """Under Hasegawa's weights, Japan gives up later without the Soviet entry than without
    the bombs (`test_variants`); under the traditional view's, the other way round — a teacher
    can write either pair of variants, one change each."""
    no_bomb = median_acceptance(
        historical_runs(_with_other_school("no_atomic_bomb", tmp_path), SEEDS)
    )
    no_entry = median_acceptance(
        historical_runs(_with_other_school("no_soviet_entry", tmp_path), SEEDS)
    )
    assert no_entry < no_bomb, (no_entry, no_bomb)


def test_record_and_replay_name_the_school(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI's report of a game says which school it followed and what the other argues."""
    save = tmp_path / "game.json"
    sides = "ussr=historical,japan=historical,usa=historical"
    args = ["record", "--scenario", SCENARIO, "--variant", "bombs_decisive", "--agents", sides]
    assert main([*args, "--out", str(save)]) == 0
    recorded = " ".join(capsys.readouterr().out.split())
    assert main(["replay", str(save)]) == 0
    replayed = " ".join(capsys.readouterr().out.split())
    for out in (recorded, replayed):
        assert "This game follows The bombs decisive (the traditional view)" in out
        assert "Soviet entry decisive (Hasegawa) would argue" in out
