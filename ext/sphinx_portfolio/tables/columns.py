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

from .. import _shared
from ..data.values import Person
from ..locale import _, translate

__all__ = [
    "ACTIVITY_COLUMNS",
    "AWARD_COLUMNS",
    "CERTIFICATE_COLUMNS",
    "EDUCATION_COLUMNS",
    "EXPERIENCE_COLUMNS",
    "PATENT_COLUMNS",
    "PROJECT_COLUMNS",
    "SKILL_COLUMNS",
    "TALK_COLUMNS",
    "Column",
    "when",
]


class CellContext(Protocol):
    """What a cell needs of the build: cross-references and settings; the directive supplies
    them (they need Sphinx)."""

    @property
    def date_format(self) -> str:
        """How a month and year are written (``portfolio_date_format``)."""

    @property
    def language(self) -> str:
        """The language the extension writes in (month names, date order)."""

    def cite(self, keys: Sequence[str]) -> list[nodes.Node]:
        """Citations of BibTeX keys, linking to the publication list."""

    def entry(self, kind: str, entry_id: str) -> nodes.Node:
        """A link to another data entry (e.g. a project), titled as that entry."""


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # relative column width
    render: Callable[[Any, CellContext], list[nodes.Node]]
    dates: bool = False  # the entry's dates: one line, one column at the same x in the PDF




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


def when(entry: Any, month_format: str, language: str = "en") -> list[str]:
    """The entry's dates as a reader sees them, in ``language``, one string per part that
    stays on one line: a range or a single date ('Jan 2025 \N{EN DASH} present', '2024'), or
    each academic term. ``month_format`` writes a month and year (``YearMonth.formatted``).
    The one place dates are written: the web and the PDF show these cells."""
    if getattr(entry, "terms", None):
        return [term.formatted(translate) for term in entry.terms]
    if entry.start is None:
        return []
    start = entry.start.formatted(month_format, language, translate)
    end = start if entry.end is None else entry.end.formatted(month_format, language, translate)
    # compared as shown: days are kept but not shown, so May 1 to May 20 is "May 2024"
    return [start] if end == start else [f"{start} \N{EN DASH} {end}"]


def _dates(entry: Any, context: CellContext) -> list[nodes.Node]:
    parts = when(entry, context.date_format, context.language)
    if not parts:
        return []
    para = _para()
    for index, part in enumerate(parts):
        if index:
            para += nodes.Text(", ")
        text = kept_together(part)
        para += nodes.inline(text, text, classes=[_shared.DATE])
    return [para]


def _dates_column(header: str, width: int) -> Column:
    return Column(header, width, _dates, dates=True)


def _notes_column() -> Column:
    return Column(_("Details"), 50, lambda e, _c: _bullets(e.notes))


def _text_cell(text: str) -> list[nodes.Node]:
    return [_para(text)] if text else []


def _title_with_papers(entry: Any, keys: Sequence[str], context: CellContext) -> nodes.paragraph:
    """The entry's title (:func:`_title`), then a citation of each of ``keys``."""
    para = _para(_title(entry))
    if keys:
        para += nodes.Text(" ")
        para.extend(context.cite(keys))
    return para


def _linked(text: str, url: str | None) -> nodes.Node:
    """``text`` in bold, a link to ``url`` when the entry has one."""
    strong = _strong(text)
    return nodes.reference("", "", strong, refuri=url) if url else strong


def _title(entry: Any) -> nodes.Node:
    """The entry's title in bold, a link to its ``url`` when it has one."""
    return _linked(entry.title, entry.url)


# -- projects -----------------------------------------------------------------------------


def _project(entry: Any, context: CellContext) -> list[nodes.Node]:
    cell: list[nodes.Node] = [_title_with_papers(entry, entry.papers, context)]
    with_line = _joined(
        (_("with {people}").format(people=_people(entry.collaborators))
         if entry.collaborators else None),
        ", ".join(entry.institutions) or None,
        sep=" · ",
    )
    if with_line:
        cell.append(_para(_emphasis(with_line)))
    if entry.description:
        cell.append(_para(entry.description))
    return cell + _bullets(entry.notes)


PROJECT_COLUMNS = {
    "project": Column(_("Project"), 78, _project),
    "title": Column(_("Project"), 50, lambda e, c: [_title_with_papers(e, e.papers, c)]),
    "collaborators": Column(_("With"), 30, lambda e, _c: _text_cell(_people(e.collaborators))),
    "institutions": Column(_("Institutions"), 20,
                           lambda e, _c: _text_cell(", ".join(e.institutions))),
    "notes": _notes_column(),
    "period": _dates_column(_("Period"), 22),
}

# -- awards -------------------------------------------------------------------------------


def _award(entry: Any, context: CellContext) -> list[nodes.Node]:
    para = _para(_title(entry))
    extras = _joined(entry.detail, kept_together(str(entry.amount)) if entry.amount else None)
    if extras:
        para += nodes.Text(f" ({extras})")
    if entry.paper:
        para += nodes.Text(" ")
        para.extend(context.cite([entry.paper]))
    if entry.project:
        para += nodes.Text(" \N{EN DASH} " + _("project:") + " ")
        para += context.entry("project", entry.project)
    return [para]


AWARD_COLUMNS = {
    "award": Column(_("Award"), 50, _award),
    "body": Column(_("Awarded by"), 32,
                   lambda e, _c: _text_cell(_joined(e.body, _place(e.location)))),
    "amount": Column(_("Amount"), 14,
                     lambda e, _c: _text_cell(kept_together(str(e.amount)) if e.amount else "")),
    "when": _dates_column(_("Year"), 18),
}

# -- education and experience -------------------------------------------------------------


