"""A mutation fuzzer over the shipped scenario files: the hostile edits people and tools make.

Each input is a shipped scenario's text with a few random mutations: lines deleted, duplicated
or swapped; characters dropped or repeated; and values replaced by what broke loaders before
(impossible dates, huge or non-finite numbers, tags, merge keys, anchors, control characters,
markup, long texts, deep nesting). `load_text` must either load the result or raise the
project's own `ScenarioError`; anything else is a bug. Used by `test_mutation_fuzz.py` (a few
thousand inputs in CI) and `bench/fuzz.py` (tens of thousands, figures in the README).
"""

from __future__ import annotations

import random
from pathlib import Path

from game.scenario.loader import build, scenario_path
from game.scenario.yamlfile import parse_yaml

NASTY = (
    "1933-02-30", "2000-13-01", "9" * 5000, "-" + "9" * 40, ".nan", "-.inf", "1.0e+999",
    "!!int '5'", "!!float x", "!!python/object:os.system ls", "&a x", "*a", "<<: {x: 1}",
    "\x00", "\x07", "\x1b[31m", "[/]", "[bold]x[/bold", "'" * 3, '"', "{", "}", "[", "]",
    "x" * 5000, "y" * 75, "z" * 63,
    "{all: [" + ", ".join(["{track: tension, gte: 0}"] * 300) + "]}",
    "{not: " * 200 + "{track: tension, gte: 0}" + "}" * 200, "~", "null", "[]", "{}", "-1",
    "0", "1e3", "true", "2147483648", "é", "\ufeff", "\u202e", "0x7f", "0o17", "1_000",
)  # fmt: skip
"""Values that broke loaders, or could."""


def mutate(text: str, rng: random.Random, rounds: int = 3) -> str:
    """Returns `text` with `rounds` random mutations."""
    lines = text.split("\n")
    for _ in range(rounds):
        i = rng.randrange(len(lines))
        roll = rng.random()
        if roll < 0.15:
            del lines[i]
        elif roll < 0.25:
            lines.insert(i, lines[i])
        elif roll < 0.35:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif roll < 0.45 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + lines[i][k + 1 :]
        elif roll < 0.5 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + lines[i][k] * rng.randint(2, 50) + lines[i][k:]
        else:  # replace the value after a key, or a list item, with a nasty one
            line = lines[i]
            cut = line.find(": ")
            nasty = rng.choice(NASTY)
            if cut >= 0:
                lines[i] = line[: cut + 2] + nasty
            else:
                lines[i] = line + " " + nasty
    return "\n".join(lines)


def load_text(text: str, name: str = "fuzzed.yaml") -> None:
    """Loads scenario text the way the program loads a file (after the bytes are read)."""
    data, node = parse_yaml(text, name)
    if isinstance(data, dict):
        build(data, name, node)


def shipped(scenario: str) -> str:
    return scenario_path(scenario).read_text(encoding="utf-8")


def source_files() -> list[Path]:
    return [scenario_path(s) for s in ("railway-sale", "fishery-auctions", "august-1945")]
