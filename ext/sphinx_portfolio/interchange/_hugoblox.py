"""Hugo Blox sites (https://hugoblox.com; before 2024 Wowchemy, before that "Hugo Academic")
to our data: ``sphinx-portfolio import hugo-blox DIR``, DIR a checkout of the site.

Three generations of the academic templates are read, each as its files show the owner:

* the author's profile: ``data/authors/<slug>.yaml`` (current, ``is_owner: true`` or
  ``me``) or ``content/authors/<slug>/_index.md`` (2025 and Wowchemy, ``superuser: true``
  or ``admin``, the biography in the page's text). Its display name is our ``name``, the
  given and family names (and an ``alternate`` spelling) our ``aliases``, ``role`` the
  ``position``, the affiliations our ``affiliation``, the bio the ``summary``; its links
  (icons) our links, a ``mailto:`` link the e-mail; its education, experience (``work``),
  skills, languages and awards our lists, as the template's resume blocks show them;
* Wowchemy keeps experience, accomplishments, skills and the contact e-mail in the home
  page's blocks (``content/_index.md``): those are read there; its other blocks are the
  page's layout (a text block is reported: its text belongs on a page of ours);
* publications: one page each (``content/publications/<slug>/`` or, older,
  ``content/publication/``). Its ``cite.bib`` is the entry when there is one, with what the
  page adds and the entry lacks (abstract, DOI, arXiv id, links, ``featured`` as
  ``keywords = {selected}``, "Equal contribution" notes as ``author+an``); else the entry is
  written from the page: ``publication_types`` (CSL names, or the numeric codes of the
  older templates) pick the BibTeX type, ``publication`` the venue ("In *ICW*" as
  "ICW"), the owner's slug (``me``, ``admin``) in ``authors`` is the owner's name;
* talks: ``content/events/``, ``content/event/`` or ``content/talk/`` pages are our talks
  (title, event, location, dates, abstract; their slides, video or PDF link);
* the site's title (``hugo.yaml``/``config.yaml`` ``title``, ``params.yaml``) and
  settings, project pages (our projects need a start date, and a project page's date is
  when the page was written), blog posts and the rest: reported.

Every value read is mapped or reported (file and path); a time of day and the day of a
date are dropped (our dates are months). The checkout is read as the al-folio import reads
one (:class:`._site.SiteReader`: inside DIR only, bounded, YAML or TOML, nothing run).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from ..bib import clean_latex, read_bib_text
from ..bib.names import without_titles
from ..bib.reader import MAX_FILE_BYTES as MAX_BIB_BYTES
from ._bibtex_writer import (
    MONTHS,
    BibEntry,
    bib_entry_text,
    bib_key,
    escaped_name,
    latex_escaped,
    link_value,
    one_line,
    read_back,
)
from ._converters import Lost, Unique, doi, text, texts, web_url
from ._importer import Importer, ImportResult, Table
from ._markdown import plain_markdown
from ._report import is_empty, preview
from ._site import (
    ProfileFields,
    SiteReader,
    bib_entry_texts,
    finish,
    prose,
    settings,
    spot,
)
from ._source_reader import InterchangeError

#: Where each value of a Hugo Blox site lands in ours (source -> our file and field), as the
#: import does it; the older templates' names in parentheses.
MAPPING: tuple[tuple[str, str], ...] = (
    ("the author: data/authors/me.yaml (2025, Wowchemy: content/authors/admin/_index.md)",
     "the profile and the lists below; another author's file: their name in author lists"),
    ("author: name.display (title)", "profile.yaml: name"),
    ("author: name.given + name.family (first_name + last_name), name.alternate",
     "profile.yaml: aliases (\"Family, Given\")"),
    ("author: role", "profile.yaml: position"),
    ("author: affiliations[].name (organizations[].name)",
     "profile.yaml: affiliation (several joined by \"; \")"),
    ("author: bio (2025, Wowchemy: the page's text; Wowchemy's bio is then reported)",
     "profile.yaml: summary"),
    ("author: links[] (profiles[], social[]): url (link), label (else the icon's network)",
     "profile.yaml: links; a mailto: link is the email"),
    ("author: interests", "profile.yaml: interests"),
    ("author: education[]: degree (area; Wowchemy education.courses[]: course), "
     "institution, start, end (date_start, date_end; year), summary",
     "education.yaml: degree, institution, start, end, notes (a line each)"),
    ("author: experience[]: role, org, start, end, summary (work[]: position, company_name, "
     "date_start, date_end)", "experience.yaml: role, organization, start, end, notes; "
     "kind research or industry from the position and organization (reported)"),
    ("author: skills[]: name, items[].label (items[].name)", "skills.yaml: category, items"),
    ("author: languages[]: name, label", "skills.yaml: category Languages, items "
     "\"English (Native)\""),
    ("author: awards[]: title, awarder, date, summary", "awards.yaml: title, body, start, "
     "detail"),
    ("author: pronouns, postnominals, levels, percents, icons, buttons", "not mapped "
     "(reported)"),
    ("content/_index.md (Wowchemy) block experience: title, company, location, date_start, "
     "date_end, description", "experience.yaml"),
    ("content/_index.md (Wowchemy) block accomplishments: title, organization, "
     "certificate_url, date_start, date_end, description",
     "certificates.yaml: title, issuer, url, start (end), notes"),
    ("content/_index.md (Wowchemy) block features: items[].name", "skills.yaml: the block's "
     "title as category"),
    ("content/_index.md block contact: email", "profile.yaml: email"),
    ("content/_index.md: other blocks (text, collections, hero)", "not mapped (reported)"),
    ("content/publications/<slug>/cite.bib (content/publication/)",
     "the .bib file: the entry as written, with the page's fields it lacks"),
    ("publication page without cite.bib: title, authors (me, admin: the owner's name), date, "
     "publication_types (CSL names; numeric codes 0-8), publication",
     "the .bib file: title, author, year, month, @inproceedings/@article/... (@misc without "
     "a venue), booktitle/journal"),
    ("publication page: publication_short", "the .bib entry: abbr (\"In *ICW*\": ICW)"),
    ("publication page: abstract, doi (hugoblox.ids.doi), hugoblox.ids.arxiv",
     "the .bib entry: abstract, doi, eprint with archiveprefix arXiv"),
    ("publication page: links[] (url_pdf, url_code, url_slides, url_poster, url_video, "
     "url_project)", "the .bib entry: pdf, code, slides, poster, video, website"),
    ("publication page: featured, tags", "the .bib entry: keywords (selected, the tags)"),
    ("publication page: author_notes \"Equal contribution\"", "the .bib entry: author+an "
     "(n=equal)"),
    ("publication page: summary, image, projects, slides, publishDate, its text",
     "not mapped (reported)"),
    ("content/events/<slug>/ (content/event/, content/talk/): title, event_name (event), "
     "location, event_start, event_end (date, date_end), abstract (else summary), tags",
     "talks.yaml: title, event, location, start, end, notes, tags"),
    ("event page: url_slides, else url_video, else url_pdf", "talks.yaml: url"),
    ("event page: event_url, address, links, other speakers, its text",
     "not mapped (reported)"),
    ("hugo.yaml / config.yaml: title, baseURL; params.yaml: hugoblox.identity.name, "
     "header.navbar.logo.text", "not mapped (reported): the new site's title is conf.py's "
     "html_title"),
    ("content/projects/ (content/project/)", "not mapped (reported): our projects need a "
     "start date"),
    ("other content folders, the config files' other keys", "not mapped (reported)"),
)

#: The config files read, in Hugo's order (a site root file, then config/_default/).
_CONFIG_FILES = tuple(f"{folder}{name}.{suffix}" for folder in ("", "config/_default/")
                      for name in ("hugo", "config", "params") for suffix in ("yaml", "toml"))
#: Content folders read (the rest is reported as not read).
_PUBLICATIONS = ("content/publications", "content/publication")
_EVENTS = ("content/events", "content/event", "content/talk")
_PROJECTS = ("content/projects", "content/project")
_AUTHORS = "content/authors"
_READ_FOLDERS = frozenset({*_PUBLICATIONS, *_EVENTS, *_PROJECTS, _AUTHORS})
_HOME_PAGES = ("content/_index.md", "content/experience.md")

#: Link icons of the templates (Hugo Blox's ``brands/x``, Wowchemy's ``twitter`` with its
#: pack) -> the network's name, for a link without a label.
_ICON_LABELS: Final[dict[str, str]] = {
    "x": "X", "twitter": "Twitter", "github": "GitHub", "gitlab": "GitLab",
    "linkedin": "LinkedIn", "google-scholar": "Google Scholar", "orcid": "ORCID",
    "researchgate": "ResearchGate", "mastodon": "Mastodon", "bluesky": "Bluesky",
    "youtube": "YouTube", "instagram": "Instagram", "facebook": "Facebook",
    "semantic-scholar": "Semantic Scholar", "arxiv": "arXiv", "dblp": "DBLP", "cv": "CV",
}

# --- the author ------------------------------------------------------------------------------


@dataclass
class Owner:
    """The site's owner as the pages name them: their slugs, and their name as a BibTeX
    author ("Family, Given"); other authors' slugs with theirs."""

    slugs: set[str] = field(default_factory=set)
    author: str = ""
    others: dict[str, str] = field(default_factory=dict)

    def name_of(self, slug: str) -> str:
        if slug in self.slugs and self.author:
            return self.author
        return self.others.get(slug, slug)


