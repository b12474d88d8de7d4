"""The compile steps of named parameters and debates, part of the compiler
(`game.scenario.compiler`): each parameter gets its value — its own, or the chosen school's — so
that effects naming it compile to plain numbers, and each debate becomes a `Debate` record for
people. Each fault is recorded at its location in the data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.debates import Debate, School
from game.scenario import schema as s

Loc = tuple[int | str, ...]

__all__ = ["DebateCompiler"]


class DebateCompiler:
    """The compiler's steps for `parameters:` and `debates:` (a base class of the compiler)."""

    spec: s.ScenarioSpec

    if TYPE_CHECKING:

        def fail(self, loc: Loc, message: str) -> None: ...

    def parameter_values(self) -> tuple[dict[str, int], tuple[Debate, ...]]:
        """Returns parameter id → value (a debated parameter takes its chosen school's value)
        and the debates as records; faults for what does not fit together."""
        spec = self.spec
        params: dict[str, int] = {}
        known: dict[str, int] = {}
        for i, p in enumerate(spec.parameters):
            if p.id in known:
                self.fail(("parameters", i, "id"), f"duplicate id {p.id!r}")
            known.setdefault(p.id, i)
        debated: dict[str, str] = {}
        debates: list[Debate] = []
        seen: set[str] = set()
        for i, d in enumerate(spec.debates):
            loc: Loc = ("debates", i)
            if d.id in seen:
                self.fail((*loc, "id"), f"duplicate id {d.id!r}")
            seen.add(d.id)
            for j, pid in enumerate(d.parameters):
                if pid not in known:
                    names = ", ".join(known) or "none"
                    self.fail(
                        (*loc, "parameters", j),
                        f"unknown parameter {pid!r} (the file's parameters: {names})",
                    )
                elif pid in debated:
                    self.fail(
                        (*loc, "parameters", j),
                        f"parameter {pid!r} is already set by the debate {debated[pid]!r}",
                    )
                else:
                    debated[pid] = d.id
            record = self._debate(i, d, known)
            if record is not None:
                debates.append(record)
                params.update(record.school.values)
        for i, p in enumerate(spec.parameters):
            loc = ("parameters", i, "value")
            if p.id in debated and p.value is not None:
                self.fail(
                    loc,
                    f"parameter {p.id!r} is set by the debate {debated[p.id]!r}: give its "
                    "value in each of the debate's schools, not here",
                )
            elif p.id not in debated:
                if p.value is None:
                    self.fail(loc, f"parameter {p.id!r} needs a value (or a debate that sets it)")
                params[p.id] = p.value if p.value is not None else 0
        ordered = {p.id: params[p.id] for p in spec.parameters if p.id in params}
        return ordered, tuple(debates)

    def _debate(self, i: int, d: s.DebateSpec, known: dict[str, int]) -> Debate | None:
        """Returns a debate's record, its schools checked: distinct ids, each with a value for
        every parameter of the debate and no other, the chosen school among them."""
        loc: Loc = ("debates", i)
        ids: dict[str, int] = {}
        schools: list[School] = []
        for k, school in enumerate(d.schools):
            where: Loc = (*loc, "schools", k)
            if school.id in ids:
                self.fail((*where, "id"), f"duplicate school id {school.id!r}")
            ids.setdefault(school.id, k)
            for pid in school.values:
                if pid not in d.parameters:
                    self.fail(
                        (*where, "values", pid),
                        f"{pid!r} is not a parameter of the debate {d.id!r} "
                        f"(its parameters: {', '.join(d.parameters)})",
                    )
            missing = [pid for pid in d.parameters if pid not in school.values]
            if missing:
                self.fail(
                    (*where, "values"),
                    f"the school {school.id!r} gives no value for {', '.join(map(repr, missing))}",
                )
            values = tuple((pid, school.values.get(pid, 0)) for pid in d.parameters)
            schools.append(School(school.id, school.name, school.argument, school.cite, values))
        if d.school not in ids:
            self.fail(
                (*loc, "school"),
                f"unknown school {d.school!r} (the debate's schools: {', '.join(ids)})",
            )
            return None
        names = {p.id: p.name for p in self.spec.parameters}
        parameters = tuple((pid, names.get(pid, pid)) for pid in d.parameters if pid in known)
        return Debate(d.id, d.question, parameters, tuple(schools), ids[d.school])
