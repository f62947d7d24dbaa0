"""Reading a site's checkout, for the importers of whole sites (:mod:`._alfolio`,
:mod:`._hugoblox`): its files inside its folder and bounded (:class:`SiteReader`), its pages'
HTML and Markdown as our plain text, the profile gathered from several files
(:class:`ProfileFields`), its BibTeX as written, and the result put together (:func:`finish`).
"""

from __future__ import annotations

import html
import itertools
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..bib import clean_latex, read_bib_text
from ..bib.latex import fold_words
from ..data.errors import DataError
from ..data.models import Link, Profile
from ..data.yaml_reader import MAX_FILE_BYTES as MAX_DATA_FILE_BYTES
from ..data.yaml_reader import parse_yaml, plain
from ..warnings_ import Subtype
from ._converters import Lost, Unique, link_url, text, texts
from ._importer import Importer, ImportResult
from ._report import is_empty, preview
from ._source_reader import MAX_SOURCE_BYTES, InterchangeError, read_source

#: The bytes read from one site, all files together: a real site's pages and data are a few
#: MB (the blog is not read); past this the checkout is not a portfolio site.
MAX_SITE_BYTES = 64 * 1024 * 1024
#: Pages read from one folder (news, projects, publications...): a long list has hundreds.
MAX_PAGES = 2_000


def spot(file: str, path: str = "") -> str:
    """How the report names a value: its file, then its path in the file."""
    return f"{file}: {path}" if path else file


def settings(importer: Importer, file: str, source: Mapping[str, Any], keys: Iterable[str],
             what: str, prefix: str = "") -> None:
    """One line naming the keys of ``source`` (those of ``keys`` that say something, each
    after ``prefix``) that are the old tool's own settings (``what``), not mapped."""
    named = [prefix + key for key in keys if not is_empty(source.get(key))]
    if named:
        importer.lost(spot(file, ", ".join(named)), "", f"{what}, not mapped")


# --- reading a site: inside its folder, bounded ------------------------------------------

_YAML_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_TOML_FRONT = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_PAGE_SUFFIXES = (".md", ".markdown")


