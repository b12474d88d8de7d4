"""Victory levels and the par (README "Victory levels"): the five-level scale, the par's
determinism, its dependence on the variant, its cut at a date, and the `victory:` section."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import available_scenarios, load_game
from game.agents.base import make_agents
from game.core.rules import VictoryMargins
from game.core.victory import Level, judge, level_of
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_rules
from game.sim.par import Par, live_verdict, par_of, victory
from game.sim.play import play
from tests.scenario.helpers import RAILWAY_TEXT, edit

MARGINS = VictoryMargins("points", 5, 20)
SECTION = "victory: {unit: M gold rubles, draw: 4, decisive: 12}"


@pytest.mark.parametrize(
    ("margin", "level"),
    [
        (25, Level.DECISIVE_VICTORY),
        (20, Level.DECISIVE_VICTORY),
        (19.9, Level.MARGINAL_VICTORY),
        (5, Level.MARGINAL_VICTORY),
        (4.99, Level.DRAW),
        (0, Level.DRAW),
        (-4.99, Level.DRAW),
        (-5, Level.MARGINAL_DEFEAT),
        (-19.9, Level.MARGINAL_DEFEAT),
        (-20, Level.DECISIVE_DEFEAT),
        (-300, Level.DECISIVE_DEFEAT),
    ],
)
def test_levels_are_symmetric_with_the_margins_inclusive(margin: float, level: Level) -> None:
    assert level_of(margin, MARGINS) is level
    assert level_of(-margin, MARGINS).rank == -level.rank


def test_judge_rounds_float_noise_and_writes_the_margin_for_people() -> None:
    verdict = judge(0.1 + 0.2 + 4.7, 0.0, MARGINS)  # 5.000000000000001 in floats
    assert verdict.margin == 5.0
    assert verdict.level is Level.MARGINAL_VICTORY
    assert judge(12.3, 5.3, MARGINS).margin_text("points") == "+7 points"
    assert judge(1.0, 4.5, MARGINS).margin_text() == "−3.5"
    assert judge(1.0, 4.5, MARGINS).to_dict()["level"] == "draw"


@pytest.mark.parametrize("scenario", sorted(available_scenarios()))
def test_every_scenario_gives_margins_and_its_par_is_the_all_historical_game(
    scenario: str,
) -> None:
    game = load_game(scenario)
    margins = game.rules.victory
    assert margins is not None
    assert 0 < margins.draw < margins.decisive
    par = par_of(game, 3)
    assert par == par_of(game, 3)  # same seed, same par
    agents = make_agents(game, {f.id: "historical" for f in game.rules.factions})
    _, final = play(game, agents, 3)
    assert par.final() == tuple(game.score(final, f.index) for f in game.rules.factions)
    assert par.last_turn == final.turn + 1
    # The historical path against its own par: a draw for everyone, margin 0.
    verdicts = victory(game, final, par)
    assert {v.level for v in verdicts.values()} == {Level.DRAW}
    assert all(v.margin == 0 for v in verdicts.values())


def test_the_par_follows_the_seed_and_the_variant() -> None:
    game = load_game("railway-sale")
    assert any(par_of(game, s).final() != par_of(game, 0).final() for s in range(1, 6))
    variant = load_game("railway-sale", "no_us_recognition")
    # Without US recognition the USSR's par loses its 10 M for recognition.
    assert par_of(variant, 3).final()[0] < par_of(game, 3).final()[0]


def test_the_par_at_a_date_is_its_last_point_at_or_before_it() -> None:
    par = Par(1, ((0, (1.0,)), (2, (2.0,)), (5, (9.0,))))
    assert [par.at(t)[0] for t in range(7)] == [1.0, 1.0, 2.0, 2.0, 2.0, 9.0, 9.0]
    cut = par.until(3)
    assert cut.points == ((0, (1.0,)), (2, (2.0,)))
    assert cut.at(99) == (2.0,)
    with pytest.raises(ValueError, match="cut at a date"):
        cut.final()


def test_the_live_verdict_never_reads_the_par_beyond_the_current_date() -> None:
    game = load_game("august-1945")
    state = game.initial_state(5)
    for _ in range(40):  # a few weeks into the game, every side waiting
        state = game.apply(state, game.legal_actions(state, state.to_act)[0])
    par = par_of(game, 5)
    turn = state.turn
    # Poison every later point of the par: the live verdict must not change.
    poisoned = Par(
        par.seed,
        tuple((t, s if t <= turn else (1e9,) * len(s)) for t, s in par.points),
    )
    for f in game.rules.factions:
        obs = game.observe(state, f.index)
        honest = live_verdict(game, obs, par)
        assert honest is not None
        assert live_verdict(game, obs, poisoned) == honest
        assert honest.par == par.at(turn)[f.index]
        assert honest.score == obs.score


def _broken(tmp_path: Path, new: str) -> ScenarioError:
    path = tmp_path / "broken.yaml"
    path.write_text(edit(RAILWAY_TEXT, SECTION, new), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_rules(str(path))
    return info.value


@pytest.mark.parametrize(
    ("new", "field", "message"),
    [
        ("victory: {unit: M gold rubles, draw: 12, decisive: 4}", "victory.decisive", "above draw"),
        ("victory: {unit: M gold rubles, draw: 0, decisive: 4}", "victory.draw", "greater than 0"),
        ("victory: {draw: 4, decisive: 12}", "victory.unit", "required"),
        ("victory: {unit: x, draw: 4, decisive: 12, defeat: 3}", "victory.defeat", "not permitted"),
        ("victory:\n  unit: x\n  draw: 4\n  decisive: '12'", "victory.decisive", "number"),
    ],
)
def test_a_bad_victory_section_names_file_line_and_field(
    tmp_path: Path, new: str, field: str, message: str
) -> None:
    problems = _broken(tmp_path, new).problems
    assert len(problems) == 1
    problem = problems[0]
    text = (tmp_path / "broken.yaml").read_text(encoding="utf-8").splitlines()
    key = field.rpartition(".")[2]
    assert problem.file.endswith("broken.yaml")
    assert problem.field == field
    assert message in problem.message
    assert problem.line is not None
    assert key in text[problem.line - 1] or "victory:" in text[problem.line - 1]


def test_a_scenario_without_margins_has_no_levels(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(edit(RAILWAY_TEXT, SECTION, ""), encoding="utf-8")
    game = load_game(str(path))
    assert game.rules.victory is None
    par = par_of(game, 1)
    state = game.initial_state(1)
    assert victory(game, state, par) == {}
    assert live_verdict(game, game.observe(state, 0), par) is None


def test_a_variant_may_change_the_margins(tmp_path: Path) -> None:
    variant = tmp_path / "tight.yaml"
    variant.write_text(
        "variant: tight\nscenario: railway-sale\ntitle: Tight margins\nquestion: What if?\n"
        "changes:\n  - set: victory.draw\n    value: 1\n  - set: victory.decisive\n    value: 2\n",
        encoding="utf-8",
    )
    rules = load_rules("railway-sale", str(variant))
    assert rules.victory == VictoryMargins("M gold rubles", 1, 2)
