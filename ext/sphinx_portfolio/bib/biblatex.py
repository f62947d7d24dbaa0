"""Map biblatex entries onto classic BibTeX: entry types, fields, dates and `type` keys.

Pure Python on top of pybtex: nothing here imports Sphinx. :func:`normalize_entry`
only adds BibTeX fields (the biblatex originals stay), so running it twice is harmless;
:func:`normalized_copy` is how the rest of the package normalises without touching the
entries it was given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType

from pybtex.database import Entry
from pybtex.database.input.bibtex import month_names

from ..data.words import N_
from .links import arxiv_id, arxiv_year_month

__all__ = [
    "BIBTEX_TYPES", "TYPE_LABELS", "entry_year", "month_number", "normalize_entry",
    "normalized_copy", "stated_year",
]

#: The entry types of classic BibTeX; anything else is mapped onto one of these.
BIBTEX_TYPES: frozenset[str] = frozenset(
    {
        "article",
        "book",
        "booklet",
        "inbook",
        "incollection",
        "inproceedings",
        "manual",
        "mastersthesis",
        "misc",
        "phdthesis",
        "proceedings",
        "techreport",
        "unpublished",
    }
)

# biblatex types with a close BibTeX counterpart; the rest (@dataset, @software, @patent,
# @set, ...) become @misc, which the portfolio style renders from whatever fields exist.
_TYPE_COUNTERPARTS: dict[str, str] = {
    "online": "misc",
    "electronic": "misc",
    "www": "misc",
    "report": "techreport",
    "conference": "inproceedings",
    "mvbook": "book",
    "bookinbook": "inbook",
    "suppbook": "inbook",
    "collection": "book",
    "mvcollection": "book",
    "reference": "book",
    "mvreference": "book",
    "inreference": "incollection",
    "suppcollection": "incollection",
    "mvproceedings": "proceedings",
}

#: biblatex's localisation keys for the `type` field, and the words they stand for. The keys
#: include BibTeX's thesis and report types, so these are also the words for those types.
TYPE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "phdthesis": N_("PhD thesis"),
        "mathesis": N_("Master's thesis"),
        "mastersthesis": N_("Master's thesis"),
        "candthesis": N_("Candidate thesis"),
        "techreport": N_("Technical report"),
        "resreport": N_("Research report"),
    }
)

# (biblatex field, BibTeX field): copied only when the BibTeX field is absent.
_FIELD_COUNTERPARTS: tuple[tuple[str, str], ...] = (
    ("journaltitle", "journal"),
    ("location", "address"),
    ("eprinttype", "archiveprefix"),
    ("eventtitle", "booktitle"),
    ("maintitle", "booktitle"),
)

# pybtex's month macros ("jan" -> "January"), in calendar order: the one month table.
_MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(month_names)
_MONTH_NAMES: tuple[str, ...] = tuple(month_names.values())

# ISO 8601 as biblatex writes it: YYYY, YYYY-MM or YYYY-MM-DD, optionally the start of a range.
_DATE = re.compile(r"\s*(?P<year>\d{4})(?:-(?P<month>\d{2}))?(?:-\d{2})?\s*(?:/.*)?")
_YEAR_IN_TEXT = re.compile(r"\b(\d{4})\b")


def normalize_entry(entry: Entry) -> list[str]:
    """Give a biblatex entry its BibTeX fields and type, in place.

    Returns one short note per change (e.g. ``"date -> year"``), empty when the entry
    already was plain BibTeX.
    """
    steps: tuple[Callable[[Entry], list[str]], ...] = (
        _copy_field_counterparts,
        _split_date,
        _map_type,
        _translate_type_field,
        _share_institution_and_school,
    )
    return [note for step in steps for note in step(entry)]


def stated_year(entry: Entry) -> int | None:
    """The year ``entry`` states: ``year``, else biblatex's ``date``; never a guess."""
    year_match = _YEAR_IN_TEXT.search(entry.fields.get("year", ""))
    if year_match:
        return int(year_match.group(1))
    date_match = _DATE.fullmatch(entry.fields.get("date", ""))
    if date_match:
        return int(date_match.group("year"))
    return None


def entry_year(entry: Entry) -> int | None:
    """The year to order by: the :func:`stated_year`, else a new-style arXiv id's.

    The arXiv fallback is for ordering only; the style never prints a year it guessed.
    """
    year = stated_year(entry)
    if year is not None:
        return year
    arxiv_date = arxiv_year_month(arxiv_id(entry))
    return arxiv_date[0] if arxiv_date else None


def month_number(month: str) -> int:
    """1-12 for a ``month`` field that names a month ("March", "mar", "Mar."), else 0."""
    abbreviation = month.strip().lower()[:3]
    if abbreviation not in _MONTH_ABBREVIATIONS:
        return 0
    return _MONTH_ABBREVIATIONS.index(abbreviation) + 1


def normalized_copy(entry: Entry) -> Entry:
    """A normalised copy of ``entry`` (same key and persons); ``entry`` itself stays as it is."""
    # The copy gets its own fields: normalize_entry adds to them, and the caller's entry
    # (often one of the bibliography's own) must not change.
    copy = Entry(entry.original_type, fields=dict(entry.fields), persons=entry.persons)
    copy.key = entry.key
    normalize_entry(copy)
    return copy


def _copy_field_counterparts(entry: Entry) -> list[str]:
    notes = []
    for source, target in _FIELD_COUNTERPARTS:
        if source in entry.fields and target not in entry.fields:
            entry.fields[target] = entry.fields[source]
            notes.append(f"{source} -> {target}")
    return notes


def _split_date(entry: Entry) -> list[str]:
    match = _DATE.fullmatch(entry.fields.get("date", ""))
    if match is None or "year" in entry.fields:
        return []
    entry.fields["year"] = match.group("year")
    month = int(match.group("month") or 0)
    if 1 <= month <= 12 and "month" not in entry.fields:
        entry.fields["month"] = _MONTH_NAMES[month - 1]
        return ["date -> year, month"]
    return ["date -> year"]


def _map_type(entry: Entry) -> list[str]:
    old_type = entry.type
    if old_type == "thesis":
        entry.type = _thesis_type(entry.fields.get("type", ""))
    elif old_type not in BIBTEX_TYPES:
        entry.type = _TYPE_COUNTERPARTS.get(old_type, "misc")
    return [] if entry.type == old_type else [f"@{old_type} -> @{entry.type}"]


def _thesis_type(type_field: str) -> str:
    label = TYPE_LABELS.get(type_field.strip().lower(), type_field).lower()
    is_masters = "master" in label or re.search(r"\bm\.?\s?sc?\b", label) is not None
    return "mastersthesis" if is_masters else "phdthesis"


def _translate_type_field(entry: Entry) -> list[str]:
    # "mathesis" is a biblatex key, not text: show the words it stands for.
    key = entry.fields.get("type", "").strip().lower()
    if key not in TYPE_LABELS:
        return []
    entry.fields["type"] = TYPE_LABELS[key]
    return [f"type {key} -> {entry.fields['type']}"]


def _share_institution_and_school(entry: Entry) -> list[str]:
    # biblatex uses `institution` for theses and reports alike; BibTeX wants `school` there.
    wanted = {"phdthesis": "school", "mastersthesis": "school", "techreport": "institution"}
    target = wanted.get(entry.type)
    if target is None or target in entry.fields:
        return []
    source = "institution" if target == "school" else "school"
    if source not in entry.fields:
        return []
    entry.fields[target] = entry.fields[source]
    return [f"{source} -> {target}"]
