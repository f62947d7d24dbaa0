"""What kind of publication an entry is, and how lists of them are grouped and counted.

Pure Python on top of pybtex: nothing here imports Sphinx.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias, TypeVar

from pybtex.database import Entry

from ..data.words import N_
from .biblatex import entry_year, normalized_copy
from .names import OwnerMatcher, equal_contribution_positions

__all__ = [
    "GROUPINGS",
    "KIND_HEADINGS",
    "Grouping",
    "group_items",
    "h_index",
    "publication_kind",
    "publication_metrics",
]

Grouping: TypeAlias = Literal["year", "type", "none"]
GROUPINGS: tuple[Grouping, ...] = ("year", "type", "none")
UNDATED = N_("Undated")

#: Kinds of publication, in the order a CV lists them, with their group headings.
KIND_HEADINGS: dict[str, str] = {
    "conference": N_("Conference papers"),
    "journal": N_("Journal articles"),
    "preprint": N_("Preprints"),
    "book": N_("Books and chapters"),
    "thesis": N_("Theses"),
    "other": N_("Other"),
}
_BOOKISH = frozenset({"book", "inbook", "incollection", "proceedings"})
_PREPRINT_SERVERS = ("arxiv", "corr", "biorxiv", "medrxiv", "ssrn")
# Fields that say where a @misc appeared; one without any of them is a manuscript.
_PUBLISHED_IN = ("howpublished", "publisher", "organization", "institution", "journal",
                 "booktitle", "url")
# Where exporters name the server of a @misc preprint: arXiv's own DataCite export has
# `publisher = {arXiv}` and an arXiv DOI, others `howpublished = {arXiv:2405.16002}`.
_SERVER_NAMED_IN = ("howpublished", "publisher", "journal", "url", "doi", "note",
                    "archiveprefix", "eprinttype")

T = TypeVar("T")


def publication_kind(entry: Entry) -> str:
    """One of the keys of :data:`KIND_HEADINGS`; biblatex types count as their BibTeX kin.

    An arXiv-only paper, an article in arXiv/CoRR, a @misc that names a preprint server
    and a @misc that names no venue or publisher (a manuscript) are preprints.
    """
    normalized = normalized_copy(entry)
    kind = normalized.type
    fields = {name.lower(): value for name, value in normalized.fields.items()}
    if kind == "inproceedings":
        return "conference"
    if kind == "article":
        journal = fields.get("journal", "").lower()
        on_server = any(server in journal for server in _PREPRINT_SERVERS)
        return "preprint" if on_server or (not journal and "eprint" in fields) else "journal"
    if kind in _BOOKISH:
        return "book"
    if kind in {"phdthesis", "mastersthesis"}:
        return "thesis"
    # Only a genuine @misc/@unpublished: biblatex's @online, @software, ... are not papers.
    manuscript = "eprint" in fields or not any(name in fields for name in _PUBLISHED_IN)
    on_server = any(server in fields.get(name, "").lower()
                    for name in _SERVER_NAMED_IN for server in _PREPRINT_SERVERS)
    if entry.original_type.lower() in {"misc", "unpublished"} and (manuscript or on_server):
        return "preprint"
    return "other"


def year_heading(entry: Entry) -> str:
    """The year an entry is listed under: the one it states, else the one its new-style
    arXiv id states (2310.01082: 2023, as a CV lists a preprint), else "Undated". The
    entry itself still prints no year it does not state."""
    year = entry_year(entry)
    return str(year) if year is not None else UNDATED


def group_items(
    items: Sequence[T], entry_of: Callable[[T], Entry], grouping: Grouping
) -> list[tuple[str, list[T]]]:
    """``items`` under headings, keeping their order inside each group.

    Years come newest first with "Undated" last; kinds in :data:`KIND_HEADINGS` order.
    """
    if grouping == "none":
        return [("", list(items))] if items else []
    groups: dict[str, list[T]] = {}
    for item in items:
        entry = entry_of(item)
        key = year_heading(entry) if grouping == "year" else publication_kind(entry)
        groups.setdefault(key, []).append(item)
    if grouping == "year":
        order = sorted(groups, key=lambda year: -int(year) if year != UNDATED else 1)
        return [(year, groups[year]) for year in order]
    return [(KIND_HEADINGS[kind], groups[kind]) for kind in KIND_HEADINGS if kind in groups]


@dataclass(frozen=True)
class Metrics:
    total: int
    by_year: list[tuple[str, int]]  # newest first, "Undated" last
    by_kind: list[tuple[str, int]]  # heading, count; in CV order
    first_author: int  # papers whose first author is the owner
    shared_first: int  # of those, first place shared by equal contribution


def publication_metrics(entries: Iterable[Entry], owner: OwnerMatcher) -> Metrics:
    """Counts a CV can state from the bibliography alone (no citation counts)."""
    listed = list(entries)
    by_year = [(year, len(items)) for year, items in group_items(listed, _same, "year")]
    kinds = Counter(publication_kind(entry) for entry in listed)
    first = 0
    shared_first = 0
    for entry in listed:
        authors = entry.persons.get("author", [])
        equal = equal_contribution_positions(entry)
        owner_first = bool(authors) and owner.matches(authors[0])
        owner_equal = any(owner.matches(authors[i]) for i in equal) and 0 in equal
        first += owner_first or owner_equal
        shared_first += owner_equal
    return Metrics(
        total=len(listed),
        by_year=by_year,
        by_kind=[(heading, kinds[kind]) for kind, heading in KIND_HEADINGS.items() if kinds[kind]],
        first_author=first,
        shared_first=shared_first,
    )


def _same(entry: Entry) -> Entry:
    return entry


def h_index(counts: Iterable[int]) -> int:
    """The largest h such that h papers have at least h citations each."""
    ranked = sorted(counts, reverse=True)
    return sum(1 for rank, count in enumerate(ranked, start=1) if count >= rank)
