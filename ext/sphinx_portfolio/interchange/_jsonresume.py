"""JSON Resume (schema v1, https://jsonresume.org/schema) to our data, and back.

Import: :data:`MAPPING` says where each section and field goes, section by section (the
guide shows it). Where JSON Resume does not say what we need, the import decides from the
entry's own words and reports the decision (:attr:`.ImportResult.decisions`): a job's
kind (``research`` from its position or organization, "Professor", "University"...; else
``industry``), an award's kind (a "Fellowship" is a fellowship), whether ``basics.label``
is a position or a tagline, and the author of a publication: JSON Resume names none, and a
resume lists its owner's own publications, so the owner is written as the author.
Everything that has no place in our data is reported, never dropped unsaid (``$schema``
too: it says where the file's schema is, nothing about the researcher).

A project's ``description`` is its description, its ``highlights`` its notes; a job's
``summary`` is its ``focus``; a project's ``entity`` is split at "; " into institutions
(export joins them so). A start without an end date is ongoing, as JSON Resume themes show
it; a date's day is kept (pages and the PDF show the month and year) and exported again, a
publication's in biblatex's ``date`` beside its ``year`` and ``month``.

Export reads the site's data and .bib files and writes every field JSON Resume has a
place for; an education's ``location`` and ``highlights`` (its notes) and a volunteer's
``location`` too, fields al-folio's resume.json adds to the schema's (which allows more).
A round trip (export, then import) keeps all but: the profile's ``affiliation``,
``aliases`` and ``photo`` (a file of the site; JSON Resume's ``image`` is a URL, so it is
not mapped either way), and its ``headline`` when it has a ``position`` too (JSON Resume
has one ``label``); every ``id``; experience ``advisor`` and ``tags`` (its kind is read
again from its position and organization); award ``end``, ``amount``, ``location``,
``paper``, ``project``, ``tags`` and ``terms`` (the first term's year is the award's date),
and its ``kind`` when its title does not say it; certificate ``end`` and ``notes``;
project ``collaborators`` and ``papers``; activity ``kind``, ``terms`` and ``venues``
(written in the summary after its own, they come back in it); the ``note`` of the Languages
skills (JSON Resume's languages have none); publication co-authors, entry types and all
links but one. Talks and patents are not exported: JSON Resume has no section for them,
and another would misfile them (a talk in ``publications`` would come back as a paper);
:func:`export_left_out` names them. An entry that has a start and no end is exported with
the start as its end date too: in JSON Resume a missing end date means "to the present".
No ``$schema`` is written: the schema package names no URL of its own (its ``$id`` is a
placeholder).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pybtex.database import Entry

from ..bib import clean_latex, entry_links, normalized_copy, read_bib_files
from ..bib.biblatex import month_number
from ..data import KINDS, load_list, load_profile
from ..data.languages import Languages
from ..data.values import PRESENT, YearMonth
from ..data.yaml_reader import MAX_DEPTH
from ..warnings_ import Problem, Subtype
from ._converters import Lost, link_url, network_url, text, walk
from ._decisions import label_field
from ._importer import Importer, ImportResult, Table
from ._report import at, is_empty, plural, preview
from ._source_reader import InterchangeError, check_entry_count, read_source

#: Where each JSON Resume section and field goes in our site, as the import does it.
MAPPING: tuple[tuple[str, str], ...] = (
    ("basics.name, email, url", "profile.yaml: name, email, website"),
    ("basics.label", "profile.yaml: position, or headline when it reads as a tagline "
     "(several phrases); the choice is reported"),
    ("basics.summary", "profile.yaml: summary"),
    ("basics.profiles[]", "profile.yaml: links, labelled with the network (a profile "
     "without a URL gets one where the network's URL pattern is known)"),
    ("basics.phone, location", "profile.yaml: phone (shown in the PDF only), location "
     "(address, postal_code, city, region, country_code)"),
    ("basics.image", "not mapped (reported): the profile's photo is a file of the site, "
     "not a URL"),
    ("work[]", "experience.yaml: kind research when its position or organization says so "
     "(Professor, Postdoc, Research, Fellow, PhD, University, Institute...), else industry, "
     "each reported; summary: focus, highlights: notes, url"),
    ("volunteer[]", "activities.yaml, kind service; summary, highlights: notes, url"),
    ("education[]", "education.yaml: studyType and area: degree (\"PhD in Physics\"), "
     "score: gpa, courses, url"),
    ("awards[]", "awards.yaml: awarder: body, summary: detail, url; kind from its title (a "
     "grant, fellowship, scholarship or honor), else award"),
    ("certificates[]", "certificates.yaml: name: title, date: start, issuer, url"),
    ("publications[]", "the .bib file, @misc: publisher, year and month of releaseDate, "
     "url, summary: abstract; you as the author (JSON Resume names none), reported"),
    ("skills[]", "skills.yaml: name: category, keywords: items, level: note (skills "
     "without keywords: the items of one Skills entry)"),
    ("languages[]", "skills.yaml: one entry, category Languages, items \"English (Native "
     "speaker)\""),
    ("interests[]", "profile.yaml: interests (their names; keywords reported)"),
    ("projects[]", "projects.yaml: name: title, entity: institutions, description (or "
     "al-folio's summary): description, highlights: notes, keywords: tags, url"),
    ("references[]", "not mapped (reported): a reference is another person's words"),
    ("meta, $schema", "not mapped (reported): about the file, not about you"),
)

#: Section -> (our data file, fixed fields, source key -> our field); ``work`` is
#: experience, its kind decided entry by entry (:meth:`.Importer.experience`).
_WORK: Table = {
    "name": "organization", "position": "role", "location": "location", "startDate": "start",
    "endDate": "end", "summary": "focus", "highlights": "notes", "url": "url"}
_SECTIONS: dict[str, tuple[str, dict[str, str], Table]] = {
    "volunteer": ("activities", {"kind": "service"}, {
        "position": "role", "organization": "organization", "location": "location",
        "startDate": "start", "endDate": "end", "summary": "summary",
        "highlights": "notes", "url": "url"}),
    "education": ("education", {}, {
        "institution": "institution", "studyType": "degree", "area": "area", "score": "gpa",
        "location": "location", "startDate": "start", "endDate": "end", "courses": "courses",
        "highlights": "notes", "url": "url"}),
    "certificates": ("certificates", {}, {
        "name": "title", "issuer": "issuer", "date": "when", "url": "url"}),
    "projects": ("projects", {}, {
        "name": "title", "entity": "institutions", "startDate": "start", "endDate": "end",
        "description": "description", "summary": "description", "highlights": "notes",
        "keywords": "tags", "url": "url"}),
}
_AWARDS: Table = {"title": "title", "date": "when", "awarder": "body", "summary": "detail",
                  "url": "url"}
_BASICS: Table = {"name": "name", "email": "email", "url": "website", "summary": "summary",
                  "phone": "phone"}
#: basics.location's keys -> the profile's location's.
_LOCATION: dict[str, str] = {"address": "address", "postalCode": "postal_code", "city": "city",
                             "region": "region", "countryCode": "country_code"}
_PUBLICATIONS: Table = {
    "name": "title", "publisher": "publisher", "releaseDate": "when", "url": "url",
    "summary": "abstract"}
_SKILLS: Table = {"name": "category", "keywords": "items", "level": "note"}
#: Sections with no counterpart in our data: each entry is reported (by this field), why.
_NOT_MAPPED = {"references": ("name", "not mapped: a reference is another person's words, "
                              "which have no place in your site")}
#: Projects' institutions, in JSON Resume's one ``entity`` text.
_ENTITY_SEPARATOR = "; "


def import_jsonresume(path: Path) -> ImportResult:
    """Our data files and BibTeX from the JSON Resume at ``path`` (see :data:`MAPPING`)."""
    resume, duplicates = _load(path)
    basics = resume.get("basics")
    profiles = basics.get("profiles") if isinstance(basics, dict) else None
    check_entry_count(path, {**resume, "basics.profiles": profiles})
    importer = Importer(path)
    _report_duplicates(importer, resume, duplicates)
    importer.drop_control_characters(resume)
    _basics(importer, resume)
    for where, item in _items(importer, resume, "work"):
        importer.experience(item, _WORK, where)
    for section, (stem, fixed, table) in _SECTIONS.items():
        if section == "projects":
            continue  # after the awards, in the schema's order
        for where, item in _items(importer, resume, section):
            importer.entry(stem, item, table, where, fixed)
    for where, item in _items(importer, resume, "awards"):
        _award(importer, item, where)
    stem, fixed, table = _SECTIONS["projects"]
    for where, item in _items(importer, resume, "projects"):
        if isinstance(item.get("entity"), str):
            item = {**item, "entity": item["entity"].split(_ENTITY_SEPARATOR)}
        importer.entry(stem, item, table, where, fixed)
    _skills(importer, resume)
    for where, item in _items(importer, resume, "publications"):
        importer.publication(item, _PUBLICATIONS, where)
    for section, (label, why) in _NOT_MAPPED.items():
        for where, item in _items(importer, resume, section):
            importer.lost(where, item.get(label) or item, why)
    known = {"basics", "work", "awards", "interests", "skills", "languages",
             "publications", *_SECTIONS, *_NOT_MAPPED}
    for key, value in resume.items():
        if key == "$schema" and not is_empty(value):
            importer.lost(key, value, "where the file's schema is, not about you; not mapped")
        elif key not in known and not is_empty(value):
            importer.lost(key, value, "no field for it")
    return importer.result()


def _award(importer: Importer, item: dict[str, Any], where: str) -> None:
    """An award, its kind from its title (JSON Resume's awards have no kind)."""
    title = item.get("title")
    importer.award(item, _AWARDS, where, title if isinstance(title, str) else "")


#: A key given twice in one object: (the object, the key, the value kept, the value dropped).
_Duplicate = tuple[dict[str, Any], str, Any, Any]


def _load(path: Path) -> tuple[dict[str, Any], list[_Duplicate]]:
    """The resume, and the keys given twice in one of its objects."""
    duplicates: list[_Duplicate] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        # the first value is kept, as our data files' reader keeps it (JSON.parse would
        # keep the last: either way one is lost, and the report says which)
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append((result, key, result[key], value))
            else:
                result[key] = value
        return result

    def no_constant(name: str) -> None:
        raise ValueError(f"{name} is not a JSON value")

    try:
        resume = json.loads(read_source(path), object_pairs_hook=pairs,
                            parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise InterchangeError(f"{path}: not valid JSON: nested too deeply") from None
    except ValueError as exc:  # too many digits, NaN
        raise InterchangeError(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(resume, dict):
        raise InterchangeError(f"{path}:1: not a JSON Resume: the top level is not an object")
    if _depth(resume) > MAX_DEPTH:  # a resume nests 4 deep; deeper is not one, and recursing
        raise InterchangeError(  # into it (for the report) could exhaust the stack
            f"{path}: arrays and objects nested more than {MAX_DEPTH} levels deep")
    return resume, duplicates


def _report_duplicates(importer: Importer, resume: dict[str, Any],
                       duplicates: list[_Duplicate]) -> None:
    """Each key given twice, by its path, with the value kept and the value dropped."""
    where = {id(value): path for path, value in walk(resume) if isinstance(value, dict)}
    for owner, key, kept, dropped in duplicates:
        if id(owner) in where:  # else it is inside a dropped value, reported as a whole
            importer.lost(at(where[id(owner)], key), "",
                          f'given twice; kept "{preview(kept)}", dropped "{preview(dropped)}"')


def _depth(document: Any) -> int:
    """How deep arrays and objects nest in ``document`` (counted without recursing)."""
    deepest, stack = 0, [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            children = value.values() if isinstance(value, dict) else value
            stack += [(child, depth + 1) for child in children]
    return deepest


def _items(importer: Importer, resume: dict[str, Any],
           section: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, entry) of one section's entries; whatever is not an object is reported."""
    value = resume.get(section)
    if is_empty(value):
        return
    if not isinstance(value, list):
        importer.lost(section, value, "not a list, not mapped")
        return
    for index, item in enumerate(value):
        where = f"{section}[{index}]"
        if isinstance(item, dict):
            yield where, item
        elif not is_empty(item):
            importer.lost(where, item, "not an object, not mapped")


def _basics(importer: Importer, resume: dict[str, Any]) -> None:
    """The profile: ``basics`` with its ``profiles`` as links, and the ``interests``."""
    basics = resume.get("basics") or {}
    if not isinstance(basics, dict):
        importer.lost("basics", basics, "not an object, not mapped")
        basics = {}
    links = _links(importer, basics.get("profiles"))
    interests, lines = [], Importer(importer.source)  # their lines follow the profile's
    for where, item in _items(lines, resume, "interests"):
        try:
            name = text(item.get("name"))
        except Lost:
            name = ""
        if not name:
            lines.lost(where, item, "no name, not mapped")
            continue
        interests.append(name)
        for key, value in item.items():
            if key != "name" and not is_empty(value):
                why = ("our interests are names alone" if key == "keywords"
                       else "no field for it")
                lines.lost(f"{where}.{key}", value, why)
    if basics or links or interests:
        fields = {key: value for key, value in basics.items() if key != "profiles"}
        label = fields.get("label")
        target, why = label_field(label) if isinstance(label, str) else ("position", "")
        fixed: dict[str, Any] = {"links": links, "interests": interests}
        location = _location(importer, fields.pop("location", None))
        if location:
            fixed["location"] = location
        profile = importer.entry("profile", fields, {**_BASICS, "label": target}, "basics",
                                 fixed)
        if profile is None and interests:
            importer.lost("interests", interests, "no profile to hold them")
        if profile is not None:
            importer.owner = profile["name"]
            if target in profile and why:
                importer.decided("basics.label", profile[target],
                                 f"the profile's {target}: {why}")
    importer.unmapped += lines.unmapped


def _location(importer: Importer, value: Any) -> dict[str, str]:
    """basics.location as the profile's location; what it cannot hold is reported."""
    if is_empty(value):
        return {}
    if not isinstance(value, dict):
        importer.lost("basics.location", value, "not an object, not mapped")
        return {}
    location = {}
    for key, item in value.items():
        if is_empty(item):
            continue
        if key not in _LOCATION:
            importer.lost(f"basics.location.{key}", item, "no field for it")
            continue
        try:
            location[_LOCATION[key]] = text(item)
        except Lost as exc:
            importer.lost(f"basics.location.{key}", item, str(exc))
    # in our model's order, whatever the source's: an import of the export writes the same file
    return {ours: location[ours] for ours in _LOCATION.values() if ours in location}


def _links(importer: Importer, profiles: Any) -> list[dict[str, str]]:
    if is_empty(profiles):
        return []
    if not isinstance(profiles, list):
        importer.lost("basics.profiles", profiles, "not a list, not mapped")
        return []
    links = []
    for index, item in enumerate(profiles):
        where = f"basics.profiles[{index}]"
        if not isinstance(item, dict):
            importer.lost(where, item, "not an object, not mapped")
            continue
        try:
            network = text(item.get("network") or "")
            username = text(item.get("username") or "")
            if not is_empty(item.get("url")):
                url = link_url(item["url"])
            elif username:
                url = network_url(network, username)
            else:
                raise Lost("no URL")
        except Lost as exc:
            importer.lost(where, item, str(exc))
            continue
        if username and username.removeprefix("@").lower() not in url.lower():
            importer.lost(f"{where}.username", username, "not in the link's URL")
        for key, value in item.items():
            if key not in {"network", "username", "url"} and not is_empty(value):
                importer.lost(f"{where}.{key}", value, "no field for it")
        host = urlsplit(url).hostname or url.partition(":")[0]  # mailto: has no host
        links.append({"label": network or host.removeprefix("www."), "url": url})
    return links


def _skills(importer: Importer, resume: dict[str, Any]) -> None:
    """Skills with keywords are ours one to one; skills without keywords, and languages,
    are the items of one entry each (our skills are categories of items)."""
    bare: list[str] = []
    for where, item in _items(importer, resume, "skills"):
        if not is_empty(item.get("keywords")):
            importer.entry("skills", item, _SKILLS, where)
        else:
            bare += _named_items(importer, where, item, "name", "level")
    languages: list[str] = []
    for where, item in _items(importer, resume, "languages"):
        languages += _named_items(importer, where, item, "language", "fluency")
    for category, items in (("Skills", bare), ("Languages", languages)):
        if items:
            table = {"category": "category", "items": "items"}
            importer.entry("skills", {"category": category, "items": items}, table, "skills")


def _named_items(importer: Importer, where: str, item: dict[str, Any], name: str,
                 detail: str) -> list[str]:
    """"name (detail)" as one item, or nothing (reported) when the item has no name."""
    try:
        named = text(item.get(name))
        extra = text(item.get(detail) or "")
    except Lost as exc:
        importer.lost(where, item, f"not mapped: {exc}")
        return []
    for key, value in item.items():
        if key not in {name, detail} and not is_empty(value):
            importer.lost(f"{where}.{key}", value, "no field for it")
    if not named:
        importer.lost(where, item, f"not mapped: no {name}")
        return []
    return [f"{named} ({extra})" if extra else named]


# --- export ----------------------------------------------------------------------------------

#: Bib problems that mean an entry (or a whole file) is missing from what was read.
_ENTRY_LEFT_OUT = frozenset({Subtype.BIB_FILE, Subtype.BIB_SYNTAX, Subtype.BIB_STRING,
                             Subtype.BIB_SIZE, Subtype.BIB_DUPLICATE_KEY})
#: Where an entry names its venue, in the order the publication style looks.
_VENUE_FIELDS = ("journal", "booktitle", "howpublished", "publisher", "organization",
                 "institution", "school")


def _iso(value: YearMonth | None) -> str | None:
    return None if value is None or value == PRESENT else value.iso()


def _range(entry: Any) -> dict[str, Any]:
    """startDate and endDate: none for an ongoing entry, the start for a single date, the
    years of the first and last term for an entry given by terms."""
    start, end = entry.start, entry.end
    if start is None and entry.terms:
        start = YearMonth(min(term.year for term in entry.terms))
        end = YearMonth(max(term.year for term in entry.terms))
    return {"startDate": _iso(start), "endDate": _iso(end or start)}


def _joined(*parts: str | None) -> str:
    """The parts given as one text: JSON Resume has one summary where we have more fields."""
    return "; ".join(part for part in parts if part)


def _degree(degree: str) -> dict[str, str]:
    """studyType and area: "Ph.D. in Mathematics" as "Ph.D." in "Mathematics" (the import
    joins them so again)."""
    study_type, found, area = degree.partition(" in ")
    return {"studyType": study_type, "area": area} if found and study_type and area else {
        "studyType": degree}


def _language(item: str) -> dict[str, str]:
    """A Languages item, "English (native)", as JSON Resume's language and fluency."""
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", item)
    return {"language": match[1], "fluency": match[2]} if match else {"language": item}


def _is_languages(skill: Any) -> bool:
    return bool(skill.category.strip().lower() == "languages")


_EXPORTS: dict[str, tuple[str, Callable[[Any], dict[str, Any]]]] = {
    "experience": ("work", lambda e: {
        "name": e.organization, "position": e.role, "location": e.location, **_range(e),
        "summary": e.focus, "highlights": e.notes, "url": e.url}),
    "activities": ("volunteer", lambda e: {
        "organization": e.organization, "position": e.role, "location": e.location,
        **_range(e), "summary": _joined(e.summary, ", ".join(e.venues)),
        "highlights": e.notes, "url": e.url}),
    "education": ("education", lambda e: {
        "institution": e.institution, "location": e.location, **_degree(e.degree),
        **_range(e), "score": e.gpa, "courses": e.courses, "highlights": e.notes,
        "url": e.url}),
    "awards": ("awards", lambda e: {
        "title": e.title, "date": _range(e)["startDate"], "awarder": e.body,
        "summary": e.detail, "url": e.url}),
    "certificates": ("certificates", lambda e: {
        "name": e.title, "date": _iso(e.start), "issuer": e.issuer, "url": e.url}),
    "projects": ("projects", lambda e: {
        "name": e.title, "entity": _ENTITY_SEPARATOR.join(e.institutions), **_range(e),
        "description": e.description, "highlights": e.notes, "keywords": e.tags,
        "url": e.url}),
    "skills": ("skills", lambda e: {"name": e.category, "keywords": e.items, "level": e.note}),
}
#: Our kinds that JSON Resume has no section for, and why they are not put in another.
NOT_EXPORTED: dict[str, str] = {
    "talks": "JSON Resume has no section for talks (in its publications they would come "
             "back as papers)",
    "patents": "JSON Resume has no section for patents (in its publications they would "
               "come back as papers)",
}
#: Sections in the order of the schema.
_ORDER = ("basics", "work", "volunteer", "education", "awards", "certificates",
          "publications", "skills", "languages", "interests", "projects")


def export_jsonresume(data_dir: Path, bib_files: list[Path],
                      default_language: str = "en") -> dict[str, Any]:
    problems: list[Problem] = []
    resume: dict[str, Any] = {}
    # JSON Resume has one language: the site's own (a value without it, its first text;
    # that is no problem of the export's, which says what the site's text is)
    languages = Languages(default_language, default_language)
    if (data_dir / "profile.yaml").exists():
        profile, found = load_profile(data_dir / "profile.yaml", languages)
        problems += found
        if profile is not None:
            resume["basics"] = _compact({
                "name": profile.name, "label": profile.position or profile.headline,
                "email": profile.email, "phone": profile.phone, "url": profile.website,
                "summary": profile.summary,
                "location": _compact({key: getattr(profile.location, ours)
                                      for key, ours in _LOCATION.items()})
                if profile.location else None,
                "profiles": [{"network": link.label, "url": link.url} for link in profile.links],
            })
            resume["interests"] = [{"name": interest} for interest in profile.interests]
    for stem, (section, export) in _EXPORTS.items():
        path = data_dir / f"{stem}.yaml"
        if path.exists():
            loaded = load_list(path, KINDS[stem], languages)
            problems += loaded.problems
            entries: list[Any] = [record.entry for record in loaded.records]
            if stem == "skills":  # spoken languages are JSON Resume's languages
                resume["languages"] = [_language(item) for entry in entries
                                       if _is_languages(entry) for item in entry.items]
                entries = [entry for entry in entries if not _is_languages(entry)]
            resume[section] = [_compact(export(entry)) for entry in entries]
    existing = [path for path in bib_files if path.exists()]
    if existing:
        checked = read_bib_files(existing)
        problems += [p for p in checked.problems if p.subtype in _ENTRY_LEFT_OUT]
        resume["publications"] = [_compact(_publication(entry))
                                  for entry in checked.data.entries.values()]
    problems = [problem for problem in problems if problem.subtype is not Subtype.TRANSLATION]
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise InterchangeError(f"{problems[0]}{more}; fix the data, then export")
    return {section: resume[section] for section in _ORDER if resume.get(section)}


def export_left_out(data_dir: Path) -> list[str]:
    """One line for each of the site's data files that the export leaves out whole (its
    kind has no JSON Resume section, :data:`NOT_EXPORTED`): the file, how many entries,
    why."""
    lines = []
    for stem, why in NOT_EXPORTED.items():
        path = data_dir / f"{stem}.yaml"
        if path.exists():
            count = len(load_list(path, KINDS[stem]).records)
            if count:
                lines.append(f"{path} ({plural(count, 'entry')}): not exported: {why}")
    return lines


def _publication(entry: Entry) -> dict[str, Any]:
    normalized = normalized_copy(entry)

    def field(name: str) -> str:
        return clean_latex(normalized.fields.get(name, "")).strip()

    venue = next((value for name in _VENUE_FIELDS
                  if (value := field(name)) and not re.match(r"https?://", value)), None)
    year = field("year")
    release = None
    if re.fullmatch(r"[12]\d{3}", year):  # only a stated year: none guessed from an arXiv id
        month = month_number(field("month"))
        release = f"{year}-{month:02d}" if month else year
        # the day, where a biblatex date of the same year and month gives it
        day = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", field("date"))
        if month and day and int(day[1]) == int(year) and int(day[2]) == month:
            release = day[0]
    links = entry_links(entry)
    return {"name": field("title"), "publisher": venue, "releaseDate": release,
            "url": links[0][1] if links else None, "summary": field("abstract")}


def _compact(value: dict[str, Any]) -> dict[str, Any]:
    return {key: item for key, item in value.items() if not is_empty(item)}