class SiteReader:
    """The files of a site's checkout, each read only if it is inside the checkout (a
    symbolic link out of it is not followed) and a regular file; each file bounded
    (:data:`MAX_SOURCE_BYTES`, YAML and TOML by the data files' bound) and all of them
    together (:data:`MAX_SITE_BYTES`). What cannot be read is reported, not fatal."""

    def __init__(self, root: Path, importer: Importer) -> None:
        if not root.is_dir():
            raise InterchangeError(f"{root}: not a folder: give the checkout of the site")
        self.root = root
        self.real = root.resolve()
        self.importer = importer
        self.budget = MAX_SITE_BYTES

    def exists(self, relative: str) -> bool:
        path = self.root / relative
        return path.exists() or path.is_symlink()

    def _inside(self, relative: str) -> Path | None:
        try:
            real = (self.root / relative).resolve(strict=True)
        except (OSError, RuntimeError):  # a dangling link, or links in a loop
            self.importer.lost(relative, "", "not read: a broken symbolic link")
            return None
        if not real.is_relative_to(self.real):
            self.importer.lost(relative, "", "not read: a symbolic link out of the site")
            return None
        return real

    def file(self, relative: str) -> Path | None:
        """The file at ``relative`` if there is one to read (else None, reported if there is
        something else there)."""
        if not self.exists(relative):
            return None
        real = self._inside(relative)
        if real is None or real.is_dir():
            return None
        if not real.is_file():
            self.importer.lost(relative, "", "not read: not a regular file")
            return None
        return real

    def folder(self, relative: str) -> list[str]:
        """The names in the folder ``relative``, sorted (none if it is not a folder); at
        most :data:`MAX_PAGES`, the rest reported."""
        if not self.exists(relative):
            return []
        real = self._inside(relative)
        if real is None or not real.is_dir():
            return []
        names = sorted(path.name for path in itertools.islice(real.iterdir(), MAX_PAGES + 1))
        if len(names) > MAX_PAGES:
            self.importer.lost(relative, "", f"more than {MAX_PAGES:,} files: only "
                               f"{MAX_PAGES:,} of them are read")
        return names[:MAX_PAGES]

    def pages(self, relative: str) -> list[str]:
        """The pages of a content folder, as Jekyll and Hugo read them: ``NAME.md`` and
        ``NAME/index.md`` (a page bundle), not ``_index.md`` (the list's own page)."""
        found = []
        for name in self.folder(relative):
            path = f"{relative}/{name}"
            if name.endswith(_PAGE_SUFFIXES) and not name.startswith("_index."):
                found.append(path)
            elif self.file(f"{path}/index.md") is not None:
                found.append(f"{path}/index.md")
        return found

    def text(self, relative: str, limit: int = MAX_SOURCE_BYTES) -> str | None:
        """The text of the file ``relative`` (UTF-8), or None: no file, or one not read
        (reported)."""
        path = self.file(relative)
        if path is None:
            return None
        try:
            size = path.stat().st_size
        except OSError as exc:
            self.importer.lost(relative, "", f"not read: {exc.strerror or exc}")
            return None
        if min(size, limit + 1) > self.budget:
            raise InterchangeError(
                f"{self.root}: more than {MAX_SITE_BYTES // 1024 // 1024} MiB of pages and "
                "data to read, far more than a portfolio site; not imported")
        try:
            content = read_source(path, limit)
        except InterchangeError as exc:
            reason = str(exc).replace(str(path), "").lstrip(":0123456789 ")
            self.importer.lost(relative, "", f"not read: {reason}")
            return None
        self.budget -= len(content.encode("utf-8"))
        return content

    def data(self, relative: str) -> Any:
        """A YAML (or, by its suffix, TOML) file's content; None when there is none, or it
        cannot be read (reported)."""
        content = self.text(relative, MAX_DATA_FILE_BYTES)
        if content is None:
            return None
        return self.parse(content, relative, toml=relative.endswith(".toml"))

    def mapping(self, relative: str) -> dict[str, Any]:
        """A data file that holds one mapping (a configuration), or {}."""
        document = self.data(relative)
        if document is None:
            return {}
        if not isinstance(document, dict):
            self.importer.lost(relative, document, "not read: not a mapping")
            return {}
        return document

    def parse(self, content: str, where: str, *, toml: bool = False, first_line: int = 1) -> Any:
        """YAML (with the data files' bounded reader: no aliases, bounded nesting and
        numbers) or TOML text; None when it cannot be read (reported)."""
        if toml:
            try:
                return tomllib.loads(content)
            except (tomllib.TOMLDecodeError, RecursionError) as exc:
                self.importer.lost(where, "", f"not read: not valid TOML ({exc})")
                return None
        try:
            parsed = parse_yaml(content.encode("utf-8"), Path("front-matter.yaml"))
        except DataError as exc:
            if exc.problem.subtype is not Subtype.EMPTY:
                line = exc.problem.line + first_line - 1 if exc.problem.line else 0
                self.importer.lost(f"{where}:{line}" if line else where, "",
                                   f"not read: {exc.problem.message}")
            return None
        for finding in parsed.findings:
            place = f"{where}:{finding.line + first_line - 1}"
            if finding.spoils:
                self.importer.lost(place, "", f"not read: {finding.message}")
                return None
            self.importer.lost(place, "", finding.message)
        return plain(parsed.document)

    def page(self, relative: str) -> tuple[dict[str, Any], str] | None:
        """A page's front matter (YAML between ``---`` lines, or TOML between ``+++``) and
        its text; None when there is no page to read."""
        content = self.text(relative)
        if content is None:
            return None
        for pattern, toml in ((_YAML_FRONT, False), (_TOML_FRONT, True)):
            match = pattern.match(content)
            if match is None:
                continue
            front = self.parse(match[1], relative, toml=toml, first_line=2) if match[1].strip() \
                else {}
            if front is not None and not isinstance(front, dict):
                self.importer.lost(relative, front, "front matter not read: not a mapping")
                front = None
            return front or {}, content[match.end():]
        return {}, content


# --- text: HTML and Markdown pages as our plain text ----------------------------------------

_HTML_TAG = re.compile(
    r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)/?>",
    re.S)
_HTML_TARGET = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_HTML_BREAKS = frozenset({"p", "br", "div", "li", "ul", "ol", "tr", "table", "blockquote",
                          "h1", "h2", "h3", "h4", "h5", "h6", "hr"})


