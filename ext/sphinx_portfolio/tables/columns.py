"""Table columns for each kind of entry: how one field (or a group of fields) becomes a cell.

Cells are plain docutils nodes (paragraphs, emphasis, bullet lists), so every
builder renders them, and data text always lands in ``Text`` nodes: markup in
YAML stays inert.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from docutils import nodes

from ..data.values import Person


class Links(Protocol):
    """Cross-references a cell can make; the directive supplies them (they need Sphinx)."""

    def cite(self, keys: Sequence[str]) -> list[nodes.Node]:
        """Citations of BibTeX keys, linking to the publication list."""

    def entry(self, kind: str, entry_id: str) -> nodes.Node:
        """A link to another data entry (e.g. a project), titled as that entry."""


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # relative column width
    render: Callable[[Any, Links], list[nodes.Node]]
    dates: bool = False  # the entry's dates: one line, one column at the same x in the PDF


#: The class of a table cell holding an entry's dates.
DATES_CLASS = "portfolio-dates"


def _para(*parts: nodes.Node | str | None, classes: Sequence[str] = ()) -> nodes.paragraph:
    para = nodes.paragraph(classes=list(classes))
    for part in parts:
        if part is None or part == "":
            continue
        para += nodes.Text(part) if isinstance(part, str) else part
    return para


def _strong(text: str) -> nodes.strong:
    return nodes.strong(text, text)


def _emphasis(text: str) -> nodes.emphasis:
    return nodes.emphasis(text, text)


def _bullets(items: Sequence[str]) -> list[nodes.Node]:
    if not items:
        return []
    bullets = nodes.bullet_list(bullet="-")
    for item in items:
        bullets += nodes.list_item("", _para(item))
    return [bullets]


def kept_together(text: str) -> str:
    """``text`` with no-break spaces: a line never breaks inside an amount and its unit
    ("45,000 USD"), a person's name ("Prof. Ada Lovelace") or "City, ST"."""
    return text.replace(" ", "\N{NO-BREAK SPACE}")


_CITY_AND_STATE = re.compile(r"[^,]+, [A-Z]{2}")


def _place(location: str | None) -> str | None:
    """A "City, ST" location kept on one line; longer ones may break after their commas."""
    if location and _CITY_AND_STATE.fullmatch(location):
        return kept_together(location)
    return location


def _at(location: str | None) -> str | None:
    """", City, ST" after an institution's name."""
    return f", {_place(location)}" if location else None


def _people(people: Sequence[Person]) -> str:
    return ", ".join(kept_together(str(person)) for person in people)


def _joined(*parts: str | None, sep: str = ", ") -> str:
    return sep.join(part for part in parts if part)


def when(entry: Any) -> str:
    """'03/2020 \N{EN DASH} Present', '2024', or the academic terms."""
    if getattr(entry, "terms", None):
        return ", ".join(str(term) for term in entry.terms)
    if entry.start is None:
        return ""
    if entry.end is None or entry.end == entry.start:
        return str(entry.start)
    return f"{entry.start} \N{EN DASH} {entry.end}"


def _text_cell(text: str) -> list[nodes.Node]:
    return [_para(text)] if text else []


def _title_with_papers(title: str, keys: Sequence[str], links: Links) -> nodes.paragraph:
    para = _para(_strong(title))
    if keys:
        para += nodes.Text(" ")
        para.extend(links.cite(keys))
    return para


# -- projects -----------------------------------------------------------------------------


def _project(entry: Any, links: Links) -> list[nodes.Node]:
    cell: list[nodes.Node] = [_title_with_papers(entry.title, entry.papers, links)]
    with_line = _joined(
        f"with {_people(entry.collaborators)}" if entry.collaborators else None,
        ", ".join(entry.institutions) or None,
        sep=" · ",
    )
    if with_line:
        cell.append(_para(_emphasis(with_line)))
    return cell + _bullets(entry.notes)


