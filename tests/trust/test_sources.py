"""Issue 11: the file you give is the file that runs (a teacher's edited copy of a scenario)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.scenario.loader import scenario_path

AGENTS = "ussr=historical,japan=historical"


def edited_copy(folder: Path, *, new_id: str | None = None) -> Path:
    """Returns a copy of the railway sale in which each side gives one order a turn, not three."""
    text = scenario_path("railway-sale").read_text(encoding="utf-8")
    assert "\nid: railway-sale\n" in text
    if new_id is not None:
        text = text.replace("\nid: railway-sale\n", f"\nid: {new_id}\n")
    text = text.replace("title: The Railway Sale", "title: The Railway Sale (edited)")
    path = folder / "my_railway.yaml"
    path.write_text(text.replace("max_orders: 3", "max_orders: 1"), encoding="utf-8")
    return path


CALM = (
    "variant: calm_army\nscenario: railway-sale\ntitle: A calm army\n"
    "question: What if the army had no say?\n"
    "changes:\n  - {set: tracks.army_influence.initial, value: 0}\n"
)


def simulate(args: list[str], out: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(
        cli, ["simulate", *args, "--games", "6", "--seed", "3", "--agents", AGENTS,
              "--workers", "2", "--no-progress", "--out", str(out)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_simulate_runs_the_file_given_not_the_installed_scenario(tmp_path: Path) -> None:
    """Regression: `simulate --scenario FILE` ran the installed scenario with FILE's id."""
    assert "max_orders: 3" in scenario_path("railway-sale").read_text(encoding="utf-8")
    copy = edited_copy(tmp_path)
    installed = simulate(["--scenario", "railway-sale"], tmp_path / "a.jsonl")
    edited = simulate(["--scenario", str(copy)], tmp_path / "b.jsonl")
    assert [r["state_hash"] for r in edited] != [r["state_hash"] for r in installed]
    single = simulate(["--scenario", str(copy), "--workers", "1"], tmp_path / "c.jsonl")
    assert single == edited  # the same file, whatever the worker count


def test_simulate_runs_a_file_with_a_new_id(tmp_path: Path) -> None:
    """Regression: a scenario file with an id no installed scenario has crashed `simulate`."""
    copy = edited_copy(tmp_path, new_id="my-railway")
    rows = simulate(["--scenario", str(copy)], tmp_path / "d.jsonl")
    assert {r["scenario"] for r in rows} == {"my-railway"}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_variant_file_runs_in_every_worker(tmp_path: Path, workers: str) -> None:
    variant = tmp_path / "calm.yaml"
    variant.write_text(
        "variant: calm_army\nscenario: railway-sale\ntitle: A calm army\n"
        "question: What if the army had no say?\n"
        "changes:\n  - {set: tracks.army_influence.initial, value: 0}\n",
        encoding="utf-8",
    )
    rows = simulate(
        ["--scenario", "railway-sale", "--variant", str(variant), "--workers", workers],
        tmp_path / "e.jsonl",
    )
    assert {r["variant"] for r in rows} == {"calm_army"}