def plain_html(value: str) -> tuple[str, list[str]]:
    """A text with HTML in it as a browser shows it: tags out (a paragraph, a line break or
    a list item starts a line), entities as their characters; and the link and image
    targets thereby lost."""
    if "<" not in value and "&" not in value:
        return value, []
    targets: list[str] = []

    def replace(match: re.Match[str]) -> str:
        if match[2] is None:  # a comment
            return ""
        if not match[1]:
            targets.extend(next(group for group in found.groups() if group is not None)
                           for found in _HTML_TARGET.finditer(match[3] or ""))
        return "\n" if match[2].lower() in _HTML_BREAKS else ""

    shown = html.unescape(_HTML_TAG.sub(replace, value))
    lines = [" ".join(line.split()) for line in shown.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), targets


def html_text(importer: Importer, where: str, value: Any) -> Any:
    """``value`` (a text) without its HTML, the links it loses reported."""
    if not isinstance(value, str):
        return value
    shown, targets = plain_html(value)
    for target in targets:
        importer.lost(where, target, "a link in the text; our text has no links")
    return shown


def html_texts(importer: Importer, where: str, document: Any) -> Any:
    """Every text in ``document`` without its HTML (:func:`html_text`)."""
    if isinstance(document, dict):
        return {key: html_texts(importer, f"{where}.{key}", value)
                for key, value in document.items()}
    if isinstance(document, list):
        return [html_texts(importer, f"{where}[{index}]", value)
                for index, value in enumerate(document)]
    return html_text(importer, where, document)


_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
# A block attribute of Hugo's Markdown (Goldmark): '{style="text-align: justify;"}', '{.lead}'.
_ATTRIBUTE_LINE = re.compile(r"^\s*\{[^{}]*\}\s*$")


def prose(importer: Importer, where: str, body: str, *, mapped: bool = True) -> str:
    """A page's Markdown text as a text of ours: HTML made plain (:func:`html_text`), its
    headings and block attributes out (each heading and lost link reported if the text is
    ``mapped``); links and emphasis are made plain where the text is mapped
    (``Importer.markdown``)."""
    lines = []
    shown = html_text(importer, where, body) if mapped else plain_html(body)[0]
    for line in shown.splitlines():
        heading = _HEADING.match(line)
        if heading and mapped:
            importer.lost(where, heading[1], "a heading of the text, not kept")
        if heading:
            continue
        elif not _ATTRIBUTE_LINE.match(line):
            lines.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def fold(value: str) -> str:
    """A title as compared across files: its words, folded (case, accents, punctuation)."""
    return " ".join(fold_words(value))


# --- the profile, from several files ----------------------------------------------------------

_PROFILE_LISTS = ("aliases", "interests")


class ProfileFields:
    """The profile's fields as the site's files give them: the first file to give a field
    sets it (the files are offered in the order a visitor sees them); a different value
    from a later file is reported. Links are kept once per URL."""

    def __init__(self, importer: Importer) -> None:
        self.importer = importer
        self.values: dict[str, Any] = {}
        self.origins: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.lists: dict[str, list[str]] = {name: [] for name in _PROFILE_LISTS}

    def offer(self, name: str, value: Any, where: str) -> bool:
        """``value`` for our profile field ``name``; whether the profile has it now."""
        if is_empty(value):
            return False
        try:
            converted = self.importer.convert(where, name, value, self.importer.unmapped)
        except Lost as exc:
            self.importer.lost(where, value, str(exc))
            return False
        if isinstance(converted, str) and not converted.strip():
            return False
        try:
            Profile.model_validate({"name": "x", name: converted})
        except ValidationError as exc:
            message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
            self.importer.lost(where, value, f"not mapped: {message}")
            return False
        current = self.values.get(name)
        if current is None:
            self.values[name] = converted
            self.origins[name] = where
            return True
        if " ".join(str(current).split()) != " ".join(str(converted).split()):
            self.importer.lost(where, value, f"not mapped: the profile's {name} is "
                               f'"{preview(current)}" ({self.origins[name]})')
        return True

    def link(self, label: Any, url: Any, where: str) -> None:
        """A link of the profile; a ``mailto:`` link is its e-mail."""
        try:
            checked, shown = link_url(url), text(label)
        except Lost as exc:
            self.importer.lost(where, url, str(exc))
            return
        if checked.lower().startswith("mailto:"):
            self.offer("email", checked[len("mailto:"):], where)
            return
        if any(known["url"].rstrip("/").lower() == checked.rstrip("/").lower()
               for known in self.links):
            return  # the same link from another file: kept once
        try:
            Link(label=shown, url=checked)
        except ValidationError as exc:
            self.importer.lost(where, url, f"not mapped: {exc.errors()[0]['msg']}")
            return
        self.links.append({"label": shown, "url": checked})

    def add(self, name: str, values: Any, where: str) -> None:
        """Items of one of the profile's lists (``aliases``, ``interests``), each once."""
        try:
            items = texts(values)
        except Lost as exc:
            self.importer.lost(where, values, str(exc))
            return
        known = {item.casefold() for item in self.lists[name]}
        for item in items:
            cleaned = self.importer.clean(where, item)
            if cleaned.casefold() not in known:
                known.add(cleaned.casefold())
                self.lists[name].append(cleaned)

    def finish(self) -> None:
        """The profile into the importer (``Importer.profile``); none without a name."""
        fields = {**self.values, "links": self.links,
                  **{name: items for name, items in self.lists.items()}}
        if "name" not in self.values:
            if any(not is_empty(value) for value in fields.values()):
                self.importer.lost("the profile", fields, "not written: no file of the site "
                                   "gives the owner's name")
            return
        self.importer.owner = str(self.values["name"])
        self.importer.entry("profile", {}, {}, "the profile",
                            {key: value for key, value in fields.items() if value})


