"""What both formats share: bounded reading, values turned into ours, the report of what is
lost, and writing our YAML data files and BibTeX.

Every value comes from an untrusted file, so nothing here trusts its type or its text: a
value is converted by a function that raises :class:`Lost` (with the reason) rather than
guess, each entry is validated against our model before it is written, and each YAML or
BibTeX text is written so that our own readers give back the very same string.

What no format states but our data needs (an experience's kind, an award's kind, whether a
label is a position or a tagline) is decided from the entry's own words here
(:func:`experience_kind`, :func:`award_kind`, :func:`label_field`), once for every format,
and each decision is reported (:meth:`Importer.decided`), never made silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any, Literal, TypeVar, cast
from urllib.parse import quote, urlsplit

from pybtex.bibtex.utils import split_tex_string
from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError
from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter

from ..bib import clean_latex, read_bib_text
from ..bib.latex import fold_words
from ..bib.reader import MAX_FIELD_CHARS
from ..data.load import MAX_FILE_BYTES as MAX_DATA_FILE_BYTES
from ..data.load import kind_of
from ..data.models import KINDS, MAPPINGS
from ..data.values import PRESENT, Term, YearMonth, parse_end, parse_term, parse_year_month
from ..files import free_name
from ..warnings_ import Subtype

#: The largest source file read: a real CV is a few tens of KB, with long abstracts maybe 200.
MAX_SOURCE_BYTES = 2 * 1024 * 1024
#: The most entries (jobs, degrees, papers, links...) of one source file, all sections
#: together, counted before any is mapped: a long CV has a few hundred. Each entry is
#: checked against our model (~0.4 ms), so 5,000 take ~2 s; 2 MiB of JSON holds 40,000.
MAX_SOURCE_ENTRIES = 5_000
_T = TypeVar("_T")
#: Characters of a value quoted in the report.
_PREVIEW = 60


class InterchangeError(Exception):
    """The source cannot be read at all; the message is one line, ``file:line: reason``."""

    def __init__(self, message: str) -> None:
        super().__init__(one_printable_line(message))  # parsers' messages may span lines


@dataclass
class ImportResult:
    """Our data files (stem -> YAML text), the BibTeX text and what could not be mapped;
    and the same entries one by one, to add to a site's own files (:mod:`._merge`)."""

    data: dict[str, str]
    bib: str
    unmapped: list[str]
    #: stem -> the entries of ``data[stem]`` (the profile's fields for "profile")
    documents: dict[str, Any] = field(default_factory=dict)
    #: BibTeX key -> that entry's text in ``bib``
    bib_entries: dict[str, str] = field(default_factory=dict)
    #: Where the source does not say and the import decided (an experience's kind read
    #: from its position, you as the author of a publication that names none...): one line
    #: each, naming the entry, what was decided and why, for the user to check.
    decisions: list[str] = field(default_factory=list)


class Lost(Exception):
    """A source value that has no place in our data; the message says why."""


# --- reading -------------------------------------------------------------------------------


def read_source(path: Path, limit: int = MAX_SOURCE_BYTES) -> str:
    """The file's text, refused past ``limit`` bytes (read no further than that)."""
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise InterchangeError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InterchangeError(
            f"{path}: larger than {limit // 1024:,} KiB, far more than a CV; not read")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InterchangeError(
            f"{path}:{line}: byte 0x{data[exc.start]:02x} is not UTF-8 text") from None


def check_entry_count(path: Path, sections: Mapping[str, Any]) -> None:
    """Refuse a source whose sections (name -> list of entries) hold more entries in all
    than :data:`MAX_SOURCE_ENTRIES`, before a single entry is mapped."""
    counts = {name: len(value) for name, value in sections.items() if isinstance(value, list)}
    total = sum(counts.values())
    if total > MAX_SOURCE_ENTRIES:
        largest = max(counts, key=lambda name: counts[name])
        raise InterchangeError(
            f"{path}: {total:,} entries ({largest}: {counts[largest]:,}), more than the "
            f"{MAX_SOURCE_ENTRIES:,} a CV is imported with; not imported")


# --- values --------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def is_empty(value: Any) -> bool:
    """Whether a value says nothing (so leaving it out loses nothing)."""
    return value is None or value in ("", [], {}) or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Lost(f"not text but a {kind_of(value)}")
    result = str(value).strip()
    if _SURROGATE.search(result):
        raise Lost("not valid Unicode text")
    return result


def texts(value: Any) -> list[str]:
    """A list of texts; one text is a list of one."""
    items = value if isinstance(value, list) else [value]
    return [converted for item in items if not is_empty(item) and (converted := text(item))]


def web_url(value: Any) -> str:
    url = text(value)
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed '[' of an IPv6 host
        raise Lost("not an http(s) link") from None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc or re.search(r"\s", url):
        raise Lost("not an http(s) link")
    return url


def link_url(value: Any) -> str:
    """A profile link: http(s), or mailto (our models take mailto in the profile only)."""
    url = text(value)
    if re.fullmatch(r"(?i:mailto:)[^@\s]+@[^@\s]+", url):
        return url
    try:
        return web_url(url)
    except Lost:
        raise Lost("not an http(s) or mailto link") from None