def import_hugoblox(site: Path) -> ImportResult:
    """Our data files and BibTeX from the checkout of a Hugo Blox, Wowchemy or Hugo Academic
    site (the folder with ``content/`` and ``config/``); everything not mapped is a line of
    the report.

    Raises :class:`InterchangeError` when the folder is no such site, or holds far more
    than one (:data:`._alfolio.MAX_SITE_BYTES`)."""
    importer = Importer(site, markdown=True)
    reader = SiteReader(site, importer)
    if not reader.exists("content") and not reader.exists("data/authors"):
        raise InterchangeError(f"{site}: no Hugo Blox site there (no content/ or "
                               "data/authors/ folder)")
    profile = ProfileFields(importer)
    for path in _CONFIG_FILES:
        _config(reader, path)
    owner = _authors(reader, profile)
    for path in _HOME_PAGES:
        _blocks(reader, profile, path)
    added: dict[str, str] = {}
    keys = Unique(separator="")
    for folder in _PUBLICATIONS:
        for path in reader.pages(folder):
            added.update(_publication(reader, owner, path, keys))
    for folder in _EVENTS:
        for path in reader.pages(folder):
            _talk(reader, owner, path)
    for folder in _PROJECTS:
        for path in reader.pages(folder):
            _project(reader, path)
    _not_read(reader)
    profile.finish()
    return finish(importer, "", {}, added)


def _config(reader: SiteReader, path: str) -> None:
    """A config file: the site's titles and address reported, the rest named as settings."""
    config = reader.mapping(path)
    importer = reader.importer
    if not config:
        return
    read = {"title", "baseURL", "baseurl"}
    for key in ("title",):
        if not is_empty(config.get(key)):
            importer.lost(spot(path, key), config[key], "the site's title; the new site's is "
                          "conf.py's html_title")
    for key in ("baseURL", "baseurl"):
        if not is_empty(config.get(key)):
            importer.lost(spot(path, key), config[key], "the old site's address, not mapped: "
                          "name it in conf.py's html_baseurl if the new site is served there")
    for where, value in (("hugoblox.identity.name", _dig(config, "hugoblox", "identity", "name")),
                         ("header.navbar.logo.text", _dig(config, "header", "navbar", "logo",
                                                          "text"))):
        if isinstance(value, str) and value.strip():
            importer.lost(spot(path, where), value, "the name the site shows in its header; "
                          "the new site shows the profile's name")
    settings(importer, path, config, [key for key in config if key not in read],
             "Hugo's and the theme's settings")


