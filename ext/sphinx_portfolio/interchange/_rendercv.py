"""RenderCV input files (https://rendercv.com, 2.x) to our data.

A RenderCV file is a ``cv:`` mapping (or, as RenderCV's own sample content, that mapping
alone) with the header (name, headline, email, website, social networks) and ``sections``:
section title -> list of entries. RenderCV tells an entry's type by its keys, and so does
this module (:data:`_ENTRY_TYPES`); but a type says little of what an entry is (an award
and a certificate are both NormalEntry, al-folio's awards have a PublicationEntry's
``title``), so the section's title, the user's own words, picks our data file first
(:data:`_ROUTES`: awards, honors, grants, talks, patents, certificates, courses, languages,
skills, service, references...), and the entry's type only where the title names none of
our kinds. :data:`MAPPING` says where each goes (the guide shows it).

Where the file does not say what we need, the import decides from the entry's own words
and reports it (:attr:`.ImportResult.decisions`): an experience's kind (``research`` from
its section's title, position or organization, else ``industry``), an award's kind, a
text entry read as an award, talk or certificate ("Title — Event (2024)"), courses given
to an education entry, you as the author of a publication that names none. The name
marked as yours in author lists (``*J. Doe*``) becomes an alias in the profile when your
name does not match it already.

Text is Markdown in RenderCV and plain in our data: emphasis (``*``, ``_``) is dropped, a
link keeps its text and its URL is reported, and what looks like a link but is none to
Markdown (a space in its target) is kept as written and reported. ``design``, ``locale``,
``settings`` and ``rendercv_settings`` (how RenderCV lays the CV out) are reported and
ignored. The YAML is read with the data files' bounded reader (no aliases, limited nesting
and size). al-folio's ``_data/cv.yml``, RenderCV's layout with JSON Resume's keys
(``studyType``, ``awarder``, ``issuer``, ``releaseDate``...), is read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pybtex.database import Person
from pybtex.exceptions import PybtexError

from ..bib import OwnerMatcher
from ..data.errors import DataError
from ..data.yaml_reader import MAX_FILE_BYTES, parse_yaml, plain
from ._converters import Lost, network_url, text
from ._decisions import award_kind, label_field
from ._importer import Importer, ImportResult, Table
from ._markdown import plain_markdown
from ._report import is_empty, plural, preview
from ._source_reader import InterchangeError, check_entry_count, read_source

#: Where each part of a RenderCV file goes in our site, as the import does it. A row
#: "sections: a, b" names section titles that go there (any title that holds one of our
#: words: "selected_honors" is an honors section).
MAPPING: tuple[tuple[str, str], ...] = (
    ("cv.name, email, website", "profile.yaml: name, email, website"),
    ("cv.headline", "profile.yaml: headline"),
    ("cv.label, cv.summary (al-folio)", "profile.yaml: position (headline when it reads as "
     "a tagline, reported) and summary"),
    ("cv.social_networks[]", "profile.yaml: links (the URL made from the user name where "
     "the network's URL pattern is known)"),
    ("authors: '*Your Name*'", "profile.yaml: aliases, when the name marked as yours is "
     "one your name does not match (reported)"),
    ("cv.location, phone, photo, custom_connections", "not mapped (reported): the profile "
     "has no address, phone or picture path of another site"),
    ("sections: education, degrees", "education.yaml: degree and area joined (\"PhD in "
     "Physics\"), grade: gpa, summary and highlights: notes"),
    ("sections: experience, academic positions, research experience, employment",
     "experience.yaml: kind research when its section, position or organization says so "
     "(Professor, Postdoc, Research, Fellow, PhD, University, Institute...), else industry, "
     "each reported; an entry that names no company (a NormalEntry): projects.yaml, "
     "reported"),
    ("sections: teaching, reviewing, workshops, service, volunteer work, outreach",
     "activities.yaml, its kind from the title (teaching, reviewing, workshop, service)"),
    ("sections: awards, honors, prizes, grants, fellowships, scholarships",
     "awards.yaml: its kind from its title (\"PhD Fellowship\") or the section's, "
     "company or awarder: body, summary: detail; a text line \"Title (2024)\" is read as "
     "one, reported"),
    ("sections: talks, invited talks, presentations, seminars, posters", "talks.yaml: "
     "company or journal: the event (else the location, reported), kind from the title; "
     "a text line \"Title — Event (2024)\" is read as one, reported"),
    ("sections: patents", "patents.yaml: authors: inventors (a patent needs a date: one "
     "without is reported)"),
    ("sections: certificates, certifications, licenses", "certificates.yaml: name: title, "
     "issuer, date: start"),
    ("sections: courses, coursework", "education.yaml: the courses of the first education "
     "entry (reported)"),
    ("sections: languages", "skills.yaml: one entry, category Languages, items \"English "
     "(native)\""),
    ("sections: skills, technical skills, programming languages", "skills.yaml: label: "
     "category, details: items"),
    ("sections: interests", "profile.yaml: interests"),
    ("sections: publications, papers, preprints", "the .bib file: @article when it names a "
     "journal, else @misc; you as the author when it names none (reported)"),
    ("sections: projects, research", "projects.yaml: name: title, summary and highlights: "
     "notes"),
    ("sections: references, referees", "not mapped (reported): a reference is another "
     "person's words"),
    ("sections: any other title", "by the entry type: EducationEntry education.yaml, "
     "ExperienceEntry experience.yaml, NormalEntry projects.yaml (reported), OneLineEntry "
     "skills.yaml, PublicationEntry the .bib file; text entries are not mapped (reported)"),
    ("design, locale, settings, rendercv_settings", "not mapped (reported): RenderCV's "
     "layout settings"),
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
#: Free-text entry types, as the report names them, and the key of their text.
_TEXT_TYPES = {"TextEntry": ("text", ""), "BulletEntry": ("bullet", "bullet"),
               "NumberedEntry": ("numbered", "number"),
               "ReversedNumberedEntry": ("reversed numbered", "reversed_number")}

_DATES: Table = {"date": "when", "start_date": "start", "end_date": "end"}
#: Our data file -> source key -> our field, for an entry of any type (each type has its
#: own keys; al-folio's cv.yml adds JSON Resume's: studyType, score, awarder, issuer...).
_TABLES: dict[str, Table] = {
    "education": {
        "institution": "institution", "degree": "degree", "studyType": "degree",
        "area": "area", "grade": "gpa", "score": "gpa", "location": "location", **_DATES,
        "courses": "courses", "summary": "notes", "highlights": "notes"},
    "experience": {
        "company": "organization", "position": "role", "name": "role",
        "location": "location", **_DATES, "summary": "focus", "highlights": "notes"},
    "activities": {
        "position": "role", "name": "role", "company": "organization",
        "institution": "organization", "location": "location", **_DATES,
        "summary": "notes", "highlights": "notes"},
    "awards": {
        "name": "title", "title": "title", "position": "title", "label": "title",
        "company": "body", "awarder": "body", "location": "location", **_DATES,
        "summary": "detail", "details": "detail"},
    "talks": {
        "name": "title", "title": "title", "position": "title", "label": "title",
        "details": "notes", "event": "event",
        "company": "event", "journal": "event", "location": "location", **_DATES,
        "url": "url", "summary": "notes", "highlights": "notes"},
    "patents": {
        "name": "title", "title": "title", "authors": "inventors", **_DATES, "url": "url",
        "summary": "notes", "highlights": "notes"},
    "certificates": {
        "name": "title", "title": "title", "label": "title", "issuer": "issuer",
        "company": "issuer", "institution": "issuer", **_DATES, "url": "url",
        "summary": "notes", "highlights": "notes"},
    "projects": {
        "name": "title", "title": "title", "company": "institutions",
        "institution": "institutions", **_DATES, "summary": "notes", "highlights": "notes",
        "keywords": "tags"},
    "skills": {
        "label": "category", "name": "category", "details": "items", "keywords": "items",
        "highlights": "items", "level": "note", "summary": "note"},
}
_PUBLICATION: Table = {
    "title": "title", "name": "title", "authors": "authors", "journal": "journal",
    "publisher": "publisher", "date": "when", "releaseDate": "when", "doi": "doi",
    "url": "url", "summary": "abstract"}
#: Keys that give a skill entry its items (one without them is an item itself).
_ITEM_KEYS = ("details", "keywords", "highlights")
#: A language's or an interest's name, and (a language's) level.
_NAME_KEYS = ("name", "label", "language")
_LEVEL_KEYS = ("summary", "level", "fluency", "details")


def _title(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


#: Section title -> (destination, kind, the entry types it takes: all when empty); the
#: first that matches and takes the entry's type. A destination is one of our data files,
#: or "publications" (the .bib file), "courses" (an education entry's), "languages" (a
#: skills entry), "interests" (the profile's), "references" (not mapped).
_ROUTES: tuple[tuple[re.Pattern[str], str, str, frozenset[str]], ...] = tuple(
    (_title(pattern), destination, kind, frozenset(types))
    for pattern, destination, kind, types in (
        (r"\breferences?\b|\breferees\b", "references", "", ()),
        (r"award|hono(?:u)?r|prize|grant|fellowship|scholarship|distinction|funding|medal",
         "awards", "", ()),
        (r"\btalks?\b|presentation|seminar|keynote|poster|\blectures\b|colloqui", "talks", "",
         ()),
        (r"patent", "patents", "", ()),
        (r"certific|licen[cs]e", "certificates", "", ()),
        (r"teach|tutor|\bta\b|instruct", "activities", "teaching", ()),
        (r"course", "courses", "", ()),
        (r"review|refereeing|editorial", "activities", "reviewing", ()),
        (r"workshop|summer school|winter school", "activities", "workshop", ()),
        (r"service|volunteer|activit|leadership|outreach|committee|membership|mentor",
         "activities", "service", ()),
        (r"publication|paper|preprint|article|\bbooks?\b|thes[ie]s|proceedings",
         "publications", "", ()),
        (r"^(?!.*(?:programming|computer|coding|scripting|markup)).*\blanguages?\b",
         "languages", "", ()),
        (r"skill|expertise|competenc|technolog|\btools\b|programming|software|computer",
         "skills", "", ()),
        (r"interest|hobb", "interests", "", ()),
        (r"project", "projects", "", ()),
        (r"education|degree|qualification|\bstudies\b", "education", "", ()),
        (r"experience|employment|position|appointment|\bwork\b|career|\bjobs?\b|"
         r"professional", "experience", "", ()),
        (r"research", "experience", "", ("ExperienceEntry",)),
        (r"research", "projects", "", ("NormalEntry",)),
    ))
#: Where an entry goes by its type alone, in a section whose title names none of our kinds.
_DEFAULT_ROUTES = {"EducationEntry": "education", "ExperienceEntry": "experience",
                   "NormalEntry": "projects", "OneLineEntry": "skills",
                   "PublicationEntry": "publications"}
#: A talk's kind, by its section's title.
_TALK_KINDS = (("invited", "invited"), ("keynote", "keynote"), ("seminar", "seminar"),
               ("poster", "poster"), ("contributed", "contributed"))

_HEADER: Table = {"name": "name", "email": "email", "website": "website",
                  "headline": "headline", "summary": "summary"}
#: Header keys with no place in our profile, and why.
_HEADER_LOST = {"photo": "a picture file of the RenderCV project: copy it into the site "
                         "and name it as photo in profile.yaml",
                "image": "a picture: copy it into the site and name it as photo in "
                         "profile.yaml"}
#: Top-level keys beside ``cv``: RenderCV's own layout settings.
_SETTINGS = ("design", "locale", "settings", "rendercv_settings")

# A text entry read as a dated item: "Title (2024)", "Title (2020 to 2023)" with a dash,
# "Title (2021 - present)". A talk: "Title, a dash, Event (2024)": an em dash (U+2014), an
# en dash (U+2013) or a hyphen, with spaces around it.
_DASH = "[\u2013\u2014-]"
_YEARS = rf"\((?P<start>\d{{4}})(?:\s*{_DASH}\s*(?P<end>\d{{4}}|present))?\)"
_DATED_TEXT = re.compile(rf"(?P<title>.+?)\s*{_YEARS}", re.IGNORECASE)
_TALK_TEXT = re.compile(rf"(?P<title>.+?)\s+{_DASH}\s+(?P<event>.+?)\s*{_YEARS}",
                        re.IGNORECASE)
# The owner's name in an author list, as RenderCV marks it: "*Name*", "**Name**", "_Name_".
_OWNER_MARK = re.compile(r"\s*(\*{1,3}|_{1,3})(?P<name>[^*_].*?)\1\s*", re.S)


@dataclass
class _Collected:
    """What a section gives to an entry made once all sections are read."""

    courses: list[str] = field(default_factory=list)
    courses_from: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    languages_from: str = ""
    interests: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)  # skills with no category
    skills_from: str = ""


def import_rendercv(path: Path) -> ImportResult:
    """Our data files and BibTeX from the RenderCV file at ``path`` (see :data:`MAPPING`)."""
    importer = Importer(path, markdown=True)
    cv, prefix = _load(path, importer)
    sections = cv.get("sections")
    counted = {f"{prefix}sections.{title}": entries for title, entries in sections.items()
               } if isinstance(sections, dict) else {}
    check_entry_count(path, {**counted, f"{prefix}social_networks": cv.get("social_networks")})
    # YAML's escapes ("\e", "\x07") give any character, control characters too
    importer.drop_control_characters(cv, prefix.rstrip("."))
    links = _links(importer, cv.get("social_networks"), f"{prefix}social_networks")
    try:  # the author of a publication that names none, before the profile is made
        importer.owner = plain_markdown(text(cv.get("name")))[0] if cv.get("name") else ""
    except Lost:
        importer.owner = ""
    collected = _Collected()
    if isinstance(sections, dict):
        for title, entries in sections.items():
            _section(importer, collected, f"{prefix}sections.{title}", str(title), entries)
        _collected(importer, collected)
    elif not is_empty(sections):
        importer.lost(f"{prefix}sections", sections, "not a mapping of sections, not mapped")
    _profile(importer, cv, prefix, links, collected.interests,
             _aliases(importer, importer.owner, sections, f"{prefix}sections"))
    return importer.result()


def _profile(importer: Importer, cv: dict[str, Any], prefix: str, links: list[dict[str, str]],
             interests: list[str], aliases: list[str]) -> None:
    """The profile from the header, with the links, interests and aliases found."""
    where = prefix.rstrip(".")
    header = {key: value for key, value in cv.items()
              if key not in {"sections", "social_networks", *_HEADER_LOST}}
    for key, why in _HEADER_LOST.items():
        if not is_empty(cv.get(key)):
            importer.lost(f"{prefix}{key}", cv[key], f"not mapped: {why}")
    label = header.get("label")
    target, why = label_field(label) if isinstance(label, str) else ("position", "")
    if not (header or links or interests):
        return
    fixed = {name: values for name, values in (("links", links), ("interests", interests),
                                                ("aliases", aliases)) if values}
    profile = importer.entry("profile", header, {**_HEADER, "label": target}, where, fixed)
    if profile is None:
        if interests or aliases:
            importer.lost(f"{prefix}sections", interests + aliases, "no profile to hold them")
        return
    if target in profile and why:
        importer.decided(f"{prefix}label", profile[target], f"the profile's {target}: {why}")


def _aliases(importer: Importer, owner: str, sections: Any, where: str) -> list[str]:
    """The names marked as the owner's in author lists ("*J. Doe*") that the owner's name
    does not match: the profile's aliases, so each is shown as the owner's (a title such as
    "Dr." or initials for given names are matched already)."""
    if not owner or not isinstance(sections, dict):
        return []
    matcher = OwnerMatcher([owner])
    aliases: list[str] = []
    for title, entries in sections.items():
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            authors = entry.get("authors") if isinstance(entry, dict) else None
            for number, author in enumerate(authors if isinstance(authors, list) else []):
                marked = _OWNER_MARK.fullmatch(author) if isinstance(author, str) else None
                if marked is None:
                    continue
                name = " ".join(plain_markdown(marked["name"])[0].split())
                try:
                    matched = matcher.matches(Person(name))
                except PybtexError:  # a name BibTeX cannot read: kept as written
                    matched = False
                if matched or name in aliases or name == owner:
                    continue
                aliases.append(name)
                importer.decided(f"{where}.{title}[{index}].authors[{number}]", author,
                                 f'marked as yours, and "{owner}" does not match it: '
                                 "added to the profile's aliases")
    return aliases


def _load(path: Path, importer: Importer) -> tuple[dict[str, Any], str]:
    """The ``cv`` mapping and the prefix of its keys in the report ("cv." or "")."""
    # bounded, with a message about a CV, not a data file; then parsed, not read again
    text = read_source(path, MAX_FILE_BYTES)
    try:
        parsed = parse_yaml(text.encode("utf-8"), path)
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


def _section(importer: Importer, collected: _Collected, where: str, title: str,
             entries: Any) -> None:
    if not isinstance(entries, list):
        importer.lost(where, entries, "not a list of entries, not mapped")
        return
    free_text: dict[str, int] = {}
    for index, entry in enumerate(entries):
        path = f"{where}[{index}]"
        kind = _entry_type(entry)
        if not kind:
            if not is_empty(entry):
                importer.lost(path, entry, "not a RenderCV entry, not mapped")
            continue
        destination, sub_kind = _route(kind, title)
        if kind in _TEXT_TYPES:
            key = _TEXT_TYPES[kind][1]
            value = entry[key] if key else entry
            if not _text_entry(importer, collected, destination, title,
                               f"{path}.{key}" if key else path, value):
                free_text[kind] = free_text.get(kind, 0) + 1
            continue
        _PLACERS[destination](importer, collected, entry, path, title, sub_kind)
    for kind, count in free_text.items():
        importer.lost(where, "", f"a {_TEXT_TYPES[kind][0]} section, not mapped "
                      f"({plural(count, 'entry')})")


def _entry_type(entry: Any) -> str:
    if isinstance(entry, str):
        return "TextEntry"
    if not isinstance(entry, dict):
        return ""
    return next((name for name, keys in _ENTRY_TYPES if keys & set(entry)), "")


def _route(kind: str, title: str) -> tuple[str, str]:
    """Where an entry of ``kind`` in the section ``title`` goes (see :data:`_ROUTES`), and
    its kind there ("" when none is fixed): by the title, else by its type."""
    words = title.replace("_", " ").replace("-", " ")
    return next(((destination, sub_kind) for pattern, destination, sub_kind, types in _ROUTES
                 if pattern.search(words) and (not types or kind in types)),
                (_DEFAULT_ROUTES.get(kind, ""), ""))


# --- one entry, by where it goes -------------------------------------------------------------

_Placer = Callable[[Importer, _Collected, dict[str, Any], str, str, str], None]


def _place_entry(importer: Importer, collected: _Collected, entry: dict[str, Any], where: str,
                 title: str, sub_kind: str, stem: str) -> None:
    importer.entry(stem, entry, _TABLES[stem], where, {"kind": sub_kind} if sub_kind else {})


def _place_projects(importer: Importer, collected: _Collected, entry: dict[str, Any],
                    where: str, title: str, sub_kind: str) -> None:
    kept = importer.entry("projects", entry, _TABLES["projects"], where)
    if kept is not None and not _title_routes(title):
        importer.decided(where, kept["title"], f'a project: the section title "{title}" '
                         "names none of our kinds, and a project is what such an entry is "
                         "most often")


def _title_routes(title: str) -> bool:
    words = title.replace("_", " ").replace("-", " ")
    return any(pattern.search(words) for pattern, *_ in _ROUTES)


def _place_experience(importer: Importer, collected: _Collected, entry: dict[str, Any],
                      where: str, title: str, sub_kind: str) -> None:
    if is_empty(entry.get("company")) and not is_empty(entry.get("name")):
        # a NormalEntry names no organization, which an experience needs: kept as a project
        kept = importer.entry("projects", entry, _TABLES["projects"], where)
        if kept is not None:
            importer.decided(where, kept["title"], "a project: it names no company, which an "
                             "experience entry needs")
        return
    importer.experience(entry, _TABLES["experience"], where, title if _title_routes(title)
                        else "")


def _place_award(importer: Importer, collected: _Collected, entry: dict[str, Any],
                 where: str, title: str, sub_kind: str) -> None:
    name = next((entry[key] for key in ("name", "title", "position")
                 if isinstance(entry.get(key), str)), "")
    importer.award(entry, _TABLES["awards"], where, name, title)


def _place_talk(importer: Importer, collected: _Collected, entry: dict[str, Any],
                where: str, title: str, sub_kind: str) -> None:
    table = _TABLES["talks"]
    fixed = {"kind": kind} if (kind := _talk_kind(title)) else {}
    no_event = all(is_empty(entry.get(key)) for key, to in table.items() if to == "event")
    if no_event and not is_empty(entry.get("location")):  # where it was given: the place
        kept = importer.entry("talks", entry, {**table, "location": "event"}, where, fixed)
        if kept is not None:
            importer.decided(where, kept["title"], "its location is taken as the talk's "
                             "event (the entry names no other)")
        return
    importer.entry("talks", entry, table, where, fixed)


def _talk_kind(title: str) -> str:
    lowered = title.lower()
    return next((kind for word, kind in _TALK_KINDS if word in lowered), "")


def _place_publication(importer: Importer, collected: _Collected, entry: dict[str, Any],
                       where: str, title: str, sub_kind: str) -> None:
    importer.publication(entry, _PUBLICATION, where)


def _place_reference(importer: Importer, collected: _Collected, entry: dict[str, Any],
                     where: str, title: str, sub_kind: str) -> None:
    name = next((entry[key] for key in ("name", "label", "title") if entry.get(key)), entry)
    importer.lost(where, name, "not mapped: a reference is another person's words, which "
                  "have no place in your site")


def _place_skill(importer: Importer, collected: _Collected, entry: dict[str, Any],
                 where: str, title: str, sub_kind: str) -> None:
    if any(not is_empty(entry.get(key)) for key in _ITEM_KEYS):
        importer.entry("skills", entry, _TABLES["skills"], where)
    elif (item := _named_item(importer, entry, where, ("name", "label"), ("level",))):
        collected.skills.append(item)
        collected.skills_from = collected.skills_from or where


def _place_language(importer: Importer, collected: _Collected, entry: dict[str, Any],
                    where: str, title: str, sub_kind: str) -> None:
    if item := _named_item(importer, entry, where, _NAME_KEYS, _LEVEL_KEYS):
        collected.languages.append(item)
        collected.languages_from = collected.languages_from or where


def _place_interest(importer: Importer, collected: _Collected, entry: dict[str, Any],
                    where: str, title: str, sub_kind: str) -> None:
    if item := _named_item(importer, entry, where, _NAME_KEYS, ()):
        collected.interests.append(item)


def _place_course(importer: Importer, collected: _Collected, entry: dict[str, Any],
                  where: str, title: str, sub_kind: str) -> None:
    if item := _named_item(importer, entry, where, ("name", "title", "label"), ("details",)):
        collected.courses.append(item)
        collected.courses_from.append(where)


def _named_item(importer: Importer, entry: dict[str, Any], where: str,
                names: tuple[str, ...], details: tuple[str, ...]) -> str:
    """"name (detail)" as one item (a language, an interest...), or "" (reported)."""
    name_key = next((key for key in names if not is_empty(entry.get(key))), "")
    detail_key = next((key for key in details if not is_empty(entry.get(key))), "")
    if not name_key:
        importer.lost(where, entry, f"not mapped: no {' or '.join(names)}")
        return ""
    try:
        name = importer.clean(f"{where}.{name_key}", text(entry.get(name_key)))
        detail = importer.clean(f"{where}.{detail_key}",
                                text(entry[detail_key])) if detail_key else ""
    except Lost as exc:
        importer.lost(where, entry, f"not mapped: {exc}")
        return ""
    if not name:
        importer.lost(where, entry, f"not mapped: no {' or '.join(names)}")
        return ""
    for key, value in entry.items():
        if key not in {name_key, detail_key} and not is_empty(value):
            importer.lost(f"{where}.{key}", value, "no field for it")
    return f"{name} ({detail})" if detail else name


def _placer(stem: str) -> _Placer:
    def place(importer: Importer, collected: _Collected, entry: dict[str, Any], where: str,
              title: str, sub_kind: str) -> None:
        _place_entry(importer, collected, entry, where, title, sub_kind, stem)
    return place


_PLACERS: dict[str, _Placer] = {
    "education": _placer("education"), "activities": _placer("activities"),
    "patents": _placer("patents"), "certificates": _placer("certificates"),
    "experience": _place_experience, "projects": _place_projects, "awards": _place_award,
    "talks": _place_talk, "publications": _place_publication,
    "references": _place_reference, "skills": _place_skill, "languages": _place_language,
    "interests": _place_interest, "courses": _place_course,
}


# --- text entries ----------------------------------------------------------------------------


def _text_entry(importer: Importer, collected: _Collected, destination: str, title: str,
                where: str, value: Any) -> bool:
    """A text entry in a section that says what it is: read as one of our entries or an
    item, or reported on its own line; False when the section says nothing (the entry is
    counted in the section's line)."""
    if destination in {"languages", "interests", "courses", "skills"}:
        if not isinstance(value, str):
            importer.lost(where, value, "not text, not mapped")
            return True
        item = importer.clean(where, text(value))
        if destination == "languages":
            collected.languages.append(item)
            collected.languages_from = collected.languages_from or where
        elif destination == "interests":
            collected.interests.append(item)
        elif destination == "courses":
            collected.courses.append(item)
            collected.courses_from.append(where)
        else:
            collected.skills.append(item)
            collected.skills_from = collected.skills_from or where
        return True
    if destination not in {"awards", "talks", "patents", "certificates"}:
        return False
    shown = plain_markdown(value)[0].strip() if isinstance(value, str) else ""
    parsed = (_TALK_TEXT if destination == "talks" else _DATED_TEXT).fullmatch(shown)
    noun = {"awards": "an award"}.get(destination, f"a {destination.removesuffix('s')}")
    if parsed is None:
        needs = ("a title, its event and a year, as \"Title — Event (2024)\""
                 if destination == "talks" else "a title and a year, as \"Title (2024)\"")
        importer.lost(where, value, f"not mapped: read as {noun}, the text needs {needs}; "
                      f"add it to {destination}.yaml by hand")
        return True
    fields = {key: value for key, value in parsed.groupdict().items() if value}
    # one year is one date (not a start, which a missing end would make ongoing)
    dates = ({"start_date": fields["start"], "end_date": fields["end"]} if "end" in fields
             else {"date": fields["start"]})
    source = {"title": fields["title"], **dates,
              **({"event": fields["event"]} if "event" in fields else {})}
    table: Table = {"title": "title", "event": "event", **_DATES}
    fixed: dict[str, str] = {}
    if destination == "awards":
        fixed["kind"] = award_kind(fields["title"], title)[0]
    elif destination == "talks" and _talk_kind(title):
        fixed["kind"] = _talk_kind(title)
    kept = importer.entry(destination, source, table, where, fixed)
    if kept is not None:
        read = ", ".join(str(kept[name]) for name in ("title", "event", "start", "end")
                         if name in kept)
        importer.decided(where, value, f"read as {noun} ({read})")
    return True


def _collected(importer: Importer, collected: _Collected) -> None:
    """The entries made of several sections' items: the Languages and Skills entries, the
    courses (given to the first education entry)."""
    table: Table = {"category": "category", "items": "items"}
    if collected.languages:
        importer.entry("skills", {"category": "Languages", "items": collected.languages},
                       table, collected.languages_from)
    if collected.skills:
        importer.entry("skills", {"category": "Skills", "items": collected.skills}, table,
                       collected.skills_from)
    if collected.courses:
        where = ", ".join(dict.fromkeys(path.rsplit("[", 1)[0]
                                        for path in collected.courses_from))
        education = importer.entries.get("education")
        if not education:
            importer.lost(where, collected.courses, "not mapped: courses belong to an "
                          "education entry, and the file has none")
            return
        first = education[0]
        first["courses"] = [*first.get("courses", []), *collected.courses]
        importer.decided(where, collected.courses, f"{plural(len(collected.courses), 'course')}"
                         f" given to the first education entry ({first['id']}: "
                         f"{preview(first['degree'])}); move them if they belong to another")