def doi(value: Any) -> str:
    result = text(value)
    if not re.fullmatch(r"(?:https?://(?:dx\.)?doi\.org/)?10\.\S+", result, re.I):
        raise Lost("not a DOI")
    return result


#: Profile URLs made from a user name, for networks whose URL pattern is public and stable.
NETWORK_URLS: dict[str, str] = {
    "linkedin": "https://linkedin.com/in/",
    "github": "https://github.com/",
    "gitlab": "https://gitlab.com/",
    "x": "https://x.com/",
    "twitter": "https://x.com/",
    "orcid": "https://orcid.org/",
    "google scholar": "https://scholar.google.com/citations?user=",
    "researchgate": "https://researchgate.net/profile/",
}


def network_url(network: str, username: str) -> str:
    """The profile URL of ``username`` on ``network``, or raise :class:`Lost`."""
    prefix = NETWORK_URLS.get(" ".join(network.lower().split()))
    if prefix is None:
        raise Lost(f"no link: the URL of a {network} profile cannot be made from a user name")
    return prefix + quote(username.strip().removeprefix("@"), safe="-._~")


def start_date(value: Any) -> YearMonth:
    return _parsed(parse_year_month, value)


def end_date(value: Any) -> YearMonth:
    return _parsed(parse_end, value)


def when(value: Any) -> YearMonth | Term:
    """A date, or an academic term such as 'Fall 2023'."""
    try:
        return _parsed(parse_year_month, value)
    except Lost:
        return _parsed(parse_term, value)


def _parsed(parse: Callable[[Any], _T], value: Any) -> _T:
    if isinstance(value, bool | float):
        raise Lost("not a date")
    try:
        return parse(value)
    except (PydanticCustomError, ValueError):
        raise Lost("not a date") from None



def at(where: str, key: str) -> str:
    """The path of ``key`` inside ``where`` ("basics.phone"), as the report names values."""
    return f"{where}.{key}" if where else key


def preview(value: Any) -> str:
    """A short one-line rendering of a source value, for the report."""
    if isinstance(value, dict):
        value = ", ".join(preview(item) for item in value.values() if not is_empty(item))
    elif isinstance(value, list):
        value = ", ".join(preview(item) for item in value if not is_empty(item))
    shown = one_printable_line(str(value))
    return shown if len(shown) <= _PREVIEW else shown[: _PREVIEW - 1] + "\N{HORIZONTAL ELLIPSIS}"


def one_printable_line(value: str) -> str:
    """Text fit for a terminal: no line breaks, no control characters (escape sequences)."""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())


def plural(count: int, noun: str, nouns: str = "") -> str:
    """'1 entry', '2 entries', '0 files': the count with its noun in the right number
    (``nouns`` when the plural is not ``noun`` + 's'; a noun in -y takes -ies)."""
    if count == 1:
        return f"{count} {noun}"
    if not nouns:
        nouns = f"{noun[:-1]}ies" if re.search(r"[^aeiou]y$", noun) else f"{noun}s"
    return f"{count} {nouns}"


def slug(value: str, fallback: str) -> str:
    """An id (``^[a-z0-9][a-z0-9-]*$``) from text: its first words, folded to ASCII."""
    words = [word.lower().encode("ascii", "ignore").decode() for word in fold_words(value)]
    joined = "-".join(word for word in words if word.isalnum())[:40].strip("-")
    return joined or fallback


class Unique:
    """Names made unique: each candidate as it is, or with the first free number appended.

    Each candidate remembers the number it got last, so n equal candidates take n steps
    in all: counting up from 2 each time took two minutes for 40,000 entries of one
    employer, before any bound was reached.
    """

    def __init__(self, separator: str = "-", taken: Iterable[str] = ()) -> None:
        self.separator = separator
        self.taken = set(taken)
        self._next: dict[str, int] = {}  # candidate -> the first number not yet tried

    def __call__(self, candidate: str) -> str:
        # 1: the candidate itself
        result, number = free_name(candidate, self.taken, self.separator,
                                   self._next.get(candidate, 1))
        self._next[candidate] = number + 1  # those before are taken, and stay taken
        self.taken.add(result)
        return result