def _dig(document: Any, *keys: str) -> Any:
    for key in keys:
        document = document.get(key) if isinstance(document, dict) else None
    return document


def _authors(reader: SiteReader, profile: ProfileFields) -> Owner:
    """The owner's profile (the author file that is the owner's, else ``me``/``admin``);
    every other author's name, for the author lists of the pages."""
    found: list[tuple[str, str, dict[str, Any], str]] = []  # (path, slug, fields, text)
    for name in reader.folder("data/authors"):
        if name.endswith((".yaml", ".yml", ".toml")):
            path = f"data/authors/{name}"
            document = reader.mapping(path)
            slug = str(document.get("slug") or name.rsplit(".", 1)[0])
            found.append((path, slug, document, ""))
    for name in reader.folder(_AUTHORS):
        path = f"{_AUTHORS}/{name}/_index.md"
        page = reader.page(path) if reader.file(path) else None
        if page is not None:
            found.append((path, name, page[0], page[1]))
    owner = Owner()
    if not found:
        return owner
    chosen = next((item for item in found if item[2].get("is_owner") is True
                   or item[2].get("superuser") is True), None) or next(
        (item for item in found if item[1] in {"me", "admin"}), found[0])
    for path, slug, fields, _ in found:
        if (path, slug) == chosen[:2]:
            continue
        display = _display_name(fields)
        if display:
            owner.others[slug] = _bib_name(fields, display)
        reader.importer.lost(path, display, "another author's profile (not the site's owner), "
                             "not mapped; their name is used in author lists")
    path, slug, fields, body = chosen
    owner.slugs = {slug}
    display = _display_name(fields)
    owner.author = _bib_name(fields, display) if display else ""
    _author(reader.importer, profile, path, fields, body)
    return owner


def _display_name(fields: Mapping[str, Any]) -> str:
    name = fields.get("name")
    shown = name.get("display") if isinstance(name, dict) else name
    if is_empty(shown):
        shown = fields.get("title")
    return shown.strip() if isinstance(shown, str) else ""


def _given_family(fields: Mapping[str, Any]) -> tuple[str, str]:
    name = fields.get("name")
    given, family = ((name.get("given"), name.get("family")) if isinstance(name, dict)
                     else (fields.get("first_name"), fields.get("last_name")))
    return (given.strip() if isinstance(given, str) else "",
            family.strip() if isinstance(family, str) else "")


def _bib_name(fields: Mapping[str, Any], display: str) -> str:
    """The author as BibTeX writes them: "Family, Given" when both are given, else the
    display name without titles ("Dr. Alex Johnson" -> "Alex Johnson")."""
    given, family = _given_family(fields)
    return f"{family}, {given}" if given and family else without_titles(display)


# An author file's keys, by what becomes of them.
_AUTHOR_SETTINGS = frozenset({"schema", "slug", "is_owner", "superuser", "highlight_name",
                              "status", "user_groups", "weight", "draft"})
_NO_FIELD = frozenset({"pronouns", "name_pronunciation", "postnominals", "avatar", "email_hash"})
_EDUCATION: Table = {
    "degree": "degree", "area": "area", "course": "degree", "institution": "institution",
    "start": "start", "date_start": "start", "end": "end", "date_end": "end", "year": "when",
    "location": "location", "summary": "notes", "description": "notes"}
_EXPERIENCE: Table = {
    "role": "role", "position": "role", "title": "role", "org": "organization",
    "company_name": "organization", "company": "organization", "location": "location",
    "start": "start", "date_start": "start", "end": "end", "date_end": "end",
    "summary": "notes", "description": "notes"}
_AWARDS: Table = {"title": "title", "awarder": "body", "date": "when", "summary": "detail",
                  "location": "location"}
_CERTIFICATES: Table = {"title": "title", "organization": "issuer", "certificate_url": "url",
                        "date_start": "start", "date_end": "end", "description": "notes"}


