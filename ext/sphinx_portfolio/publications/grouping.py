"""How a ``{publications}`` list is grouped, and how ``{publication-metrics}`` counts years.

By year, an entry goes under the year it states (``year``, else biblatex's ``date``). The
year a new-style arXiv id suggests places an undated entry in the newest-first order, but it
is no fact to print as a heading: undated entries come after every dated group, under
:data:`~sphinx_portfolio.bib.kinds.UNDATED`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from pybtex.database import Entry

from ..bib import Grouping, entry_year, group_items
from ..bib.kinds import UNDATED

T = TypeVar("T")

#: The fields in which an entry states its year.
_DATE_FIELDS = ("year", "date")


def stated_year(entry: Entry) -> int | None:
    """The year ``entry`` states, never one guessed from its arXiv id."""
    # entry_year reads the date fields and, failing them, the arXiv id: given only the
    # former, it reads them as everywhere else and guesses nothing.
    dates = {name: entry.fields[name] for name in _DATE_FIELDS if name in entry.fields}
    return entry_year(Entry(entry.type, fields=dates))


def group_entries(items: Sequence[T], entry_of: Callable[[T], Entry],
                  grouping: Grouping) -> list[tuple[str, list[T]]]:
    """``items`` under headings, each group in the order given: years newest first and the
    undated last, or kinds in CV order (:func:`~sphinx_portfolio.bib.kinds.group_items`)."""
    if grouping != "year":
        return group_items(items, entry_of, grouping)
    dated = [item for item in items if stated_year(entry_of(item)) is not None]
    undated = [item for item in items if stated_year(entry_of(item)) is None]
    groups = group_items(dated, entry_of, "year")
    return [*groups, (UNDATED, undated)] if undated else groups


def count_by_year(entries: Sequence[Entry]) -> list[tuple[str, int]]:
    """(heading, number of entries) in the order :func:`group_entries` lists the years."""
    return [(heading, len(members))
            for heading, members in group_entries(entries, _same, "year")]


def _same(entry: Entry) -> Entry:
    return entry