def walk(document: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """(path, value) of the document (at ``where``) and every value in it, parents first
    and in the document's order, each path as the report names it ("work[0].notes[2]")."""
    stack: list[tuple[str, Any]] = [(where, document)]
    while stack:  # not recursive: the depth is bounded, but by the source
        where, value = stack.pop()
        yield where, value
        if isinstance(value, dict):
            stack += [(at(where, str(key)), item) for key, item in reversed(value.items())]
        elif isinstance(value, list):
            stack += [(f"{where}[{index}]", value[index]) for index in reversed(range(len(value)))]


# C0 and C1 control characters but tab and line breaks: a terminal's escape sequences, NUL,
# bell... HTML takes none of them as text (each is a parse error), and nobody typed them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def drop_control_characters(document: Any, root: str = "") -> list[tuple[str, str]]:
    """Take the control characters out of every text in ``document`` (in place); for each
    text that held some, its path and which ones ("U+001B, U+0007")."""
    dropped = []
    for where, value in walk(document, root):
        if isinstance(value, dict | list):
            keys: Iterable[Any] = list(value) if isinstance(value, dict) else range(len(value))
            for key in keys:
                item = value[key]
                if isinstance(item, str) and _CONTROL.search(item):
                    found = dict.fromkeys(_CONTROL.findall(item))  # each once, in order
                    value[key] = _CONTROL.sub("", item)
                    path = at(where, str(key)) if isinstance(value, dict) else f"{where}[{key}]"
                    dropped.append((path, ", ".join(f"U+{ord(char):04X}" for char in found)))
    return dropped


# --- markdown (RenderCV's text is Markdown; our data text is shown as it is) ---------------

# A link as CommonMark reads one: [text](destination "title"), the destination in <...>
# (spaces allowed there) or without spaces, its parentheses balanced (one level deep, as in
# https://en.wikipedia.org/wiki/Python_(programming_language)).
_MD_LINK = re.compile(
    r"\[([^\]\n]*)\]\(\s*(?:<([^<>\n]*)>|((?:[^()\s]|\([^()\s]*\))*))"
    r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)""")
# What is left that looks like a link: Markdown does not read it as one (a space or an
# unbalanced parenthesis in its target), so it stays as written.
_MD_NOT_A_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)?")
_MD_EMPHASIS = re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1")
# '_' emphasis, as CommonMark reads it: never inside a word, so snake_case stays as it is.
_MD_UNDERSCORE = re.compile(r"(?<![\w_])(_{1,3})(?=[^\s_])(.+?)(?<=[^\s_])\1(?![\w_])")


def plain_markdown(value: str) -> tuple[str, list[str], list[str]]:
    """Markdown's links and emphasis (``*``, ``_``) as their text; the link targets thereby
    lost; and what looks like a link but is none to Markdown, kept as written."""
    targets = [match[2] if match[2] is not None else match[3] for match in _MD_LINK.finditer(value)]
    text = _MD_LINK.sub(r"\1", value)
    verbatim = _MD_NOT_A_LINK.findall(text)
    text = _MD_UNDERSCORE.sub(r"\2", _MD_EMPHASIS.sub(r"\2", text))
    return text, [target for target in targets if target], verbatim


# --- what the source does not say: decided from its words, and reported -------------------

# A section title that says which kind of position it lists (the user's own words win).
_RESEARCH_SECTION = re.compile(r"academ|research|postdoc|faculty|teaching|scientific", re.I)
_INDUSTRY_SECTION = re.compile(r"industr|commercial|corporate|business", re.I)
# Position words of research and academia. "Research" covers researcher, research
# scientist, research intern (an industry lab's research is research experience too).
_RESEARCH_ROLE = re.compile(
    r"\b(?:(?:assistant |associate |full |visiting |adjunct )?professor\w*|lecturer|"
    r"post-?doc\w*|research\w*|(?:\w+ )?fellow|ph\.?\s?d\.?(?: \w+)?|doctoral \w+|"
    r"doctorate|faculty|docent|privatdozent|habilitand|principal investigator|"
    r"graduate (?:student|assistant)|teaching assistant)(?!\w)", re.I)
# Where research is done: an organization named so makes any position there research
# (a Director of a Kaiser Wilhelm Institute, a Scientist at a university).
_RESEARCH_PLACE = re.compile(
    r"\b(?:universit\w*|universidad|universidade|università|college|institut\w*|"
    r"academy|akademie|acad[ée]mie|laborator\w*|lab|labs|research|observatory|"
    r"polytechnic|[ée]cole|hochschule|cnrs|cern|inria|max planck|fraunhofer)\b", re.I)


def experience_kind(role: str, organization: str,
                    section: str = "") -> tuple[Literal["research", "industry"], str]:
    """The kind of an experience entry (``research`` or ``industry``), which no source
    format states, with the reason, read from (in this order) its section's title, the
    position and the organization; ``industry`` when none of them says research or
    academia."""
    if section and (match := _INDUSTRY_SECTION.search(section)):
        return "industry", f'its section "{section}" says "{match[0]}"'
    if section and (match := _RESEARCH_SECTION.search(section)):
        return "research", f'its section "{section}" says "{match[0]}"'
    if match := _RESEARCH_ROLE.search(role):
        return "research", f'the position says "{match[0]}"'
    if match := _RESEARCH_PLACE.search(organization):
        return "research", f'the organization says "{match[0]}"'
    return "industry", ("nothing in its position or organization says research or academia"
                        + (f', nor its section "{section}"' if section else ""))


AwardKind = Literal["award", "honor", "grant", "fellowship", "scholarship"]
# An award's kind by the words of its title or its section (the first found).
_AWARD_WORDS: tuple[tuple[re.Pattern[str], AwardKind], ...] = (
    (re.compile(r"\bgrants?\b|\bfunding\b", re.I), "grant"),
    (re.compile(r"\bfellowships?\b", re.I), "fellowship"),
    (re.compile(r"\bscholarships?\b|\bbursar(?:y|ies)\b", re.I), "scholarship"),
    (re.compile(r"\bhonou?rs?\b|\bdistinctions?\b", re.I), "honor"),
    (re.compile(r"\bawards?\b|\bprizes?\b|\bmedals?\b", re.I), "award"),
)


def award_kind(title: str, section: str = "awards") -> tuple[AwardKind, str]:
    """The kind of an award, with the reason ("" when its section said it, as a section
    title is the user's own grouping): a title that names a grant, fellowship or scholarship
    ("Google PhD Fellowship") says it; else the section's title ("Honors"); else the
    title's words ("Best Paper Award"); else ``award``."""
    def first(words: str, kinds: Iterable[str]) -> tuple[AwardKind, str] | None:
        found = [(match.start(), kind, match[0]) for pattern, kind in _AWARD_WORDS
                 if kind in kinds and (match := pattern.search(words))]
        return (min(found)[1], min(found)[2]) if found else None

    section = section.replace("_", " ")  # RenderCV's titles are often snake_case keys
    if specific := first(title, ("grant", "fellowship", "scholarship")):
        return specific[0], f'its title says "{specific[1]}"'
    if grouped := first(section, [kind for _, kind in _AWARD_WORDS]):
        return grouped[0], ""
    if named := first(title, ("honor", "award")):
        return named[0], f'its title says "{named[1]}"'
    return "award", ""


# A JSON Resume ``label`` or a RenderCV ``label`` of several phrases is a tagline: "Physicist
# | Writer", "Numerical analyst and programmer". One short phrase names a position.
_TAGLINE = re.compile(r"[|·•;,/]|\band\b|&", re.I)


def label_field(label: str) -> tuple[Literal["position", "headline"], str]:
    """Where a profile's ``label`` goes: our ``position`` ("Scientist", "PhD Student") or,
    when it reads as a tagline, our ``headline``; with the reason."""
    if _TAGLINE.search(label) or len(label.split()) > 5:
        return "headline", "it reads as a tagline (several phrases or more than five words)"
    return "position", "one short phrase names a position"


# --- entries -------------------------------------------------------------------------------

#: Source key -> our field. Besides the models' own fields: ``when`` (one date or term, not
#: the start of a range), ``area`` (joined to ``degree``: "PhD in Physics").
Table = Mapping[str, str]

_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "start": start_date, "end": end_date, "when": when, "website": web_url,
    "notes": texts, "tags": texts, "items": texts, "institutions": texts,
    "authors": texts, "url": web_url, "doi": doi, "courses": texts, "inventors": texts,
    "venues": texts,
}
_LIST_FIELDS = frozenset({"notes", "tags", "items", "institutions", "terms", "courses",
                          "inventors", "venues"})
_DATE_FIELDS = frozenset({"start", "end", "when"})


@dataclass
class BibEntry:
    """A publication as plain text, to be written as BibTeX."""

    where: str
    title: str
    type: str = "misc"
    authors: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # publisher, journal, abstract
    links: dict[str, str] = field(default_factory=dict)  # url, doi
    year: int | None = None
    month: int = 0
    day: int = 0  # written as biblatex's date (BibTeX's year and month cannot hold it)


@dataclass
class Importer:
    """Collects our entries and everything lost on the way, then writes the files."""

    source: Path = Path()  # for the messages
    markdown: bool = False  # RenderCV: text is Markdown, links in it are lost
    unmapped: list[str] = field(default_factory=list)
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    profile: dict[str, Any] | None = None
    publications: list[BibEntry] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    #: The CV's owner, as the profile names them: the author of a publication that names
    #: none (a CV lists its owner's own publications).
    owner: str = ""
    _owner_written: list[str] = field(default_factory=list)  # where the owner was written
    _ids: dict[str, Unique] = field(default_factory=dict)
    _floor: dict[str, int] = field(default_factory=dict)  # stem -> least YAML bytes so far

    def lost(self, where: str, value: Any, reason: str, into: list[str] | None = None) -> None:
        shown = preview(value)
        where = where or "the file"
        line = f"{where} ({shown}): {reason}" if shown else f"{where}: {reason}"
        (self.unmapped if into is None else into).append(one_printable_line(line))

    def decided(self, where: str, value: Any, decision: str) -> None:
        """Report what the import decided where the source does not say (for the user to
        check): ``where (value): decision``."""
        shown = preview(value)
        self.decisions.append(one_printable_line(
            f"{where} ({shown}): {decision}" if shown else f"{where}: {decision}"))

    def drop_control_characters(self, document: Any, root: str = "") -> None:
        """Control characters out of the source's texts, each text that held some reported."""
        for where, which in drop_control_characters(document, root):
            self.lost(where, "", f"control characters dropped ({which})")

    def clean(self, where: str, value: Any, into: list[str] | None = None) -> Any:
        """Markdown made plain, in a text or a list of texts, with lost links reported."""
        if not self.markdown:
            return value
        if isinstance(value, list):
            return [self.clean(where, item, into) for item in value]
        if not isinstance(value, str):
            return value
        plain, targets, verbatim = plain_markdown(value)
        for target in targets:
            self.lost(where, target, "a link in the text; our text has no links", into)
        for link in verbatim:
            self.lost(where, link, "kept as written: Markdown reads no link there (a space "
                      "or an unbalanced parenthesis in its target)", into)
        return plain

    def convert(self, where: str, target: str, value: Any, into: list[str]) -> Any:
        """``value`` as our ``target`` field's value, or raise :class:`Lost`."""
        converter: Callable[[Any], Any] = _CONVERTERS.get(target, text)
        converted = converter(value)
        return self.clean(where, converted, into)

    def entry(self, stem: str, source: Mapping[str, Any], table: Table, where: str,
              fixed: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
        """Map one source entry onto our ``stem`` (a list kind, or "profile") and keep it
        if our model takes it; every source key not mapped is reported."""
        model = _model(stem)
        lines: list[str] = []  # reported only if the entry is kept (else one line says so)
        out: dict[str, Any] = dict(fixed or {})
        origin: dict[str, str] = {}  # our field -> the source key it came from
        failed: dict[str, str] = {}  # our field -> why its source value was not taken
        for key, target in table.items():
            value = source.get(key)
            if is_empty(value):
                continue
            try:
                converted = self.convert(at(where, key), target, value, lines)
            except Lost as exc:
                self.lost(at(where, key), value, str(exc), lines)
                failed.setdefault(target, f"{key} ({preview(value)}): {exc}")
                continue
            if target in _LIST_FIELDS:
                out.setdefault(target, []).extend(converted)
            elif target in out and converted != "":  # two keys for one of our fields
                first = origin.get(target, "the import's")
                self.lost(at(where, key), value, f"a second value for our {target}; kept "
                          f"{first}'s ({preview(out[target])})", lines)
                continue
            elif converted != "":
                out[target] = converted
            origin.setdefault(target, key)
        for key, value in source.items():
            if key not in table and not is_empty(value):
                self.lost(at(where, key), value, "no field for it", lines)
        if "area" in out:
            out["degree"] = f"{out['degree']} in {out['area']}" if "degree" in out else out["area"]
            origin.setdefault("degree", origin["area"])
            del out["area"]
        self._settle_dates(model, out, origin, where, lines)
        for key, target in table.items():  # a field never given is named by its first key
            origin.setdefault(target, key)
        if "when" in origin:  # a missing start is a missing date, if the table has one
            origin.setdefault("start", origin["when"])
        kept = self._validated(model, out, origin, failed, where, lines)
        if kept is None:
            return None
        self.unmapped += lines
        if stem == "profile":
            self.profile = kept
        else:
            label = next((str(kept[name]) for name in ID_SOURCES if name in kept), stem)
            ids = self._ids.setdefault(stem, Unique())
            kept = {"id": ids(slug(label, stem.removesuffix("s"))), **kept}
            self.entries.setdefault(stem, []).append(kept)
            # refused as soon as the file is sure to be too large, not after writing it all
            self._floor[stem] = self._floor.get(stem, 0) + yaml_floor(kept)
            if self._floor[stem] > MAX_DATA_FILE_BYTES:
                raise self._too_large(stem)
        return kept

    def publication(self, source: Mapping[str, Any], table: Table, where: str) -> None:
        """One publication, for the BibTeX file; ``table`` maps onto ``title``, ``authors``,
        ``journal``, ``publisher``, ``abstract``, ``when``, ``url`` and ``doi``."""
        lines: list[str] = []
        values: dict[str, Any] = {}
        for key, target in table.items():
            value = source.get(key)
            if is_empty(value):
                continue
            if target in values:  # two keys for one field (al-folio's name and title)
                self.lost(at(where, key), value, f"a second value for its {target}; kept "
                          f"{preview(values[target])}", lines)
                continue
            try:
                values[target] = self.convert(at(where, key), target, value, lines)
            except Lost as exc:
                self.lost(at(where, key), value, str(exc), lines)
        for key, value in source.items():
            if key not in table and not is_empty(value):
                self.lost(at(where, key), value, "no field for it", lines)
        if not values.get("title"):
            self.lost(where, source, "not mapped: no title")
            return
        authors = values.get("authors", [])
        if not authors and self.owner:  # a CV lists its owner's publications
            authors = [self.owner]
            self._owner_written.append(where)
        entry = BibEntry(
            where, values["title"], "article" if "journal" in values else "misc", authors,
            {name: values[name] for name in ("journal", "publisher", "abstract") if name in values},
            {name: values[name] for name in ("url", "doi") if name in values},
        )
        date = values.get("when")
        if isinstance(date, Term):
            key = next(key for key, target in table.items() if target == "when")
            self.lost(at(where, key), str(date), "only its year is kept", lines)
        if date is not None:
            entry.year, entry.month = date.year, getattr(date, "month", 0)
            entry.day = getattr(date, "day", 0)
        self.unmapped += lines
        self.publications.append(entry)

    def experience(self, source: Mapping[str, Any], table: Table, where: str,
                   section: str = "") -> dict[str, Any] | None:
        """One experience entry, its kind (research or industry, which no format states)
        read from its section's title, position and organization, and reported."""
        def given(target: str) -> str:
            values = [source.get(key) for key, field in table.items() if field == target]
            return " ".join(value for value in values if isinstance(value, str))

        kind, why = experience_kind(given("role"), given("organization"), section)
        kept = self.entry("experience", source, table, where, {"kind": kind})
        if kept is not None:
            self.decided(where, f"{kept['role']}, {kept['organization']}",
                         f"kind {kind}: {why}")
        return kept

    def award(self, source: Mapping[str, Any], table: Table, where: str, title: str,
              section: str = "awards") -> dict[str, Any] | None:
        """One award entry, its kind (which no format states) read from its ``title``, else
        its ``section``'s title (:func:`award_kind`), and reported unless the section said it."""
        kind, why = award_kind(title, section)
        kept = self.entry("awards", source, table, where, {"kind": kind})
        if kept is not None and why:
            self.decided(where, kept["title"], f"kind {kind}: {why}")
        return kept

    def _settle_dates(self, model: type[BaseModel], out: dict[str, Any],
                      origin: dict[str, str], where: str, lines: list[str]) -> None:
        """Start, end and terms as our models want them, in YAML form.

        A start without an end is ongoing (JSON Resume and RenderCV both read it so); an
        end without a start is one date (as RenderCV reads it), and so is a lone date
        (``when``); an entry that must have a start and has only terms starts in the
        year of its first term.
        """
        single = out.pop("when", None)
        if isinstance(single, Term):
            out.setdefault("terms", []).append(single)
        elif single is not None and "start" in out:
            self.lost(at(where, origin["when"]), single.iso(),
                      "a second date beside the range", lines)
        elif single is not None:
            out["start"] = single
            origin["start"] = origin["when"]
        elif "start" in out and "end" not in out:
            out["end"] = PRESENT
        if "end" in out and "start" not in out:
            if out["end"] == PRESENT:
                self.lost(at(where, origin["end"]), "present", "an end without a start",
                          lines)
                del out["end"]
            else:
                out["start"] = out.pop("end")
                origin["start"] = origin["end"]
        if "end" in out and out["end"] == out["start"]:
            del out["end"]  # shown as one date, as a range of one date is
        terms: list[Term] = out.get("terms", [])
        if terms and "start" not in out and model.model_fields["start"].is_required():
            out["start"] = YearMonth(min(term.year for term in terms))
        for name in ("start", "end"):
            if name in out:
                value = out[name]
                out[name] = value.iso() if value.month or value == PRESENT else value.year
        if terms:
            out["terms"] = [str(term) for term in terms]

    def _validated(self, model: type[BaseModel], out: dict[str, Any], origin: dict[str, str],
                   failed: dict[str, str], where: str, lines: list[str]) -> dict[str, Any] | None:
        """``out`` as the model takes it: a bad optional value is left out (and reported); an
        entry without what the model requires is left out whole, reported in one line."""
        placeholder = {"id": "x"} if "id" in model.model_fields else {}
        rounds = len(out) + sum(len(v) for v in out.values() if isinstance(v, list)) + 1
        for _ in range(rounds):
            try:
                model.model_validate({**out, **placeholder})
                return out
            except ValidationError as exc:
                error = exc.errors()[0]
            loc = error["loc"]
            name = str(loc[0]) if loc else ("end" if error["type"] == "range" else "")
            source_key = origin.get(name, name)
            message = str(error["msg"]).removeprefix("Value error, ")
            if name not in out or model.model_fields[name].is_required():
                reason = {"missing": failed.get(name, f"no {source_key}"),
                          "missing_when": "no date"}.get(error["type"], message)
                label = next((out[key] for key in (*ID_SOURCES, "name") if key in out), "")
                self.lost(where, label, f"not mapped: {reason}")
                return None
            if len(loc) > 1 and isinstance(loc[1], int) and isinstance(out[name], list):
                self.lost(at(where, source_key), out[name].pop(loc[1]), message, lines)
                if out[name]:
                    continue
            else:
                self.lost(at(where, source_key), out[name], message, lines)
            del out[name]
        return None  # pragma: no cover - each round leaves out one value

    def _too_large(self, stem: str) -> InterchangeError:
        return InterchangeError(
            f"{self.source}: its {stem} would take more than "
            f"{MAX_DATA_FILE_BYTES // 1024} KiB, more than a data file may hold")

    def result(self) -> ImportResult:
        documents: dict[str, Any] = {"profile": self.profile, **self.entries}
        data = {}
        for stem in ["profile", *KINDS]:
            if not documents.get(stem):
                continue
            if yaml_floor(documents[stem]) > MAX_DATA_FILE_BYTES:  # (a profile's lists)
                raise self._too_large(stem)
            data[stem] = yaml_text(stem, documents[stem])
            if len(data[stem].encode("utf-8")) > MAX_DATA_FILE_BYTES:
                raise self._too_large(stem)
        bib_entries = bib_texts(self.publications, self)
        bib = "\n\n".join(bib_entries.values()) + "\n" if bib_entries else ""
        unmapped = list(self.unmapped)
        decisions = list(self.decisions)
        if self._owner_written:
            more = ", \N{HORIZONTAL ELLIPSIS}" if len(self._owner_written) > 3 else ""
            decisions.append(
                f"{plural(len(self._owner_written), 'publication')} without authors "
                f"({', '.join(self._owner_written[:3])}{more}): written with you "
                f"({self.owner}) as the author, as a CV lists its owner's own publications; "
                "add the co-authors in the .bib file")
        return ImportResult(data, bib, unmapped, {stem: documents[stem] for stem in data},
                            bib_entries, decisions)


#: Our fields an entry's id is made from, the first present.
ID_SOURCES = ("organization", "institution", "title", "category", "role")


def _model(stem: str) -> type[BaseModel]:
    return MAPPINGS["profile"] if stem == "profile" else KINDS[stem]


# --- YAML ------------------------------------------------------------------------------------

# Double-quoted, whatever ruamel would choose: plain scalars that YAML 1.1 tools (and
# editors set to 1.1) read as booleans or numbers, which our loader (YAML 1.2) would not; and
# text with YAML's own line breaks, which ruamel writes unescaped in single quotes.
_DOUBLE_QUOTED = re.compile(
    r"(?i:y|n|yes|no|on|off|true|false|null|~)|[-+.]?\d.*|.*[\x85\u2028\u2029].*", re.S)


class _Representer(RoundTripRepresenter):
    """Quotes every string that a YAML reader could take for something else."""


def _represent_str(representer: _Representer, data: str) -> Any:
    style = '"' if _DOUBLE_QUOTED.fullmatch(data) else None
    return representer.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Representer.add_representer(str, _represent_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Representer = _Representer
    yaml.width = 1_000_000  # one value, one line: never folded
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def yaml_text(stem: str, document: dict[str, Any] | list[dict[str, Any]]) -> str:
    """A data file as the editor schema comment and YAML, one blank line between entries."""
    return f"# yaml-language-server: $schema=../_schema/{stem}.schema.json\n" + yaml_body(
        stem, document)


def yaml_body(stem: str, document: dict[str, Any] | list[dict[str, Any]]) -> str:
    """The YAML of a data file, without its first comment (so entries can be added to a
    file)."""
    order = {name: position for position, name in enumerate(_field_order(_model(stem)))}

    def ordered(entry: dict[str, Any]) -> dict[str, Any]:
        return dict(sorted(entry.items(), key=lambda item: order[item[0]]))

    body: Any = ordered(cast(dict[str, Any], document)) if stem == "profile" else [
        ordered(entry) for entry in cast(list[dict[str, Any]], document)]
    stream = StringIO()
    _yaml().dump(body, stream)
    lines = stream.getvalue().splitlines()
    if stem != "profile":  # the top-level list is indented by the offset: take it back
        lines = [line.removeprefix("  ") for line in lines]
        lines = [f"\n{line}" if line.startswith("- ") and index else line
                 for index, line in enumerate(lines)]
    return "\n".join(lines) + "\n"


def yaml_floor(value: Any) -> int:
    """No more bytes than ``value`` takes as YAML: each key with its ': ', each scalar's text
    with its line break (quotes, indentation and '- ' come on top). Linear, so a source is
    refused for size before it is written out (the writer takes ~1 ms an entry)."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            total += sum(len(str(key).encode("utf-8")) + 2 for key in item)
            stack += item.values()
        elif isinstance(item, list):
            stack += item
        elif item is not None:
            total += len(str(item).encode("utf-8")) + 1
    return total


def _field_order(model: type[BaseModel]) -> list[str]:
    """id, the model's other single values, the dates, then its lists (as people write)."""
    lists = [name for name, info in model.model_fields.items()
             if getattr(info.annotation, "__origin__", None) is list and name != "terms"]
    dates = ["start", "end", "terms"]
    rest = [name for name in model.model_fields if name not in [*lists, *dates, "id"]]
    return ["id", *rest, *dates, *lists]


# --- BibTeX ----------------------------------------------------------------------------------

# Text -> LaTeX that our reader (bib.latex) turns back into the same text. '^' stays as it
# is: the reader keeps it, and no escape of it survives the reader.
_LATEX_ESCAPES = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "%": r"\%", "&": r"\&",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "\N{NO-BREAK SPACE}": "~",
})
# Pairs LaTeX makes ligatures of ('--' -> en dash, '``' -> quotes, ',,', '!`', '<<' ...).
_LIGATURE = re.compile(r"(?<=[-`',?!<>])(?=[-`',?!<>])")
# What BibTeX (pybtex) reads as white space: all Unicode's but the no-break space, which
# is written as '~' and read back as itself.
_WHITESPACE = re.compile(r"[^\S\xa0]+")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_STOP_WORDS = frozenset({"a", "an", "the", "on", "of", "in", "for", "and", "to", "with", "from"})


def one_line(value: str) -> str:
    """Whitespace as BibTeX reads it: runs of it are one space. So no line of a value can
    start with '@' and be read as the start of an entry."""
    return _WHITESPACE.sub(" ", value).strip()


def latex_escaped(value: str) -> str:
    """Plain text as BibTeX field text, braces balanced whatever the text holds."""
    escaped = _LIGATURE.sub("{}", one_line(value).translate(_LATEX_ESCAPES))
    # BibTeX counts '\{' and '\}' as braces too: an unmatched one is balanced by a group
    # opened before it (or closed after), which our reader shows as nothing.
    depth = lowest = 0
    for char in escaped:
        depth += {"{": 1, "}": -1}.get(char, 0)
        lowest = min(lowest, depth)
    return "{" * -lowest + escaped + "}" * (depth - lowest)


def escaped_name(name: str) -> str:
    """One name of an author list. A name BibTeX would split or reject ('and' in it, more
    than two commas, nothing before its first comma) is one braced group, shown as written."""
    escaped = latex_escaped(name)
    parts = split_tex_string(escaped, ",")
    if (len(parts) > 3 or not parts[0].strip() or escaped.lower() == "others"
            or any(word.lower() == "and" for word in split_tex_string(escaped))):
        return "{" + escaped + "}"
    return escaped


def link_value(url: str) -> str:
    # braces and backslashes are percent-encoded: the same URL, and BibTeX-safe
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bib_key(entry: BibEntry, keys: Unique) -> str:
    """firstauthorlastname + year + first title word, ASCII (title word + year when
    there are no authors), made unique."""
    def folded(value: str) -> str:
        ascii_words = "".join(fold_words(value)).lower().encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]", "", ascii_words)

    family = ""
    if entry.authors:
        try:
            family = folded(clean_latex(" ".join(Person(escaped_name(entry.authors[0]))
                                                 .last_names)))
        except PybtexError:
            family = ""
    words = [folded(word) for word in fold_words(entry.title)]
    word = next((w for w in words if w and w not in _STOP_WORDS), "")
    year = str(entry.year) if entry.year else ""
    parts = [family, year, word] if family else [word, year]
    return keys("".join(parts)[:60] or "publication")