def _author(importer: Importer, profile: ProfileFields, path: str, fields: dict[str, Any],
            body: str) -> None:
    """The owner's author file (or page) as our profile and lists."""
    display = _display_name(fields)
    name = fields.get("name")
    name_key = "name.display" if isinstance(name, dict) else ("name" if name else "title")
    profile.offer("name", display, spot(path, name_key))
    given, family = _given_family(fields)
    if given and family:
        profile.add("aliases", f"{family}, {given}", spot(path, "given and family name"))
    if isinstance(name, dict):
        profile.add("aliases", name.get("alternate"), spot(path, "name.alternate"))
        for key, value in name.items():
            if key not in {"display", "given", "family", "alternate"} and not is_empty(value):
                importer.lost(spot(path, f"name.{key}"), value, "no field for it")
    elif (given or family) and not (given and family):
        importer.lost(spot(path, "first_name, last_name"), given or family,
                      "half a name, not mapped")
    profile.offer("position", fields.get("role"), spot(path, "role"))
    affiliations = fields.get("affiliations", fields.get("organizations"))
    _affiliations(importer, profile, spot(path, "affiliations" if "affiliations" in fields
                                          else "organizations"), affiliations)
    bio, story = fields.get("bio"), prose(importer, spot(path, "text"), body)
    if story:
        profile.offer("summary", story, spot(path, "text"))
        if not is_empty(bio):
            importer.lost(spot(path, "bio"), bio, "a short biography shown under posts; the "
                          "summary is the page's text")
    else:
        profile.offer("summary", prose(importer, spot(path, "bio"), str(bio or "")),
                      spot(path, "bio"))
    icons: list[str] = []
    for key in ("links", "profiles", "social"):
        for index, item in enumerate(_list(importer, spot(path, key), fields.get(key))):
            _link(importer, profile, spot(path, f"{key}[{index}]"), item)
            if isinstance(item, dict):
                icons += [f"{key}[{index}].{name}" for name in ("icon", "icon_pack")
                          if not is_empty(item.get(name))]
    if icons:
        importer.lost(spot(path, ", ".join(icons)), "", "the links' icons, not mapped (our "
                      "home page gives a known profile its own icon)")
    profile.offer("email", fields.get("email"), spot(path, "email"))
    profile.add("interests", fields.get("interests") or [], spot(path, "interests"))
    education = fields.get("education")
    if isinstance(education, dict):  # Wowchemy: {courses: [...]}
        for key, value in education.items():
            if key != "courses" and not is_empty(value):
                importer.lost(spot(path, f"education.{key}"), value, "no field for it")
        _entries(importer, "education", spot(path, "education.courses"),
                 education.get("courses"), _EDUCATION)
    else:
        _entries(importer, "education", spot(path, "education"), education, _EDUCATION)
    for key in ("experience", "work"):
        _entries(importer, "experience", spot(path, key), fields.get(key), _EXPERIENCE)
    _skills(importer, spot(path, "skills"), fields.get("skills"))
    _languages(importer, spot(path, "languages"), fields.get("languages"))
    _entries(importer, "awards", spot(path, "awards"), fields.get("awards"), _AWARDS)
    done = {"name", "title", "first_name", "last_name", "role", "affiliations", "organizations",
            "bio", "links", "profiles", "social", "email", "interests", "education",
            "experience", "work", "skills", "languages", "awards"}
    for key, value in fields.items():
        if key in done or is_empty(value):
            continue
        if key in _NO_FIELD:
            importer.lost(spot(path, key), value, "no field for it")
    settings(importer, path, fields, [key for key in fields if key in _AUTHOR_SETTINGS],
             "the theme's settings of the author")
    for key, value in fields.items():
        if key not in done | _NO_FIELD | _AUTHOR_SETTINGS and not is_empty(value):
            importer.lost(spot(path, key), value, "no field for it")


def _list(importer: Importer, where: str, value: Any) -> list[Any]:
    if is_empty(value):
        return []
    if not isinstance(value, list):
        importer.lost(where, value, "not a list, not mapped")
        return []
    return value


def _affiliations(importer: Importer, profile: ProfileFields, where: str, value: Any) -> None:
    names = []
    for index, item in enumerate(_list(importer, where, value)):
        if isinstance(item, dict):
            names.append(item.get("name"))
            for key, extra in item.items():
                if key != "name" and not is_empty(extra):
                    importer.lost(f"{where}[{index}].{key}", extra, "no field for it")
        else:
            names.append(item)
    try:
        shown = [text(name) for name in names if not is_empty(name)]
    except Lost as exc:
        importer.lost(where, value, str(exc))
        return
    profile.offer("affiliation", "; ".join(shown), where)


def _link(importer: Importer, profile: ProfileFields, where: str, item: Any) -> None:
    """A link of the author: ``{icon, url, label}`` (Wowchemy: ``{icon, icon_pack, link}``)."""
    if not isinstance(item, dict):
        importer.lost(where, item, "not a link, not mapped")
        return
    url = item.get("url", item.get("link"))
    icon = str(item.get("icon") or "").rsplit("/", 1)[-1]
    label = item.get("label") or item.get("name") or _ICON_LABELS.get(icon) or _host(url)
    if is_empty(url):
        importer.lost(where, label, "a link without a URL, not mapped")
    elif isinstance(url, str) and url.lower().startswith("mailto:"):
        if profile.offer("email", url[len("mailto:"):], where):
            importer.decided(where, f"{label}: {url}", "the profile's email (shown as itself, "
                             "not as this link)")
    else:
        profile.link(label, url, where)
    for key, value in item.items():
        if key not in {"url", "link", "label", "name", "icon", "icon_pack"} and not is_empty(
                value):
            importer.lost(f"{where}.{key}", value, "no field for it")


def _host(url: Any) -> str:
    match = re.match(r"https?://(?:www\.)?([^/:?#]+)", str(url or ""))
    return match[1] if match else "Link"


def _notes(value: Any) -> Any:
    """A Markdown summary as notes: one a line, list bullets off ("Courses included:",
    "lorem ipsum")."""
    if not isinstance(value, str):
        return value
    lines = [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip() for line in value.splitlines()]
    return [line for line in lines if line]


def _entries(importer: Importer, stem: str, where: str, value: Any, table: Table,
             section: str = "") -> None:
    """A list of the author's entries (in the section titled ``section``) onto our
    ``stem``; a ``button`` (a link or a file of the old site) is reported by the entry's
    own report."""
    for index, item in enumerate(_list(importer, where, value)):
        place = f"{where}[{index}]"
        if not isinstance(item, dict):
            importer.lost(place, item, "not an entry, not mapped")
            continue
        source = {key: _notes(value) if table.get(key) == "notes" else _day(value)
                  for key, value in item.items()}
        if stem == "experience":
            importer.experience(source, table, place, section)
        elif stem == "awards":
            importer.award(source, table, place, str(item.get("title") or ""),
                           section or "awards")
        else:
            if stem == "certificates" and is_empty(item.get("date_end")):
                table = {**table, "date_start": "when"}  # a date, not a period
            importer.entry(stem, source, table, place)


def _day(value: Any) -> Any:
    """A date-time ("2030-06-01T13:00:00Z") as its date, which our dates take."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        match = re.match(r"^\s*(\d{4}-\d{2}-\d{2})[T ]\d", value)
        if match:
            return match[1]
    return value


def _skills(importer: Importer, where: str, value: Any, category: str = "") -> None:
    """Skill groups ``{name, items: [{label or name, level, percent, icon...}]}``: one entry
    of ours each, the items' labels its items (their levels and icons are reported)."""
    for index, group in enumerate(_list(importer, where, value)):
        place = f"{where}[{index}]"
        if not isinstance(group, dict):
            importer.lost(place, group, "not a skill group, not mapped")
            continue
        items = []
        for number, item in enumerate(_list(importer, f"{place}.items", group.get("items"))):
            items.append(_label_of(importer, f"{place}.items[{number}]", item))
        source = {"name": group.get("name") or category, "items": [i for i in items if i]}
        importer.entry("skills", source, {"name": "category", "items": "items"}, place)
        for key, extra in group.items():
            if key not in {"name", "items"} and not is_empty(extra):
                importer.lost(f"{place}.{key}", extra, "no field for it")


