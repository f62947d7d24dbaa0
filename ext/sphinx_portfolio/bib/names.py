"""People in an entry: who is the portfolio's owner, how a name reads, who contributed equally.

Pure Python on top of pybtex: nothing here imports Sphinx. Names are compared by their
folded words (:func:`.latex.fold_words`), so case, accents and LaTeX escapes do not matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pybtex.database import Entry, Person
from pybtex.richtext import Text

from .latex import clean_latex, fold_words, latex_to_text

__all__ = [
    "EQUAL_CONTRIBUTION_MARK", "OwnerMatcher", "annotation_problems",
    "equal_contribution_positions", "format_person", "has_equal_contribution", "is_others",
    "without_titles",
]

#: What follows the name of each equal contributor in a publication list.
EQUAL_CONTRIBUTION_MARK = "*"
#: biblatex data annotations (``author+an = {1=equal; 2=equal}``) read as equal contribution.
EQUAL_ANNOTATIONS: frozenset[str] = frozenset({"equal", "equalcontrib", "equal-contribution"})

# One item of a biblatex name annotation: "2=equal" or "2:family=equal,corresponding".
_ANNOTATION_ITEM = re.compile(r"\s*(?P<position>\d+)(?::[^=]*)?=(?P<values>.*)", re.S)
# No author list reaches a million names; and Python refuses int() of over 4,300 digits.
_MAX_POSITION_DIGITS = 6


@dataclass(frozen=True)
class _NameKey:
    family: str
    given: str  # the first given name, folded; "" when the name has none
    given_is_initial: bool

    def matches(self, other: _NameKey) -> bool:
        if self.family != other.family:
            return False
        if not self.given or not other.given:
            return True
        if self.given_is_initial or other.given_is_initial:
            return self.given[0] == other.given[0]
        return self.given == other.given


def _name_key(person: Person) -> _NameKey:
    given_names = [*person.first_names, *person.middle_names]
    first_given = clean_latex(given_names[0]) if given_names else ""
    chunks = [chunk for chunk in re.split(r"[\s.\-]+", first_given) if chunk]
    return _NameKey(
        family="".join(fold_words(clean_latex(" ".join(person.last_names)))),
        given="".join(fold_words(first_given)),
        given_is_initial=bool(chunks) and all(len(chunk) == 1 for chunk in chunks),
    )


#: Titles before a name and degrees after it, as profiles and CVs write them ("Dr. Zhen Wei",
#: "Prof. Ada Lovelace", "Ada Lovelace, PhD"): no paper's author list has them.
_TITLE = re.compile(r"^(?:(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?\s+)+", re.IGNORECASE)
_DEGREE = r"(?:ph\.?\s?d|d\.?\s?phil)\.?"  # no one's family name: a comma is not needed
_DEGREES = re.compile(
    rf"(?:\s+{_DEGREE}|,\s*(?:{_DEGREE}|m\.?\s?d|m\.?\s?sc|b\.?\s?sc|m\.?\s?a|b\.?\s?a|mba|frs)\.?)+$",
    re.IGNORECASE)


def without_titles(name: str) -> str:
    """``name`` as an author list would write it: "Dr. Zhen Wei, PhD" -> "Zhen Wei"."""
    bare = _DEGREES.sub("", _TITLE.sub("", name.strip())).strip(" ,")
    return bare or name.strip()


class OwnerMatcher:
    """Tells whether a person is the portfolio's owner under any of their name forms.

    "Ada Lovelace", "Lovelace, Ada", "A. Lovelace" and "Lovelace, A." all match each other;
    case, accents and LaTeX escapes do not matter, nor a title or degree in the profile's
    name ("Dr. Ada Lovelace, PhD").
    """

    def __init__(self, aliases: Iterable[str]) -> None:
        self._keys = tuple(_name_key(Person(without_titles(alias)))
                           for alias in aliases if alias.strip())

    def matches(self, person: Person) -> bool:
        if is_others(person):
            return False
        key = _name_key(person)
        return any(alias.matches(key) for alias in self._keys)


def is_others(person: Person) -> bool:
    """Whether ``person`` is BibTeX's "and others", which parses as a person named "others"."""
    return str(person).strip() == "others"


def format_person(person: Person) -> Text:
    """ "First Middle von Last, Jr" as Unicode rich text."""
    names = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    text = latex_to_text(" ".join(names))
    if person.lineage_names:
        return Text(text, ", ", latex_to_text(" ".join(person.lineage_names)))
    return text


def equal_contribution_positions(entry: Entry) -> frozenset[int]:
    """0-based author positions annotated ``equal`` in the biblatex field ``author+an``."""
    author_count = len(entry.persons.get("author", []))
    positions = set()
    for position, values in _annotations(entry):
        if values & EQUAL_ANNOTATIONS:
            positions.add(position - 1)
    return frozenset(position for position in positions if 0 <= position < author_count)


def annotation_problems(entry: Entry) -> list[str]:
    """What is wrong with the positions in ``author+an`` (one line each; [] when nothing):
    a position that is no author of the entry is ignored, so the reader says so."""
    author_count = len(entry.persons.get("author", []))
    problems = []
    for item in entry.fields.get("author+an", "").split(";"):
        match = _ANNOTATION_ITEM.fullmatch(item)
        if match is None:
            continue
        digits = match["position"].lstrip("0") or "0"
        if len(digits) > _MAX_POSITION_DIGITS or not 1 <= int(digits) <= author_count:
            shown = digits if len(digits) <= 12 else f"{digits[:8]}... ({len(digits):,} digits)"
            problems.append(f"position {shown} is not one of the {author_count} authors")
    return problems


def _annotations(entry: Entry) -> list[tuple[int, set[str]]]:
    """(1-based position, lower-case values) of each readable item of ``author+an``."""
    found = []
    for item in entry.fields.get("author+an", "").split(";"):
        match = _ANNOTATION_ITEM.fullmatch(item)
        if match is None or len(match["position"].lstrip("0")) > _MAX_POSITION_DIGITS:
            continue
        values = {value.strip().strip('"').strip().lower() for value in match["values"].split(",")}
        found.append((int(match["position"]), values))
    return found


def has_equal_contribution(entry: Entry) -> bool:
    """Whether the entry marks equal contributors, so the page explains the mark once."""
    return bool(equal_contribution_positions(entry))