def _entry_text(key: str, entry: BibEntry, importer: Importer) -> str | None:
    """The entry as BibTeX; None (reported) when its title is too long for a field."""
    fields: list[tuple[str, str]] = [("title", "{" + latex_escaped(entry.title) + "}")]
    if entry.authors:
        names = " and ".join(escaped_name(name) for name in entry.authors)
        fields.append(("author", "{" + names + "}"))
    for name in ("journal", "publisher"):
        if name in entry.fields:
            fields.append((name, "{" + latex_escaped(entry.fields[name]) + "}"))
    if entry.year:
        fields.append(("year", f"{{{entry.year}}}"))
    if entry.month:
        fields.append(("month", MONTHS[entry.month - 1]))
    if entry.year and entry.month and entry.day:  # the day too, where biblatex reads it
        fields.append(("date", f"{{{entry.year}-{entry.month:02d}-{entry.day:02d}}}"))
    fields += [(name, "{" + link_value(url) + "}") for name, url in entry.links.items()]
    if "abstract" in entry.fields:
        fields.append(("abstract", "{" + latex_escaped(entry.fields["abstract"]) + "}"))
    kept = []
    for name, value in fields:
        if len(value) <= MAX_FIELD_CHARS:  # our reader leaves out a longer one
            kept.append((name, value))
            continue
        too_long = f"its {name} is longer than a BibTeX field may be ({MAX_FIELD_CHARS:,})"
        if name == "title":
            importer.lost(entry.where, entry.title, f"not mapped: {too_long}")
            return None
        importer.lost(entry.where, entry.title, f"{too_long}; it is left out")
    return bib_entry_text(entry.type, key, kept)