def _label_of(importer: Importer, where: str, item: Any) -> str:
    """An item's label (``label`` or ``name``), its other keys reported."""
    if not isinstance(item, dict):
        return str(item) if not is_empty(item) else ""
    label = item.get("label", item.get("name"))
    for key, extra in item.items():
        if key not in {"label", "name"} and not is_empty(extra):
            importer.lost(f"{where}.{key}", extra, "no field for it")
    return str(label) if not is_empty(label) else ""


def _languages(importer: Importer, where: str, value: Any) -> None:
    """Spoken languages as our skills of the category "Languages": "English (Native)"."""
    items = []
    for index, item in enumerate(_list(importer, where, value)):
        place = f"{where}[{index}]"
        if not isinstance(item, dict):
            items.append(str(item))
            continue
        name, label = item.get("name"), item.get("label")
        if is_empty(name):
            importer.lost(place, item, "not mapped: no name")
            continue
        items.append(f"{name} ({label})" if not is_empty(label) else str(name))
        for key, extra in item.items():
            if key not in {"name", "label"} and not is_empty(extra):
                importer.lost(f"{place}.{key}", extra, "no field for it")
    if items:
        importer.entry("skills", {"category": "Languages", "items": items},
                       {"category": "category", "items": "items"}, where)


# --- the home page's blocks --------------------------------------------------------------

#: Blocks that show the author's profile (imported from the author's file).
_PROFILE_BLOCKS = re.compile(r"^(?:resume-|about\.|biography)")


def _blocks(reader: SiteReader, profile: ProfileFields, path: str) -> None:
    """A landing page's blocks: Wowchemy's experience, accomplishments, features (skills)
    and contact are data; the rest is the page's layout, each block reported."""
    page = reader.page(path)
    if page is None:
        return
    importer = reader.importer
    front, body = page
    for index, block in enumerate(_list(importer, spot(path, "sections"), front.get("sections"))):
        where = spot(path, f"sections[{index}]")
        if not isinstance(block, dict):
            importer.lost(where, block, "not a block, not mapped")
            continue
        kind = str(block.get("block") or "")
        given = block.get("content")
        content: dict[str, Any] = given if isinstance(given, dict) else {}
        title = str(content.get("title") or "")
        items = f"{where}.content.items"
        if kind in {"experience", "accomplishments", "features", "contact"}:
            importer.decided(where, f"{kind}: {title}", "its " + (
                "e-mail is the profile's" if kind == "contact" else "items are our " + {
                    "experience": "experience", "accomplishments": "certificates",
                    "features": "skills"}[kind]))
        if kind == "experience":
            _entries(importer, "experience", items, content.get("items"), _EXPERIENCE, title)
        elif kind == "accomplishments":
            _entries(importer, "certificates", items, content.get("items"), _CERTIFICATES,
                     title)
        elif kind == "features":
            labels = [_label_of(importer, f"{items}[{number}]", item) for number, item
                      in enumerate(_list(importer, items, content.get("items")))]
            importer.entry("skills", {"name": title or "Skills", "items": [x for x in labels if x]},
                           {"name": "category", "items": "items"}, f"{where}.content")
        elif kind == "contact":
            profile.offer("email", content.get("email"), f"{where}.content.email")
            rest = [key for key in content if key not in {"email", "title"}]
            settings(importer, path, content, rest, "the contact block's lines (no field for "
                     "them)", f"sections[{index}].content.")
        elif _PROFILE_BLOCKS.match(kind):
            importer.lost(where, kind, "a block showing the author's profile (imported from "
                          "the author's file)")
            continue
        elif kind == "markdown" and not is_empty(content.get("text")):
            importer.lost(where, f"{title}: {content['text']}", "a text of the home page, not "
                          "mapped: copy it into a page of the new site")
            continue
        else:
            importer.lost(where, f"{kind}: {title}" if title else kind,
                          "a block of the page's layout, not mapped")
            continue
        settings(importer, path, block, [key for key in block if key not in {"block",
                                                                            "content"}],
                 "the block's layout", f"sections[{index}].")
        settings(importer, path, content, [key for key in content if key not in {
            "items", "email", "title"} and kind != "contact"], "the block's layout",
                 f"sections[{index}].content.")
    settings(importer, path, front, [key for key in front if key != "sections"],
             "the page's settings")
    if body.strip():
        importer.lost(spot(path, "text"), body.strip(), "the page's text, not mapped")


# --- publications ----------------------------------------------------------------------------

#: Hugo Blox's publication types: the numeric codes of the templates before 2023-09-30, then
#: CSL's names -> (BibTeX type with a venue, the venue's field). Without a venue: @misc.
_NUMERIC_TYPES: Final[dict[str, str]] = {
    "0": "", "1": "paper-conference", "2": "article-journal", "3": "article", "4": "report",
    "5": "book", "6": "chapter", "7": "thesis", "8": "patent"}
_CSL_TYPES: Final[dict[str, tuple[str, str]]] = {
    "paper-conference": ("inproceedings", "booktitle"),
    "article-journal": ("article", "journal"),
    "chapter": ("incollection", "booktitle"),
    "book": ("book", "publisher"),
    "report": ("techreport", "institution"),
    "thesis": ("phdthesis", "school"),
}
#: Link types (current ``links[].type``, older ``url_<type>``) -> our BibTeX link field.
_LINK_FIELDS: Final[dict[str, str]] = {
    "pdf": "pdf", "code": "code", "slides": "slides", "poster": "poster", "video": "video",
    "project": "website", "site": "website"}
