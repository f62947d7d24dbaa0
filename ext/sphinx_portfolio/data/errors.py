"""The error a loader raises when a file gives no entries at all."""

from __future__ import annotations

from ..warnings_ import Problem

__all__ = ["DataError"]


class DataError(Exception):
    """Raised by loaders when a file cannot give any entries at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
