"""Issue 11's figures in bench/RESULTS.md: copied faithfully from the soak and fuzz reports and
the kill test, and kept when `make bench` rewrites the file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tests.trust import test_kill

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _run_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_results_carry_the_soak_and_fuzz_tables_as_recorded() -> None:
    results = (BENCH / "RESULTS.md").read_text(encoding="utf-8")
    for name in ("SOAK_RESULTS.md", "FUZZ_RESULTS.md"):
        rows = [r for r in (BENCH / name).read_text(encoding="utf-8").splitlines() if "|" in r]
        assert len(rows) >= 4, name
        for row in rows:
            assert row in results, f"{name}: {row}"


def test_the_results_describe_the_kill_test_as_it_is() -> None:
    results = (BENCH / "RESULTS.md").read_text(encoding="utf-8")
    scenario = test_kill.ARGS[test_kill.ARGS.index("--scenario") + 1]
    seed = test_kill.ARGS[test_kill.ARGS.index("--seed") + 1]
    assert f"simulate --scenario {scenario} --games {test_kill.GAMES} --seed {seed}" in results


def test_a_new_benchmark_run_keeps_the_trust_section(tmp_path: Path) -> None:
    run = _run_module()
    old = tmp_path / "RESULTS.md"
    old.write_text("# old figures\n\n| a | 1 |\n\n## Trust: copied\n\nkept\n", encoding="utf-8")
    assert run.kept_section(old) == "\n## Trust: copied\n\nkept\n"
    old.write_text("# old figures\n", encoding="utf-8")
    assert run.kept_section(old) == ""
    assert run.kept_section(tmp_path / "none.md") == ""
    section = run.kept_section(BENCH / "RESULTS.md")
    assert section.startswith("\n## Trust: soak, fuzz and kill runs")
