"""Problems with an uploaded file, worded for the analyst who uploaded it."""

from __future__ import annotations

from extractors.problems import Problem


class UnreadableFile(Exception):
    """The file cannot be read; `problem` says why (its text is the one plain sentence)."""

    def __init__(self, problem: Problem):
        super().__init__(problem)
        self.problem = problem

    def __str__(self) -> str:
        return self.problem.sentence

    def __reduce__(self):
        return UnreadableFile, (self.problem,)