# --- BibTeX files as they are -----------------------------------------------------------------

_BIB_HEAD = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t\r\n]*([^\s,{}()=\"#%']*)", re.M)
_NOT_ENTRIES = frozenset({"string", "preamble", "comment"})


def bib_entry_texts(content: str) -> dict[str, str]:
    """Key -> the text of that entry, as written; an ``@string``, ``@preamble`` or
    ``@comment`` goes with the entry after it, so the entries read in order as the file."""
    heads = list(_BIB_HEAD.finditer(content))
    found: dict[str, str] = {}
    prelude = ""
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(content)
        chunk = content[head.start():end].strip()
        if head[1].lower() in _NOT_ENTRIES:
            prelude += chunk + "\n\n"
        elif head[2] and head[2].lower() not in {key.lower() for key in found}:
            found[head[2]] = prelude + chunk
            prelude = ""
    return found


def rekeyed(entry: str, old: str, new: str) -> str:
    """The entry's text with its key ``old`` made ``new``."""
    pattern = re.compile(r"(@[ \t]*[A-Za-z]+[ \t]*[{(][ \t\r\n]*)" + re.escape(old) + r"(?=[\s,])")
    return pattern.sub(lambda match: match[1] + new, entry, count=1)


def bib_titles(content: str) -> dict[str, str]:
    """Folded title -> key, of the entries a BibTeX text holds."""
    entries = read_bib_text(content).data.entries
    return {fold(clean_latex(entry.fields.get("title", ""))): key
            for key, entry in entries.items() if entry.fields.get("title")}


def finish(importer: Importer, bib: str = "", bib_entries: Mapping[str, str] | None = None,
           added: Mapping[str, str] | None = None) -> ImportResult:
    """The result: the importer's data (each list's ids made unique across the files it
    came from), the .bib text ``bib`` as it is with the entries ``added`` and the importer's
    own publications after it, each key made unique."""
    for listed in importer.entries.values():
        ids = Unique()
        for entry in listed:
            entry["id"] = ids(str(entry["id"]))
    result = importer.result()
    entries = dict(bib_entries or {})
    keys = {key.lower() for key in entries}
    extra = []
    for key, written in [*(added or {}).items(), *result.bib_entries.items()]:
        new, number = key, 1
        while new.lower() in keys:
            number += 1
            new = f"{key}{number}"
        keys.add(new.lower())
        entries[new] = rekeyed(written, key, new) if new != key else written
        extra.append(entries[new])
    parts = [bib.strip()] if bib.strip() else []
    text_out = "\n\n".join([*parts, *extra])
    return ImportResult(result.data, text_out + "\n" if text_out else "",
                        [_page_path(line) for line in result.unmapped], result.documents,
                        entries, decisions=[_page_path(line) for line in result.decisions])


# A page's values are named "FILE:.key" by the importer (its entries' paths are "where.key"
# and a page's "where" is "FILE:"): as the report names the others, "FILE: key".
_PAGE_KEY = re.compile(r"(\.(?:md|markdown|html)):\.")


def _page_path(line: str) -> str:
    return _PAGE_KEY.sub(r"\1: ", line)