#: Front matter keys of a publication page mapped onto the entry.
_BIBLIOGRAPHIC = ("title", "authors", "date", "publication_types", "publication")
_PAGE_EXTRAS = frozenset({"abstract", "doi", "hugoblox", "links", "featured", "tags",
                          "publication_short",
                          "author_notes", *(f"url_{kind}" for kind in _LINK_FIELDS),
                          "url_dataset", "url_source"})
_PAGE_ONLY: Final[dict[str, str]] = {
    "publishDate": "the date the page was published, not the paper's",
    "summary": "a shorter abstract for the lists, not mapped",
    "image": "the page's picture, not mapped",
    "projects": "the projects it belongs to (project pages are not imported)",
    "slides": "a slide deck of the old site, not mapped",
    "draft": "the page's settings, not mapped",
    "weight": "the page's settings, not mapped",
    "categories": "the page's categories, not mapped",
}
_EQUAL = re.compile(r"^\s*equal\s+contribution\s*$", re.I)


def _publication(reader: SiteReader, owner: Owner, path: str, keys: Unique) -> dict[str, str]:
    """One publication page: its cite.bib entry (with what the page adds), else an entry
    written from the page; key -> BibTeX text."""
    page = reader.page(path)
    if page is None:
        return {}
    importer = reader.importer
    front, body = page
    extras = _page_fields(importer, owner, path, front)
    cite_path = f"{path.rsplit('/', 1)[0]}/cite.bib" if path.endswith("/index.md") else ""
    cite = reader.text(cite_path, MAX_BIB_BYTES) if cite_path else None
    if body.strip():
        importer.lost(spot(path, "text"), body.strip(), "the page's text, not mapped")
    if cite is not None and (found := bib_entry_texts(cite)):
        checked = read_bib_text(cite, Path(cite_path))
        for problem in checked.problems:
            importer.lost(f"{cite_path}:{problem.line}", "", problem.message)
        given = [key for key in _BIBLIOGRAPHIC if not is_empty(front.get(key))]
        if given:
            importer.lost(spot(path, ", ".join(given)), front.get("title", ""),
                          f"the entry of {cite_path} is used instead")
        if len(found) > 1:
            for _, value, where in extras:
                importer.lost(where, value, f"not added: {cite_path} holds several entries")
            return found
        key, entry = next(iter(found.items()))
        return {key: _enriched(importer, entry, key, checked.data.entries.get(key), extras)}
    return _written(importer, owner, path, front, extras, keys)


#: (our BibTeX field, its TeX value, where it came from) of a page.
_Field = tuple[str, str, str]


def _page_fields(importer: Importer, owner: Owner, path: str,
                 front: dict[str, Any]) -> list[_Field]:
    """What a publication page says beyond its citation: abstract, DOI, arXiv id, links,
    featured and tags (keywords), equal contribution; each other key reported."""
    found: list[_Field] = []

    def add(name: str, value: str, where: str, *, url: bool = False) -> None:
        if any(known == name for known, _, _ in found):
            importer.lost(where, value, f"a second {name}, not mapped")
            return
        found.append((name, link_value(value) if url else latex_escaped(value), where))

    short = _venue(importer, spot(path, "publication_short"), front.get("publication_short"))
    if short:
        add("abbr", short, spot(path, "publication_short"))
        importer.decided(spot(path, "publication_short"), front["publication_short"],
                         f"the venue's abbreviation (abbr) {short}")
    abstract = front.get("abstract")
    if isinstance(abstract, str) and abstract.strip():
        add("abstract", _plain(importer, spot(path, "abstract"), abstract),
            spot(path, "abstract"))
    ids = _dig(front, "hugoblox", "ids") or {}
    for where, value in ((spot(path, "doi"), front.get("doi")),
                         (spot(path, "hugoblox.ids.doi"), ids.get("doi")
                          if isinstance(ids, dict) else None)):
        if not is_empty(value):
            try:
                add("doi", doi(value), where)
            except Lost as exc:
                importer.lost(where, value, str(exc))
    if isinstance(ids, dict):
        if not is_empty(ids.get("arxiv")):
            add("eprint", str(ids["arxiv"]), spot(path, "hugoblox.ids.arxiv"))
            add("archiveprefix", "arXiv", spot(path, "hugoblox.ids.arxiv"))
        for name, value in ids.items():
            if name not in {"doi", "arxiv"} and not is_empty(value):
                importer.lost(spot(path, f"hugoblox.ids.{name}"), value, "no field for it")
    hugoblox = front.get("hugoblox")
    if isinstance(hugoblox, dict):
        for name, value in hugoblox.items():
            if name != "ids" and not is_empty(value):
                importer.lost(spot(path, f"hugoblox.{name}"), value, "no field for it")
    for kind in (*_LINK_FIELDS, "dataset", "source"):
        _page_link(importer, spot(path, f"url_{kind}"), kind, front.get(f"url_{kind}"), add)
    for index, item in enumerate(_list(importer, spot(path, "links"), front.get("links"))):
        where = spot(path, f"links[{index}]")
        if not isinstance(item, dict):
            importer.lost(where, item, "not a link, not mapped")
            continue
        kind = str(item.get("type") or "")
        if kind == "preprint" and str(item.get("provider", "")).lower() == "arxiv":
            if not any(name == "eprint" for name, _, _ in found):
                add("eprint", str(item.get("id", "")), where)
                add("archiveprefix", "arXiv", where)
            continue
        _page_link(importer, where, kind, item.get("url"), add)
        for key, value in item.items():
            if key not in {"type", "url"} and not is_empty(value):
                importer.lost(f"{where}.{key}", value, "no field for it")
    try:
        keywords = texts(front.get("tags") or [])
    except Lost as exc:
        importer.lost(spot(path, "tags"), front.get("tags"), str(exc))
        keywords = []
    if front.get("featured") is True:
        keywords.append("selected")
    if keywords:
        add("keywords", ", ".join(keywords), spot(path, "tags, featured"))
    notes = front.get("author_notes")
    if isinstance(notes, list) and any(not is_empty(note) for note in notes):
        equal = [index + 1 for index, note in enumerate(notes)
                 if isinstance(note, str) and _EQUAL.match(note)]
        other = [note for note in notes if not is_empty(note)
                 and not (isinstance(note, str) and _EQUAL.match(note))]
        if equal:
            found.append(("author+an", "; ".join(f"{number}=equal" for number in equal),
                          spot(path, "author_notes")))
            importer.decided(spot(path, "author_notes"), notes, "the authors "
                             f"{', '.join(map(str, equal))} as equal contributors (author+an)")
        if other:
            importer.lost(spot(path, "author_notes"), other, "notes on authors other than "
                          "equal contribution, no field for them")
    for key, value in front.items():
        if key in _BIBLIOGRAPHIC or key in _PAGE_EXTRAS or is_empty(value):
            continue
        importer.lost(spot(path, key), value, _PAGE_ONLY.get(key, "no field for it"))
    return found


