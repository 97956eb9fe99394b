"""The one shape every input problem is reported in: `FILE:ROW: column: what is wrong`."""

from __future__ import annotations

from dataclasses import dataclass

FILE_LEVEL = "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int  # line in the file as a spreadsheet shows it (header = 1); 0 for the whole file
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.column}: {self.message}"


class InvalidInput(Exception):
    """Raised with every problem found; nothing has been written when it is raised."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the input")