def _courses(entry: Any) -> str:
    return _("Courses: {courses}").format(courses=", ".join(entry.courses)) if entry.courses else ""


def _education(entry: Any, _context: CellContext) -> list[nodes.Node]:
    cell: list[nodes.Node] = [
        _para(_linked(entry.institution, entry.url), _at(entry.location)),
        _para(entry.degree),
    ]
    if entry.gpa:
        cell.append(_para(_("GPA: {gpa}").format(gpa=entry.gpa)))
    if entry.courses:
        cell.append(_para(_courses(entry)))
    return cell + _bullets(entry.notes)


EDUCATION_COLUMNS = {
    "education": Column(_("Institution and degree"), 78, _education),
    "gpa": Column(_("GPA"), 14, lambda e, _c: _text_cell(e.gpa or "")),
    "courses": Column(_("Courses"), 40, lambda e, _c: _text_cell(", ".join(e.courses))),
    "period": _dates_column(_("Period"), 22),
}


def _experience(entry: Any, _context: CellContext) -> list[nodes.Node]:
    role = (_("{role} with {advisor}").format(role=entry.role,
                                              advisor=kept_together(str(entry.advisor)))
            if entry.advisor else entry.role)
    cell: list[nodes.Node] = [
        _para(_linked(entry.organization, entry.url), _at(entry.location)),
        _para(_emphasis(role)),
    ]
    if entry.focus:
        cell.append(_para(_("Focus: {focus}").format(focus=entry.focus)))
    return cell + _bullets(entry.notes)


EXPERIENCE_COLUMNS = {
    "position": Column(_("Position"), 78, _experience),
    "period": _dates_column(_("Period"), 22),
}

# -- talks, patents, certificates ---------------------------------------------------------


#: How a talk's ``kind`` reads after its event.
TALK_KINDS = {"invited": _("invited talk"), "contributed": _("contributed talk"),
              "keynote": _("keynote"), "seminar": _("seminar"), "poster": _("poster")}


def _talk_title(entry: Any, context: CellContext) -> nodes.paragraph:
    return _title_with_papers(entry, [entry.paper] if entry.paper else [], context)


def _talk(entry: Any, context: CellContext) -> list[nodes.Node]:
    head = _talk_title(entry, context)
    where = _joined(entry.event, _place(entry.location))
    if entry.kind:
        where += f" ({TALK_KINDS[entry.kind]})"
    return [head, _para(_emphasis(where)), *_bullets(entry.notes)]


TALK_COLUMNS = {
    "talk": Column(_("Talk"), 78, _talk),
    "title": Column(_("Talk"), 50, lambda e, c: [_talk_title(e, c)]),
    "event": Column(_("Event"), 36, lambda e, _c: _text_cell(_joined(e.event, _place(e.location)))),
    "kind": Column(_("Kind"), 16,
                   lambda e, _c: _text_cell(str(TALK_KINDS[e.kind]) if e.kind else "")),
    "notes": _notes_column(),
    "when": _dates_column(_("Date"), 22),
}


def _patent_number(entry: Any) -> str:
    """"US 11,000,001 B2, granted": the office, the number and the status."""
    return _joined(_joined(entry.office, entry.number, sep=" "), entry.status)


def _patent(entry: Any, _context: CellContext) -> list[nodes.Node]:
    cell: list[nodes.Node] = [_para(_title(entry))]
    if _patent_number(entry):
        cell.append(_para(_patent_number(entry)))
    if entry.inventors:
        cell.append(_para(_emphasis(_("Inventors: {people}").format(
            people=_people(entry.inventors)))))
    return cell + _bullets(entry.notes)


PATENT_COLUMNS = {
    "patent": Column(_("Patent"), 78, _patent),
    "title": Column(_("Patent"), 44, lambda e, _c: [_para(_title(e))]),
    "number": Column(_("Number"), 30, lambda e, _c: _text_cell(_patent_number(e))),
    "inventors": Column(_("Inventors"), 34, lambda e, _c: _text_cell(_people(e.inventors))),
    "notes": _notes_column(),
    "when": _dates_column(_("Date"), 22),
}


def _certificate(entry: Any, _context: CellContext) -> list[nodes.Node]:
    return [_para(_title(entry)), *_bullets(entry.notes)]


CERTIFICATE_COLUMNS = {
    "certificate": Column(_("Certificate"), 48, _certificate),
    "issuer": Column(_("Issued by"), 30, lambda e, _c: _text_cell(e.issuer or "")),
    "when": _dates_column(_("Valid"), 22),
}

# -- teaching and service, skills ---------------------------------------------------------


def _activity(entry: Any, _context: CellContext) -> list[nodes.Node]:
    # the organization links its page; without one, the role does
    head = _para(_linked(entry.role, None if entry.organization else entry.url))
    if entry.organization:
        head += nodes.Text(", ")
        head += (nodes.reference(entry.organization, entry.organization, refuri=entry.url)
                 if entry.url else nodes.Text(entry.organization))
    where = _place(entry.location)
    if where:
        head += nodes.Text(f", {where}")
    if entry.venues:
        head += nodes.Text(": " + ", ".join(entry.venues))
    summary = [_para(entry.summary)] if entry.summary else []
    return [head, *summary, *_bullets(entry.notes)]


ACTIVITY_COLUMNS = {
    "activity": Column(_("Activity"), 78, _activity),
    "when": _dates_column(_("When"), 22),
}


def _skills(entry: Any, _context: CellContext) -> list[nodes.Node]:
    return [_para(_joined(", ".join(entry.items), entry.note, sep=" — "))]


SKILL_COLUMNS = {
    "category": Column(_("Area"), 30, lambda e, _c: [_para(_strong(e.category))]),
    "skills": Column(_("Skills"), 70, _skills),
}