def _page_link(importer: Importer, where: str, kind: str, value: Any,
               add: Callable[..., None]) -> None:
    if is_empty(value):
        if not where.rsplit(": ", 1)[-1].startswith("url_"):  # an empty url_* says nothing
            importer.lost(where, kind, "a link without a URL, not mapped")
        return
    if kind not in _LINK_FIELDS:
        importer.lost(where, value, f"a {kind or 'custom'} link, no field for it")
        return
    try:
        add(_LINK_FIELDS[kind], web_url(value), where, url=True)
    except Lost as exc:
        importer.lost(where, value, str(exc))


def _plain(importer: Importer, where: str, value: str) -> str:
    """Markdown as plain text, the lost links reported."""
    shown, targets, _ = plain_markdown(value)
    for target in targets:
        importer.lost(where, target, "a link in the text; our text has no links")
    return one_line(shown)


def _enriched(importer: Importer, entry: str, key: str, read: Any,
              extras: list[_Field]) -> str:
    """A cite.bib entry with the page's fields it lacks added before its closing brace;
    the fields it has already are its own (the page's reported)."""
    have = {name.lower() for name in read.fields} if read is not None else set()
    if read is not None and read.persons.get("author"):
        have.add("author")
    adding = []
    for name, value, where in extras:
        if name.lower() in have or (name == "eprint" and "arxiv" in have):
            importer.lost(where, value, f"cite.bib's entry has its own {name}")
        elif name == "author+an" and "author" not in have:
            importer.lost(where, value, "cite.bib's entry has no authors to annotate")
        else:
            adding.append((name, value, where))
    if not adding:
        return entry
    body = entry.rstrip()
    head = body[:-1].rstrip()
    lines = [f"  {name} = {{{value}}}," for name, value, _ in adding]
    result = "\n".join([head if head.endswith(",") else head + ",", *lines, body[-1]])
    check = read_bib_text(result).data.entries.get(key)
    if check is None or any(name.lower() not in {f.lower() for f in check.fields}
                            for name, _, _ in adding if name != "author+an"):
        for name, value, where in adding:
            importer.lost(where, value, f"could not be added to cite.bib's entry ({name})")
        return entry
    return result


def _written(importer: Importer, owner: Owner, path: str, front: dict[str, Any],
             extras: list[_Field], keys: Unique) -> dict[str, str]:
    """An entry written from the page's front matter, when it has no cite.bib."""
    try:
        title = _plain(importer, spot(path, "title"), text(front.get("title") or ""))
    except Lost as exc:
        importer.lost(spot(path, "title"), front.get("title"), f"not mapped: {exc}")
        title = ""
    if not title:
        importer.lost(path, front, "not mapped: the publication has no title")
        return {}
    authors = []
    for index, author in enumerate(_list(importer, spot(path, "authors"), front.get("authors"))):
        try:
            authors.append(owner.name_of(text(author)))
        except Lost as exc:
            importer.lost(spot(path, f"authors[{index}]"), author, str(exc))
            continue
        if authors[-1] != author:
            importer.decided(spot(path, f"authors[{index}]"), author,
                             f"the author whose page that is: {authors[-1]}")
    year, month = _year_month(importer, spot(path, "date"), front.get("date"))
    kind = _csl_type(importer, spot(path, "publication_types"), front.get("publication_types"))
    entry_type, venue_field = _CSL_TYPES.get(kind, ("misc", "howpublished"))
    venue = _venue(importer, spot(path, "publication"), front.get("publication"))
    if not venue:
        entry_type, venue_field = "misc", "howpublished"
    if not is_empty(front.get("publication_types")):
        importer.decided(spot(path, "publication_types"), front["publication_types"],
                         f"@{entry_type} ({kind or 'no type'}"
                         f"{', with no venue' if not venue and kind in _CSL_TYPES else ''})")
    fields: list[tuple[str, str]] = [("title", "{" + latex_escaped(title) + "}")]
    if authors:
        fields.append(("author", "{" + " and ".join(escaped_name(a) for a in authors) + "}"))
    if venue:
        fields.append((venue_field, "{" + latex_escaped(venue) + "}"))
    if year:
        fields.append(("year", f"{{{year}}}"))
    if month:
        fields.append(("month", MONTHS[month - 1]))
    fields += [(name, "{" + value + "}") for name, value, _ in extras]
    key = bib_key(BibEntry(path, title, entry_type, authors, year=year), keys)
    written = bib_entry_text(entry_type, key, fields)
    read = read_back(importer, key, written, path, title)
    if read is None:
        return {}
    if one_line(clean_latex(read.fields["title"])) != one_line(title):
        importer.lost(spot(path, "title"), title, "the title reads back as "
                      f"'{preview(clean_latex(read.fields['title']))}'")
    return {key: written}