def bib_entry_text(entry_type: str, key: str, fields: Iterable[tuple[str, str]]) -> str:
    """One BibTeX entry as the importers write it: a field a line, values as given."""
    return "\n".join([f"@{entry_type}{{{key},", *(f"  {name:<9} = {value},"
                                                   for name, value in fields), "}"])


def read_back(importer: Importer, key: str, written: str, where: str, title: str) -> Entry | None:
    """The entry ``written`` (key ``key``) as our own reader reads it; None, reported as
    not mapped, when it does not read back cleanly."""
    check = read_bib_text(written + "\n")
    problems = [p for p in check.problems if p.subtype is not Subtype.BIB_MISSING_FIELD]
    read = check.data.entries.get(key)
    if problems or read is None:
        reason = problems[0].message if problems else "it cannot be read back"
        importer.lost(where, title, f"not mapped: {reason}")
        return None
    return read


def bib_texts(entries: list[BibEntry], importer: Importer) -> dict[str, str]:
    """The entries as BibTeX (key -> text), each checked by reading it back with our own
    reader: one that does not read back is left out (and reported), never written broken; a
    title that reads back otherwise than written is reported."""
    keys = Unique(separator="")
    written = {}
    for entry in entries:
        key = bib_key(entry, keys)
        text = _entry_text(key, entry, importer)
        if text is None:
            continue
        read = read_back(importer, key, text, entry.where, entry.title)
        if read is None:
            continue
        shown = clean_latex(read.fields["title"])
        if shown != one_line(entry.title):  # a backslash: our reader shows \textbackslash{} wrong
            importer.lost(entry.where, entry.title, f"the title reads back as '{preview(shown)}'")
        written[key] = text
    return written
