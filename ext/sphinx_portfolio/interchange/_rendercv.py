"""RenderCV input files (https://rendercv.com, 2.x) to our data.

A RenderCV file is a ``cv:`` mapping (or, as RenderCV's own sample content, that mapping
alone) with the header (name, email, website, social networks) and ``sections``: section
title -> list of entries. RenderCV tells an entry's type by its keys, and so does this
module (:data:`_ENTRY_TYPES`); the section title, the user's own words, then picks our data
file for the types that could go to several (:data:`_ROUTES`):

* EducationEntry -> education (``degree`` and ``area`` joined: "PhD in Physics");
* ExperienceEntry -> experience, of kind ``research`` in a section whose title says
  research and ``industry`` otherwise; in an awards or teaching/service section, an award
  or an activity;
* NormalEntry -> projects, or awards or activities by the section title;
* OneLineEntry -> skills (``label`` the category, ``details`` one item);
* PublicationEntry -> BibTeX (``@article`` when it names a journal, else ``@misc``);
* TextEntry, BulletEntry and the numbered entries are free text: reported, not mapped.

Text is Markdown in RenderCV and plain in our data: emphasis (``*``, ``_``) is dropped, a
link keeps its text and its URL is reported, and what looks like a link but is none to
Markdown (a space in its target) is kept as written and reported. ``design``, ``locale``
and ``rendercv_settings`` (how RenderCV lays the CV out) are reported and ignored. The YAML
is read with the data files' bounded reader (no aliases, limited nesting and size).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..data.errors import DataError
from ..data.load import MAX_FILE_BYTES, plain, read_yaml
from ._shared import (
    Importer,
    ImportResult,
    InterchangeError,
    Lost,
    Table,
    check_entry_count,
    is_empty,
    network_url,
    read_source,
    text,
)

#: RenderCV's entry types in the order it tries them, each with the keys only it has.
_ENTRY_TYPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("OneLineEntry", frozenset({"label", "details"})),
    ("NormalEntry", frozenset({"name"})),
    ("ExperienceEntry", frozenset({"company", "position"})),
    ("EducationEntry", frozenset({"institution", "area", "degree", "grade"})),
    ("PublicationEntry", frozenset({"title", "authors", "doi", "url", "journal"})),
    ("BulletEntry", frozenset({"bullet"})),
    ("NumberedEntry", frozenset({"number"})),
    ("ReversedNumberedEntry", frozenset({"reversed_number"})),
)
#: Free-text entry types, as the report names them.
_TEXT_TYPES = {"TextEntry": "text", "BulletEntry": "bullet", "NumberedEntry": "numbered",
               "ReversedNumberedEntry": "reversed numbered"}

_DATES: Table = {"start_date": "start", "end_date": "end", "date": "when"}
_NOTES: Table = {"summary": "notes", "highlights": "notes"}
#: (entry type, our data file) -> source key -> our field.
_TABLES: dict[tuple[str, str], Table] = {
    ("EducationEntry", "education"): {
        "institution": "institution", "degree": "degree", "area": "area", "grade": "gpa",
        "location": "location", **_DATES, **_NOTES},
    ("ExperienceEntry", "experience"): {
        "company": "organization", "position": "role", "location": "location", **_DATES,
        **_NOTES},
    ("ExperienceEntry", "activities"): {
        "position": "role", "company": "organization", "location": "location", **_DATES,
        **_NOTES},
    ("ExperienceEntry", "awards"): {
        "position": "title", "company": "body", "location": "location", **_DATES,
        "summary": "detail"},
    ("NormalEntry", "projects"): {"name": "title", **_DATES, **_NOTES},
    ("NormalEntry", "activities"): {"name": "role", "location": "location", **_DATES, **_NOTES},
    ("NormalEntry", "awards"): {
        "name": "title", "location": "location", **_DATES, "summary": "detail"},
    ("OneLineEntry", "skills"): {"label": "category", "details": "items"},
}
_PUBLICATION: Table = {
    "title": "title", "authors": "authors", "journal": "journal", "date": "when", "doi": "doi",
    "url": "url"}
#: Section title (lower case) -> our data file and kind, for the types it can take.
_ROUTES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"award|hono|prize|scholarship|fellowship|grant"), "awards", ""),
    (re.compile(r"teach|tutor"), "activities", "teaching"),
    (re.compile(r"review"), "activities", "reviewing"),
    (re.compile(r"workshop|summer school"), "activities", "workshop"),
    (re.compile(r"service|volunteer|activit|leadership|outreach"), "activities", "service"),
    (re.compile(r"project"), "projects", ""),
    (re.compile(r"research"), "experience", "research"),
)
_DEFAULT_ROUTES = {"EducationEntry": ("education", ""), "ExperienceEntry": ("experience",
                   "industry"), "NormalEntry": ("projects", ""), "OneLineEntry": ("skills", "")}
_HEADER: Table = {"name": "name", "email": "email", "website": "website"}
#: Top-level keys beside ``cv``: RenderCV's own layout settings.
_SETTINGS = ("design", "locale", "rendercv_settings")


def import_rendercv(path: Path) -> ImportResult:
    importer = Importer(path, markdown=True)
    cv, prefix = _load(path, importer)
    sections = cv.get("sections")
    counted = {f"{prefix}sections.{title}": entries for title, entries in sections.items()
               } if isinstance(sections, dict) else {}
    check_entry_count(path, {**counted, f"{prefix}social_networks": cv.get("social_networks")})
    # YAML's escapes ("\e", "\x07") give any character, control characters too
    importer.drop_control_characters(cv, prefix.rstrip("."))
    header = {key: value for key, value in cv.items()
              if key not in {"sections", "social_networks"}}
    links = _links(importer, cv.get("social_networks"), f"{prefix}social_networks")
    if header or links:
        importer.entry("profile", header, _HEADER, prefix.rstrip("."), {"links": links})
    if is_empty(sections):
        return importer.result()
    if not isinstance(sections, dict):
        importer.lost(f"{prefix}sections", sections, "not a mapping of sections, not mapped")
        return importer.result()
    for title, entries in sections.items():
        _section(importer, f"{prefix}sections.{title}", str(title), entries)
    return importer.result()


def _load(path: Path, importer: Importer) -> tuple[dict[str, Any], str]:
    """The ``cv`` mapping and the prefix of its keys in the report ("cv." or "")."""
    read_source(path, MAX_FILE_BYTES)  # bounded, with a message about a CV, not a data file
    try:
        parsed = read_yaml(path)
    except DataError as exc:
        raise InterchangeError(f"{exc.problem.location}: {exc.problem.message}") from None
    for finding in parsed.findings:
        if finding.spoils:  # an alias, nesting too deep, a huge number: refused outright
            raise InterchangeError(f"{path}:{finding.line}: {finding.message}")
        importer.lost(f"line {finding.line}", "", finding.message)
    document = plain(parsed.document)
    if not isinstance(document, dict):
        raise InterchangeError(f"{path}:1: not a RenderCV file: the top level is not a mapping")
    if "cv" not in document:
        return document, ""
    for key, value in document.items():
        if key in _SETTINGS:
            importer.lost(key, "", "RenderCV's layout settings, not mapped")
        elif key != "cv" and not is_empty(value):
            importer.lost(key, value, "no field for it")
    if not isinstance(document["cv"], dict):
        raise InterchangeError(f"{path}: not a RenderCV file: 'cv' is not a mapping")
    return document["cv"], "cv."


def _links(importer: Importer, networks: Any, where: str) -> list[dict[str, str]]:
    if is_empty(networks):
        return []
    if not isinstance(networks, list):
        importer.lost(where, networks, "not a list, not mapped")
        return []
    links = []
    for index, item in enumerate(networks):
        if not isinstance(item, dict):
            importer.lost(f"{where}[{index}]", item, "not a mapping, not mapped")
            continue
        try:
            network, username = text(item.get("network")), text(item.get("username"))
            links.append({"label": network, "url": network_url(network, username)})
        except Lost as exc:
            importer.lost(f"{where}[{index}]", item, str(exc))
            continue
        for key, value in item.items():
            if key not in {"network", "username"} and not is_empty(value):
                importer.lost(f"{where}[{index}].{key}", value, "no field for it")
    return links


def _section(importer: Importer, where: str, title: str, entries: Any) -> None:
    if not isinstance(entries, list):
        importer.lost(where, entries, "not a list of entries, not mapped")
        return
    free_text: dict[str, int] = {}
    for index, entry in enumerate(entries):
        kind = _entry_type(entry)
        if kind in _TEXT_TYPES:
            free_text[kind] = free_text.get(kind, 0) + 1
        elif kind == "PublicationEntry":
            importer.publication(entry, _PUBLICATION, f"{where}[{index}]")
        elif kind:
            stem, fixed = _route(kind, title)
            importer.entry(stem, entry, _TABLES[kind, stem], f"{where}[{index}]", fixed)
        elif not is_empty(entry):
            importer.lost(f"{where}[{index}]", entry, "not a RenderCV entry, not mapped")
    for kind, count in free_text.items():
        entries_text = f"{count} entries" if count > 1 else "1 entry"
        importer.lost(where, "", f"a {_TEXT_TYPES[kind]} section, not mapped ({entries_text})")


def _entry_type(entry: Any) -> str:
    if isinstance(entry, str):
        return "TextEntry"
    if not isinstance(entry, dict):
        return ""
    return next((name for name, keys in _ENTRY_TYPES if keys & set(entry)), "")


def _route(kind: str, title: str) -> tuple[str, dict[str, str]]:
    """Our data file for an entry of ``kind`` in the section ``title``, and its fixed fields
    (the kind of experience or activity)."""
    words = title.lower().replace("_", " ")
    stem, sub_kind = next(
        ((stem, sub_kind) for pattern, stem, sub_kind in _ROUTES
         if pattern.search(words) and (kind, stem) in _TABLES),
        _DEFAULT_ROUTES[kind])
    return stem, ({"kind": sub_kind} if sub_kind else {})
