"""Policies seated as agents (`py:MODULE:FUNCTION@ARG`): they play wherever the game's agents do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from game import load_game
from game.agents.base import make_agent, make_agents, split_agent
from game.cli import cli
from game.sim.play import play


def test_an_external_agent_plays_a_game() -> None:
    game = load_game("railway-sale")
    names = {"ussr": "greedy", "japan": "py:tests.env.seated:lowest@high"}
    record, state = play(game, make_agents(game, names), 3)
    again, _ = play(game, make_agents(game, names), 3)
    assert record.actions == again.actions
    assert game.is_terminal(state)
    low, _ = play(game, make_agents(game, {**names, "japan": "py:tests.env.seated:lowest"}), 3)
    assert low.actions != record.actions


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("py:tests.env.seated", "write py:MODULE:FUNCTION"),
        ("py:no.such.module:f", "cannot import 'no.such.module'"),
        ("py:tests.env.seated:nothing", "has no function 'nothing'"),
        ("py:game.env.policy:maskable", "needs the model file"),
    ],
)
def test_bad_external_agents_are_named(name: str, message: str) -> None:
    game = load_game("railway-sale")
    with pytest.raises(ValueError, match=message):
        make_agent(name, game, 1)


def test_maskable_names_a_missing_model(tmp_path: Path) -> None:
    """Checked before sb3-contrib is imported: the message is the same where it is missing."""
    name = f"py:game.env.policy:maskable@{tmp_path / 'none.zip'}"
    with pytest.raises(ValueError, match="no model file"):
        make_agent(name, load_game("railway-sale"), 1)


def test_a_tournament_seats_it_on_two_workers(tmp_path: Path) -> None:
    """Each worker imports the external agent itself."""
    out = tmp_path / "t.jsonl"
    result = CliRunner().invoke(
        cli,
        ["tournament", "--scenario", "railway-sale", "--seats", "japan",
         "--agents", "py:tests.env.seated:lowest,random", "--opponents", "greedy",
         "--games", "4", "--workers", "2", "--no-progress", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "py:tests.env.seated:lowest" in result.output
    agents = {json.loads(line)["agent"] for line in out.read_text().splitlines()}
    assert agents == {"py:tests.env.seated:lowest", "random"}
    assert split_agent("py:tests.env.seated:lowest")[1] == "tests.env.seated:lowest"
