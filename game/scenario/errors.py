"""Errors about scenario, variant and save files, naming file, line and field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        return self.text()

    def text(self, *, kind: str = "") -> str:
        """Returns `file:line: field: message`; a `kind` ("warning") follows the location, as
        compilers write it (`file:line: warning: field: message`)."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        if kind:
            where = f"{where}: {kind}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ScenarioError(ValueError):
    """A scenario, variant or save file that cannot be used; `problems` lists each fault."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[list[Problem]]]:
        # Rebuilt from its problems, not from its text: an error raised in a batch worker
        # process reaches the parent whole, not as one problem per character.
        return (type(self), (self.problems,))
