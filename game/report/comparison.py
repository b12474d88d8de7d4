"""What a comparison report holds: a scenario as in history and its variants, played on the same
seeds with the same agents, summarised run by run and compared seed by seed.

Built from the games' result lines (`game.sim.batch.play_one`) once they are played; the
statistics are `game.sim.summary`'s (shares with Wilson intervals, medians with their
distribution-free intervals) and `game.sim.counterfactual`'s (a variant's headline figures,
paired t intervals), so the report says what `simulate` and `variants` say of the same games.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.core.rules import Rules
from game.report.assumptions import Assumption, named_assumptions, touched_assumptions
from game.scenario.changes import change_lines
from game.scenario.loader import read_scenario, read_variant
from game.scenario.schema import VariantSpec
from game.sim.counterfactual import compare
from game.sim.stats import paired_diff
from game.sim.summary import summarise

HISTORY = "history"
"""The key of the run of the scenario as in history (the baseline)."""


@dataclass(frozen=True, slots=True)
class Run:
    """One run: the scenario as in history, or one variant, and its games' results."""

    key: str
    """`history`, or the variant's id."""
    title: str
    rules: Rules
    results: Sequence[dict[str, Any]]
    summary: dict[str, Any]
    """`game.sim.summary.summarise` of the results."""


@dataclass(frozen=True, slots=True)
class VariantText:
    """What a variant asks and changes, in words: the report's section on it."""

    id: str
    title: str
    question: str
    sources_view: str
    cite: str
    changes: list[str]
    expects: list[dict[str, str]]
    """Each headline figure: label, direction, why, cite, and `unset_why` where it has one."""
    assumptions: list[Assumption]
    """The assumptions in the parts of the scenario its changes touch."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything a comparison report shows, computed once (`build`)."""

    scenario: str
    title: str
    games: int
    seed: int
    agents: dict[str, str]
    command: str
    runs: list[Run]
    variants: list[VariantText]
    headlines: list[dict[str, Any]]
    """`game.sim.counterfactual.compare` rows, each with its `variant`."""
    figure_diffs: list[dict[str, Any]]
    """Per variant and key figure: the paired difference over the games where both runs set it."""
    outcome_diffs: list[dict[str, Any]]
    """Per variant and outcome class: the paired difference of its share."""
    model: list[Assumption] = field(default_factory=list)
    """The scenario's named assumptions (`assumption:` fields)."""
    history_figures: dict[str, Any] = field(default_factory=dict)

    @property
    def base(self) -> Run:
        """Returns the run of the scenario as in history."""
        return self.runs[0]


def build(
    scenario_file: Path,
    variant_files: Sequence[Path],
    rules: Sequence[Rules],
    runs: Sequence[Sequence[dict[str, Any]]],
    *,
    agents: dict[str, str],
    seed: int,
    command: str,
) -> Comparison:
    """Returns the comparison of runs played on the same seeds: `rules` and `runs` hold the
    scenario as in history first, then each variant of `variant_files` in order."""
    if len(rules) != len(variant_files) + 1 or len(runs) != len(rules):
        raise ValueError("one run and one set of rules for history and for each variant")
    seeds = [r["seed"] for r in runs[0]]
    for other in runs[1:]:
        if [r["seed"] for r in other] != seeds:
            raise ValueError("the runs were not played on the same seeds")
    data, node = read_scenario(scenario_file)
    lines = scenario_file.read_text(encoding="utf-8").splitlines()
    specs = [read_variant(p)[0] for p in variant_files]
    built = [Run(HISTORY, "As in history", rules[0], runs[0], summarise(list(runs[0]), rules[0]))]
    for spec, r, games in zip(specs, rules[1:], runs[1:], strict=True):
        built.append(Run(spec.variant, spec.title, r, games, summarise(list(games), r)))
    texts = [_variant_text(spec, data, node, lines) for spec in specs]
    headlines = []
    for run in built[1:]:
        for expect in run.rules.expectations:
            headlines.append({"variant": run.key} | compare(expect, runs[0], run.results))
    return Comparison(
        scenario=rules[0].id,
        title=rules[0].title,
        games=len(seeds),
        seed=seed,
        agents=dict(agents),
        command=command,
        runs=built,
        variants=texts,
        headlines=headlines,
        figure_diffs=[d for run in built[1:] for d in figure_diffs(built[0], run)],
        outcome_diffs=[d for run in built[1:] for d in outcome_diffs(built[0], run)],
        model=named_assumptions(data, node),
        history_figures=dict(rules[0].baseline.figures),
    )


def _variant_text(
    spec: VariantSpec, data: dict[str, Any], node: Any, lines: list[str]
) -> VariantText:
    expects = []
    for e in spec.expect:
        entry = {"label": e.label, "direction": e.direction, "why": e.why, "cite": e.cite}
        if e.unset_why:
            entry["unset_why"] = e.unset_why
        expects.append(entry)
    return VariantText(
        id=spec.variant,
        title=spec.title,
        question=" ".join(spec.question.split()),
        sources_view=" ".join(spec.sources_view.split()),
        cite=spec.cite,
        changes=change_lines(spec, data),
        expects=expects,
        assumptions=touched_assumptions(spec.changes, data, node, lines),
    )


def number(value: Any, kind: str) -> float | None:
    """Returns a figure's value as a number: a date as its day's ordinal, None if unset."""
    if value is None:
        return None
    if kind == "date":
        return float(dt.date.fromisoformat(value).toordinal())
    return float(value)


def figure_diffs(base: Run, run: Run) -> list[dict[str, Any]]:
    """Returns, for each key figure set in both runs of at least one seed, the mean of variant
    minus history over those seeds (days for a date) with its paired t interval."""
    out = []
    for fig in base.rules.figures:
        kind = fig.kind
        pairs = [
            (number(v["figures"].get(fig.id), kind), number(b["figures"].get(fig.id), kind))
            for b, v in zip(base.results, run.results, strict=True)
        ]
        kept = [(a, b) for a, b in pairs if a is not None and b is not None]
        entry: dict[str, Any] = {"variant": run.key, "figure": fig.id, "label": fig.label}
        entry |= {"kind": kind, "n": len(kept), "diff": None, "low": None, "high": None}
        if kept:
            diff = paired_diff([a for a, _ in kept], [b for _, b in kept]).diff
            entry |= {"diff": diff.value, "low": diff.low, "high": diff.high}
        entry["set_history"] = sum(b is not None for _, b in pairs)
        entry["set_variant"] = sum(a is not None for a, _ in pairs)
        out.append(entry)
    return out


def outcome_diffs(base: Run, run: Run) -> list[dict[str, Any]]:
    """Returns, for each outcome class either run reached, the paired difference of its share
    (variant minus history) with its t interval, kept within [-1, 1]."""
    reached = {r["outcome"] for r in (*base.results, *run.results)}
    labels = {c.id: c.label for c in base.rules.outcome_classes}
    out = []
    known = [c.id for c in base.rules.outcome_classes]
    for cls in [c for c in known if c in reached] + sorted(reached - set(known)):
        a = [float(r["outcome"] == cls) for r in run.results]
        b = [float(r["outcome"] == cls) for r in base.results]
        diff = paired_diff(a, b).diff
        low = None if diff.low is None else max(diff.low, -1.0)
        high = None if diff.high is None else min(diff.high, 1.0)
        out.append(
            {"variant": run.key, "outcome": cls, "label": labels.get(cls, cls), "kind": "share"}
            | {"n": len(a), "diff": diff.value, "low": low, "high": high}
        )
    return out
