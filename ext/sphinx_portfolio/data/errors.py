"""Located problems in data files, and the catalogue of warning subtypes.

Nothing here imports Sphinx: the Sphinx side turns a :class:`Problem` into one
logger warning with ``type="portfolio"``, ``subtype=problem.subtype`` and
``location=problem.location``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: Every subtype a data problem can carry, with what it means (documented in the README).
SUBTYPES: dict[str, str] = {
    "file": "a data file that does not exist or cannot be read",
    "yaml": "YAML that does not parse (syntax error, tab indentation)",
    "empty": "a data file with no entries",
    "toplevel": "a data file whose top level is not the expected list or mapping",
    "entry": "an entry that is not a mapping",
    "unknown-key": "a key the schema does not know (usually a typo)",
    "missing": "a required field is absent",
    "type": "a field has the wrong type or format",
    "date": "an impossible date or a range that ends before it starts",
    "duplicate-id": "two entries share one id",
    "ref": "a cross-reference to an id or BibTeX key that does not exist",
    "url": "a link with a scheme other than http(s) or mailto",
    "option": "a directive option that is unknown or has a bad value",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, at one place."""

    path: Path
    line: int  # 1-based; 0 when the whole file is concerned
    subtype: str
    message: str
    hint: str = ""

    @property
    def location(self) -> str:
        # Always 'path:line' (line 1 for the whole file): tools and Sphinx parse that form.
        return f"{self.path}:{self.line or 1}"

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DataError(Exception):
    """Raised by loaders when a file cannot give any entries at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint, or '' when nothing is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
