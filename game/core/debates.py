"""Contested theses: where historians disagree, the scenario's numbers follow one school, named.

A scenario's `debates:` section asks a question (did the Soviet entry or the atomic bombs decide
Japan's surrender?), lists the schools that answer it, each with the values it gives the
scenario's named parameters, and says which school the game follows. The compiler has already
written the chosen school's values into the effects as plain numbers: these records are for
people (the briefing, the debrief, the chronicle), never read by the rules.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class School:
    """One answer to a debate's question."""

    id: str
    name: str
    argument: str
    """The school's case, in one line."""
    cite: str
    """Where the sources state it, in FACTS.md's citation format."""
    values: tuple[tuple[str, int], ...]
    """(parameter id, value) for each of the debate's parameters, in the debate's order."""


@dataclass(frozen=True, slots=True)
class Debate:
    """A contested question, its schools and the one this game follows."""

    id: str
    question: str
    parameters: tuple[tuple[str, str], ...]
    """(parameter id, its name for people) of each number the debate sets."""
    schools: tuple[School, ...]
    chosen: int
    """Index in `schools` of the school whose values the game uses."""

    @property
    def school(self) -> School:
        """Returns the school this game follows."""
        return self.schools[self.chosen]

    @property
    def others(self) -> tuple[School, ...]:
        """Returns the schools this game does not follow."""
        return tuple(s for i, s in enumerate(self.schools) if i != self.chosen)


def values_text(debate: Debate, school: School) -> str:
    """Returns a school's numbers for people: `first bomb 8, Soviet entry 10`."""
    names = dict(debate.parameters)
    return ", ".join(f"{names.get(pid, pid)} {value:+d}" for pid, value in school.values)


def debate_lines(debates: tuple[Debate, ...], *, markup: bool = False) -> list[str]:
    """Returns, for each debate, which school this game follows and what the others argue (one
    line each), for the debrief, the chronicle and the CLI. With `markup`, school names are
    bold in Markdown."""
    out: list[str] = []
    for debate in debates:
        chosen = debate.school
        name = f"**{chosen.name}**" if markup else chosen.name
        out.append(f"{debate.question} This game follows {name} ({chosen.cite}).")
        for other in debate.others:
            other_name = f"**{other.name}**" if markup else other.name
            out.append(f"{other_name} would argue: {other.argument} ({other.cite})")
    return out