def _year_month(importer: Importer, where: str, value: Any) -> tuple[int | None, int]:
    if is_empty(value):
        return None, 0
    value = _day(value)
    if isinstance(value, date):
        return value.year, value.month
    match = re.match(r"^\s*(\d{4})(?:-(\d{2}))?", str(value))
    if match is None:
        importer.lost(where, value, "not a date")
        return None, 0
    return int(match[1]), int(match[2] or 0)


def _csl_type(importer: Importer, where: str, value: Any) -> str:
    """The page's publication type as a CSL name (a numeric code of the older templates as
    the CSL name it stood for); types without a BibTeX counterpart of ours reported."""
    kinds = value if isinstance(value, list) else [value]
    names = [_NUMERIC_TYPES.get(str(kind).strip(), str(kind).strip()) for kind in kinds
             if not is_empty(kind)]
    if not names:
        return ""
    if len(names) > 1:
        importer.lost(where, names[1:], "more than one type: the first is kept")
    if names[0] and names[0] not in _CSL_TYPES and names[0] != "article":
        importer.lost(where, value, "a type written as @misc")
    return names[0]


def _venue(importer: Importer, where: str, value: Any) -> str:
    """Where it appeared, as Hugo Blox writes it ("In *ICW*") as the venue's name ("ICW")."""
    if is_empty(value) or not isinstance(value, str):
        return ""
    shown = _plain(importer, where, value)
    return re.sub(r"^In\s+", "", shown)


# --- talks and projects ----------------------------------------------------------------------

_TALK: Table = {"title": "title", "event_name": "event", "event": "event",
                "location": "location", "abstract": "notes", "tags": "tags",
                "date": "start", "event_start": "start", "date_end": "end",
                "event_end": "end"}
#: The links of a talk page, in the order one of them is its link (slides first).
_TALK_LINKS = ("url_slides", "url_video", "url_pdf")
_TALK_SETTINGS = ("all_day", "event_all_day", "featured", "draft", "publishDate", "weight",
                  "image", "projects", "slides")


def _talk(reader: SiteReader, owner: Owner, path: str) -> None:
    """One event page as our talk; its first slides, video or PDF link its ``url``."""
    page = reader.page(path)
    if page is None:
        return
    importer = reader.importer
    front, body = page
    source = {key: _day(value) if key in {"date", "event_start", "date_end", "event_end"}
              else value for key, value in front.items()}
    for key in ("date", "event_start", "date_end", "event_end"):
        moment = front.get(key)
        timed = (moment.hour or moment.minute) if isinstance(moment, datetime) else (
            isinstance(moment, str) and re.search(r"T(?!00:00)\d\d:\d\d", moment))
        if timed:
            importer.lost(spot(path, key), moment, "the time of day, not kept")
    table = dict(_TALK)
    if not is_empty(source.get("event_start")):  # the page's date is not the talk's
        for key in ("date", "date_end"):
            del table[key]
            if not is_empty(source.get(key)):
                importer.lost(spot(path, key), front[key], "the page's date, not the talk's")
                del source[key]
    if is_empty(source.get("abstract")) and not is_empty(source.get("summary")):
        table["summary"] = "notes"
    elif not is_empty(source.get("summary")):
        importer.lost(spot(path, "summary"), source["summary"], "a shorter abstract for the "
                      "lists, not mapped")
    single = [key for key in ("date", "event_start") if not is_empty(source.get(key))]
    ends = [key for key in ("date_end", "event_end") if not is_empty(source.get(key))]
    if single and not ends:
        table[single[0]] = "when"  # one day: not a period running to the present
    url = next((key for key in _TALK_LINKS if not is_empty(source.get(key))), None)
    if url:
        table[url] = "url"
    for key in _TALK_LINKS:
        if key != url and not is_empty(source.get(key)):
            importer.lost(spot(path, key), source[key], "a second link of the talk, not mapped")
    speakers = _list(importer, spot(path, "authors"), front.get("authors"))
    authors = [a for a in speakers if not (isinstance(a, str) and a in owner.slugs)]
    if len(authors) < len(speakers):
        importer.decided(spot(path, "authors"), speakers, "the site's owner gave it: a talk "
                         "of yours")
    if authors:
        importer.lost(spot(path, "authors"), [owner.name_of(str(a)) for a in authors],
                      "other speakers, no field for them")
    skip = {"authors", "summary", *_TALK_SETTINGS, *_TALK_LINKS}
    importer.entry("talks", {key: value for key, value in source.items()
                             if key not in skip or table.get(key)}, table, f"{path}:")
    settings(importer, path, front, [key for key in _TALK_SETTINGS if key in front],
             "the page's display settings")
    if body.strip():
        importer.lost(spot(path, "text"), body.strip(), "the page's text, not mapped")


def _project(reader: SiteReader, path: str) -> None:
    """A project page, reported: our projects need a start date, and a page's ``date`` is
    when the page was written."""
    page = reader.page(path)
    if page is None:
        return
    importer = reader.importer
    front, body = page
    shown = " \N{EM DASH} ".join(str(front[key]) for key in ("title", "summary")
                                 if not is_empty(front.get(key)))
    importer.lost(spot(path, "title, summary"), shown, "a project page, not mapped: our "
                  "projects need a start date, and the page's date is when it was written "
                  "(add it to projects.yaml with its dates)")
    settings(importer, path, front, [key for key in front if key not in {"title", "summary"}],
             "the page's other values (date, links, tags, image)")
    if body.strip():
        importer.lost(spot(path, "text"), body.strip(), "the page's text, not mapped")


def _not_read(reader: SiteReader) -> None:
    """Content folders and pages this import does not read, each named once."""
    for name in reader.folder("content"):
        path = f"content/{name}"
        if path in _READ_FOLDERS or path in _HOME_PAGES:
            continue
        pages = reader.folder(path)
        what = f"{len(pages)} files" if pages else "a page"
        reader.importer.lost(path, "", f"{what} of the old site, not read: copy what you want "
                             "into pages of the new site")