PROJECT_COLUMNS = {
    "project": Column("Project", 78, _project),
    "title": Column("Project", 50, lambda e, links: [_title_with_papers(e.title, e.papers, links)]),
    "collaborators": Column("With", 30, lambda e, _: _text_cell(_people(e.collaborators))),
    "institutions": Column("Institutions", 20, lambda e, _: _text_cell(", ".join(e.institutions))),
    "notes": Column("Details", 50, lambda e, _: _bullets(e.notes)),
    "period": Column("Period", 22, lambda e, _: _text_cell(when(e)), dates=True),
}

# -- awards -------------------------------------------------------------------------------


def _award(entry: Any, links: Links) -> list[nodes.Node]:
    para = _para(_strong(entry.title))
    extras = _joined(entry.detail, kept_together(str(entry.amount)) if entry.amount else None)
    if extras:
        para += nodes.Text(f" ({extras})")
    if entry.paper:
        para += nodes.Text(" ")
        para.extend(links.cite([entry.paper]))
    if entry.project:
        para += nodes.Text(" \N{EN DASH} project: ")
        para += links.entry("project", entry.project)
    return [para]


AWARD_COLUMNS = {
    "award": Column("Award", 50, _award),
    "body": Column("Awarded by", 32,
                   lambda e, _: _text_cell(_joined(e.body, _place(e.location)))),
    "amount": Column("Amount", 14,
                     lambda e, _: _text_cell(kept_together(str(e.amount)) if e.amount else "")),
    "when": Column("Year", 18, lambda e, _: _text_cell(when(e)), dates=True),
}

# -- education and experience -------------------------------------------------------------


def _education(entry: Any, _: Links) -> list[nodes.Node]:
    cell: list[nodes.Node] = [
        _para(_strong(entry.institution), _at(entry.location)),
        _para(entry.degree),
    ]
    if entry.gpa:
        cell.append(_para(f"GPA: {entry.gpa}"))
    return cell + _bullets(entry.notes)


EDUCATION_COLUMNS = {
    "education": Column("Institution and degree", 78, _education),
    "gpa": Column("GPA", 14, lambda e, _: _text_cell(e.gpa or "")),
    "period": Column("Period", 22, lambda e, _: _text_cell(when(e)), dates=True),
}


def _experience(entry: Any, _: Links) -> list[nodes.Node]:
    role = f"{entry.role} with {kept_together(str(entry.advisor))}" if entry.advisor else entry.role
    cell: list[nodes.Node] = [
        _para(_strong(entry.organization), _at(entry.location)),
        _para(_emphasis(role)),
    ]
    if entry.focus:
        cell.append(_para(f"Focus: {entry.focus}"))
    return cell + _bullets(entry.notes)


EXPERIENCE_COLUMNS = {
    "position": Column("Position", 78, _experience),
    "period": Column("Period", 22, lambda e, _: _text_cell(when(e)), dates=True),
}

# -- teaching and service, skills ---------------------------------------------------------


def _activity(entry: Any, _: Links) -> list[nodes.Node]:
    head = _para(_strong(entry.role))
    where = _joined(entry.organization, _place(entry.location))
    if where:
        head += nodes.Text(f", {where}")
    if entry.venues:
        head += nodes.Text(": " + ", ".join(entry.venues))
    return [head, *_bullets(entry.notes)]


ACTIVITY_COLUMNS = {
    "activity": Column("Activity", 78, _activity),
    "when": Column("When", 22, lambda e, _: _text_cell(when(e)), dates=True),
}


def _skills(entry: Any, _: Links) -> list[nodes.Node]:
    return [_para(_joined(", ".join(entry.items), entry.note, sep=" — "))]


SKILL_COLUMNS = {
    "category": Column("Area", 30, lambda e, _: [_para(_strong(e.category))]),
    "skills": Column("Skills", 70, _skills),
}