def test_a_save_from_a_file_replays_only_from_that_file(tmp_path: Path) -> None:
    """Regression: saves recorded from a scenario or variant file could not be replayed; now
    they record the file and its SHA-256, and replay refuses another file."""
    copy = edited_copy(tmp_path)
    save = tmp_path / "game.json"
    made = CliRunner().invoke(
        cli, ["record", "--scenario", str(copy), "--agents", AGENTS, "--seed", "4",
              "--out", str(save)]
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    source = json.loads(save.read_text(encoding="utf-8"))["source"]
    assert source["scenario_file"] == str(copy.resolve())
    assert len(source["scenario_sha256"]) == 64
    plain = CliRunner().invoke(cli, ["replay", str(save)])
    assert plain.exit_code == 1
    assert "give it again" in plain.output
    given = CliRunner().invoke(cli, ["replay", str(save), "--scenario", str(copy)])
    assert given.exit_code == 0, given.output
    installed = scenario_path("railway-sale")
    other = CliRunner().invoke(cli, ["replay", str(save), "--scenario", str(installed)])
    assert other.exit_code == 1
    assert "SHA-256 differs" in other.output
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = CliRunner().invoke(cli, ["replay", str(save), "--scenario", str(copy)])
    assert edited.exit_code == 1
    assert "SHA-256 differs" in edited.output


def test_the_window_opens_a_save_from_its_file_only_while_it_is_unchanged(tmp_path: Path) -> None:
    """Regression: the window refused every save played from a scenario file; now it opens the
    game from the file the save names, and says which file is missing or changed."""
    from game.sim.record import RecordError
    from game.ui.session import Session

    copy = edited_copy(tmp_path)
    save = tmp_path / "game.json"
    made = CliRunner().invoke(
        cli, ["record", "--scenario", str(copy), "--agents", AGENTS, "--out", str(save)]
    )
    assert made.exit_code == 0, made.output
    session = Session.load(save)
    assert session.rules.max_orders == 1  # the file's rules, not the installed scenario's
    assert session.is_over()
    session.close()
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(RecordError, match="has changed since the game was played") as changed:
        Session.load(save)
    assert f"scenario file {copy.resolve()}" in str(changed.value)
    copy.unlink()
    with pytest.raises(RecordError, match="which is missing") as missing:
        Session.load(save)
    assert f"scenario file {copy.resolve()}" in str(missing.value)


def test_the_window_opens_a_save_played_with_a_variant_file(tmp_path: Path) -> None:
    from game.sim.record import RecordError
    from game.ui.session import Session

    variant = tmp_path / "calm.yaml"
    variant.write_text(CALM, encoding="utf-8")
    save = tmp_path / "game.json"
    made = CliRunner().invoke(
        cli, ["record", "--variant", str(variant), "--agents", AGENTS, "--out", str(save)]
    )
    assert made.exit_code == 0, made.output
    session = Session.load(save)
    assert session.rules.variant == "calm_army"
    session.close()
    variant.write_text(CALM.replace("value: 0", "value: 1"), encoding="utf-8")
    with pytest.raises(RecordError, match=r"variant file .*calm\.yaml, which has changed"):
        Session.load(save)


def test_a_save_naming_a_file_that_is_not_yaml_is_not_read(tmp_path: Path) -> None:
    """A shared save cannot make the window read any file it names: only .yaml/.yml files,
    through the reading gate, and only the one whose SHA-256 it records."""
    from game.sim.record import RecordError
    from game.ui.session import Session

    copy = edited_copy(tmp_path)
    save = tmp_path / "game.json"
    made = CliRunner().invoke(
        cli, ["record", "--scenario", str(copy), "--agents", AGENTS, "--out", str(save)]
    )
    assert made.exit_code == 0, made.output
    data = json.loads(save.read_text(encoding="utf-8"))
    secret = tmp_path / "secret.txt"
    secret.write_text("not a scenario", encoding="utf-8")
    data["source"]["scenario_file"] = str(secret)
    save.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RecordError, match=r"cannot be read \(not a \.yaml or \.yml file\)"):
        Session.load(save)


def test_play_with_a_broken_scenario_file_is_a_clean_error_before_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    monkeypatch.setattr("game.ui.app.run", lambda *a, **k: opened.append((a, k)))
    text = edited_copy(tmp_path).read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("max_orders: 1", "max_orders: many"), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "max_orders: 1" in row)
    result = CliRunner().invoke(cli, ["play", "--scenario", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:{line}: max_orders" in result.output
    assert "Traceback" not in result.output
    variant = tmp_path / "calm.yaml"
    variant.write_text(CALM.replace("army_influence", "army_mood"), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["play", "--scenario", "railway-sale", "--variant", str(variant)]
    )
    assert result.exit_code == 1
    assert f"{variant}:" in result.output
    assert "army_mood" in result.output
    result = CliRunner().invoke(cli, ["play", "--variant", str(variant)])
    assert result.exit_code == 1
    assert "--variant needs --scenario" in result.output
    assert opened == []  # no window was opened


def test_play_opens_the_setup_screen_of_a_file_over_the_menu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pygame

    from game.ui.app import App

    monkeypatch.setenv("AMUR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("AMUR_DATA_DIR", str(tmp_path / "data"))
    copy = edited_copy(tmp_path)
    variant = tmp_path / "calm.yaml"
    variant.write_text(CALM, encoding="utf-8")
    seen: list[object] = []

    def run(app: App, max_frames: int = 0) -> None:
        app.step()
        seen.append([scene.name for scene in app.stack])
        seen.append(app.top.describe())
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0))
        app.step()
        seen.append([scene.name for scene in app.stack])
        app.close()

    monkeypatch.setattr(App, "run", run)
    result = CliRunner().invoke(cli, ["play", "--scenario", str(copy), "--variant", str(variant)])
    assert result.exit_code == 0, result.output
    stack, described, back = seen
    assert stack == ["menu", "setup"]
    assert isinstance(described, dict)
    assert described["title"] == "The Railway Sale (edited)"
    assert described["file"] == str(copy.resolve())
    assert described["variant"] == str(variant.resolve())
    assert back == ["menu"]


def test_a_window_game_from_a_file_names_it_in_every_save(tmp_path: Path) -> None:
    """The loader keeps which rules came from which file in a bounded memo; a game in the
    window keeps its own, so a long session that opened many files still saves the source."""
    from game.scenario import loader
    from game.ui.catalog import game_of
    from game.ui.session import Session

    copy = edited_copy(tmp_path)
    session = Session(game_of(str(copy)), 3, {})
    loader._SOURCES.clear()  # as after 256 other files were opened in one window
    source = session.record().source
    assert source is not None
    assert source.scenario_file == str(copy.resolve())
    session.close()
