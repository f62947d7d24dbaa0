"""The publication list in a CSL style (APA, IEEE, ... or a site's own ``.csl`` file).

Pure Python on top of pybtex, lxml and citeproc-py: nothing here imports Sphinx.
citeproc-py is the one maintained CSL processor in Python (BSD, pure Python over lxml): a
CSL style is a small program (macros, conditions, locales with their terms and date
forms) that no hand-written formatter should try to follow. Written by hand here:

* reading a style safely (:func:`read_style`): a ``.csl`` file is untrusted. It is read
  whole up to :data:`MAX_STYLE_BYTES` and parsed by our own lxml parser that resolves no
  entity, loads no DTD and fetches nothing; a file with a DTD (entity bombs, external
  entities), nesting past :data:`MAX_DEPTH`, macros that call themselves or whose expansion
  passes :data:`MAX_EXPANDED_ELEMENTS` (the only way a style could loop or explode) is
  refused before citeproc-py sees it, which keeps each entry's formatting bounded;
* the item citeproc-py formats: :func:`.csl.csl_item` with placeholders (private-use
  characters) around each person's family name, around the title and for each formula,
  which no style's case change, initials or quotes alter;
* a citeproc-py formatter (its ``formatter`` modules' interface: ``preformat`` and one
  callable per font) that writes markers instead of HTML, parsed back into pybtex rich
  text (:func:`format_item`): the rest of the pipeline (sphinxcontrib-bibtex's backend, our
  transforms, buttons, anchors, the PDF) gets what our own style gives it. From the
  placeholders come what our style has in every style: the owner's name bold, ``*`` after
  equal contributors, the title linked to the paper's page, math in titles, and the
  ``newblock`` symbols around the title a paper page splits the reference at;
* the style class (:func:`csl_style_class`): a subclass of the configured
  :class:`.style.PortfolioStyle` that keeps its order, numbers and cache, and formats each
  entry once a build; an entry the style fails on keeps our own style, and is reported.

The style's own numbers (``citation-number``) are left out of its bibliography layout: the
list's labels are ours ([n] for the newest of n papers).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType, SimpleNamespace
from typing import Any, ClassVar

from citeproc import VARIABLES, Citation, CitationItem, CitationStylesBibliography
from citeproc import CitationStylesStyle as _CiteprocStyle
from citeproc.source.json import CiteProcJSON
from lxml import etree
from pybtex.database import Entry
from pybtex.richtext import BaseText, HRef, Symbol, Tag, Text

from .._compat.citeproc import install as cache_citeproc_lookups
from .csl import csl_item
from .latex import field_text, math_text
from .names import EQUAL_CONTRIBUTION_MARK, OwnerMatcher, equal_contribution_positions, is_others
from .paper import Paper
from .style import PAPER_URI_PREFIX, PortfolioStyle

__all__ = [
    "BUNDLED_STYLES",
    "MAX_STYLE_BYTES",
    "CslStyleError",
    "csl_style_class",
    "read_style",
    "style_path",
]

_HERE = Path(__file__).parent / "styles"
#: The styles that come with the extension (official CSL styles, see styles/README.md):
#: setting name -> file. Vancouver is the NLM's citation-sequence style, the independent
#: style the official "Vancouver - NLM" style depends on.
BUNDLED_STYLES: Mapping[str, Path] = MappingProxyType({
    "apa": _HERE / "apa.csl",
    "chicago-author-date": _HERE / "chicago-author-date.csl",
    "ieee": _HERE / "ieee.csl",
    "nature": _HERE / "nature.csl",
    "vancouver": _HERE / "nlm-citation-sequence.csl",
})

#: Far above any real style (the largest official ones are ~200 KB).
MAX_STYLE_BYTES = 1024 * 1024
#: Element nesting in a style (official styles stay below 15).
MAX_DEPTH = 40
#: Elements a bibliography entry may visit with every macro call expanded (APA: ~10,000):
#: what bounds the work a style asks for each entry.
MAX_EXPANDED_ELEMENTS = 200_000

_CSL = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": _CSL}

# --- markers -------------------------------------------------------------------------------
# Private-use characters: what the formatter writes for fonts, and the placeholders the item
# carries. Text from the .bib files loses any of them first (_UNTRUSTED_MARKS).
_EM, _STRONG, _SUP, _SUB, _PLAIN, _LINK = "\ue100", "\ue101", "\ue102", "\ue103", "\ue104", "\ue105"
_HREF = "\ue106"  # a web address the entry gives, its index (in the item's) after
_END = "\ue10f"
_OPENERS = {_EM: "em", _STRONG: "strong", _SUP: "sup", _SUB: "sub", _PLAIN: "", _LINK: "link",
            _HREF: "href"}
_NAME_OPEN, _NAME_CLOSE = "\ue110", "\ue111"  # around a family name, the person's index after
_TITLE_OPEN, _TITLE_CLOSE = "\ue112", "\ue113"
_MATH = "\ue114"  # a formula's index follows
_NEWBLOCK = "\ue115"
_INDEX_BASE = 0xF0000  # an index as one character of plane 15 (private use)
_UNTRUSTED_MARKS = re.compile("[\ue100-\ue1ff\U000f0000-\U000ffffd]")
_ANY_MARK = re.compile("[\ue100-\ue1ff]")

# Math text's formulas (as publications.render.text_with_math reads them): "$...$", with
# "\$" a dollar sign.
_FORMULA = re.compile(r"(?<!\\)\$[^$]+?(?<!\\)\$")
_ESCAPED_DOLLAR = "\\$"


def _index(number: int) -> str:
    return chr(_INDEX_BASE + number)


class _Formatter(SimpleNamespace):
    """citeproc-py's formatter interface (``citeproc.formatter.html``): text as it is, each
    font a marker pair."""

    @staticmethod
    def preformat(text: object) -> str:
        return str(text)

    @staticmethod
    def _wrap(marker: str) -> Callable[[object], str]:
        return lambda text: f"{marker}{text}{_END}"


_FORMATTER = _Formatter(
    preformat=_Formatter.preformat,
    Italic=_Formatter._wrap(_EM), Oblique=_Formatter._wrap(_EM),
    Bold=_Formatter._wrap(_STRONG), Light=_Formatter._wrap(_PLAIN),
    Underline=_Formatter._wrap(_PLAIN), SmallCaps=_Formatter._wrap(_PLAIN),
    Superscript=_Formatter._wrap(_SUP), Subscript=_Formatter._wrap(_SUB),
)


# --- reading a style -----------------------------------------------------------------------


class CslStyleError(Exception):
    """A style that cannot be used; the message says why, for a warning."""


def style_path(setting: str, confdir: Path) -> Path:
    """The file ``portfolio_csl_style`` names: a bundled style's, or a ``.csl`` file
    relative to conf.py's folder."""
    if setting in BUNDLED_STYLES:
        return BUNDLED_STYLES[setting]
    if not setting.lower().endswith(".csl"):
        names = ", ".join(sorted(BUNDLED_STYLES))
        raise CslStyleError(f"unknown CSL style {setting!r}: not one of the bundled styles "
                            f"({names}) nor a .csl file")
    path = confdir / setting
    if not path.is_file():
        raise CslStyleError(f"the CSL style file {setting!r} does not exist (relative to "
                            "conf.py's folder)")
    return path


@dataclass(frozen=True)
class CslStyle:
    """A style read and checked once a build, for one locale."""

    name: str  # as the setting gives it, for warnings
    digest: str  # of the file's bytes: what the pages formatted with it depend on
    citeproc: Any  # citeproc.CitationStylesStyle (citeproc-py has no type hints)


def read_style(name: str, path: Path, locale: str) -> CslStyle:
    """Read, check and parse the style at ``path`` for ``locale`` (the build's ``language``,
    as ``de`` or ``pt-BR``; citeproc-py falls back to its dialect, then en-US)."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_STYLE_BYTES + 1)
    except OSError as error:
        raise CslStyleError(f"the CSL style {name!r} cannot be read: "
                            f"{error.strerror or error}") from None
    if len(data) > MAX_STYLE_BYTES:
        raise CslStyleError(f"the CSL style {name!r} is over {MAX_STYLE_BYTES // 1024} KiB")
    _check(name, data)
    cache_citeproc_lookups()
    try:
        style = _CiteprocStyle(io.BytesIO(data), locale=_locale(locale), validate=False)
    except Exception as error:  # citeproc-py raises what it meets; the style is not used
        raise CslStyleError(f"the CSL style {name!r} cannot be used: {_short(error)}") from None
    for number in style.root.xpath(
            ".//cs:bibliography//cs:text[@variable='citation-number']", namespaces=_NS):
        number.getparent().remove(number)  # the list's numbers are ours
    _list_every_name(style.root)
    return CslStyle(name, hashlib.sha256(data).hexdigest(), style)


#: Name options that cut a list of names short ("et al."); CSL 1.0's names-* spellings too.
_CUTTING_OPTIONS = ("et-al-", "names-min", "names-use-")


def _list_every_name(root: Any) -> None:
    """Take the style's "et al." rules out: a CV lists every author, and a style that cut
    the list after the first few (IEEE: 7 and more) would hide the owner. An entry whose
    authors end in BibTeX's "and others" still ends in the style's "et al."
    (:func:`format_item`)."""
    for element in root.iter(f"{{{_CSL}}}style", f"{{{_CSL}}}citation",
                             f"{{{_CSL}}}bibliography", f"{{{_CSL}}}name"):
        for option in [name for name in element.attrib if name.startswith(_CUTTING_OPTIONS)]:
            del element.attrib[option]


def _locale(language: str) -> str:
    """Sphinx's ``language`` (``pt_BR``) as CSL's locale name (``pt-BR``)."""
    return (language or "en-US").replace("_", "-")


def _check(name: str, data: bytes) -> None:
    """Refuse what could make citeproc-py's own parse or a format unbounded."""
    if b"<!DOCTYPE" in data:  # before parsing: an entity bomb is refused for what it is
        raise CslStyleError(f"the CSL style {name!r} declares a DTD (<!DOCTYPE>), which no "
                            "CSL style needs; it is not read")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, dtd_validation=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise CslStyleError(f"the CSL style {name!r} is not well-formed XML: "
                            f"{_short(error)}") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise CslStyleError(f"the CSL style {name!r} declares a DTD (<!DOCTYPE>), which no "
                            "CSL style needs; it is not read")
    if root.tag != f"{{{_CSL}}}style":
        raise CslStyleError(f"the CSL style {name!r} is no CSL style (its root is not "
                            "<style> in the CSL namespace)")
    _check_depth(name, root)
    if root.find("cs:bibliography/cs:layout", _NS) is None:
        parent = root.find("cs:info/cs:link[@rel='independent-parent']", _NS)
        hint = (f" (a dependent style: use {parent.get('href', '')!r}'s file)"
                if parent is not None else "")
        raise CslStyleError(f"the CSL style {name!r} has no bibliography layout{hint}")
    _check_macros(name, root)


def _check_depth(name: str, root: Any) -> None:
    stack: list[tuple[Any, int]] = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise CslStyleError(f"the CSL style {name!r} nests elements over {MAX_DEPTH} "
                                "levels deep")
        stack.extend((child, depth + 1) for child in element)


def _check_macros(name: str, root: Any) -> None:
    """Every macro called exists, none calls itself (directly or not), and a bibliography
    entry visits at most :data:`MAX_EXPANDED_ELEMENTS` elements, each macro call expanded
    and the longest branch of each ``<choose>`` taken."""
    macros = {macro.get("name"): macro for macro in root.iterfind("cs:macro", _NS)}
    sizes: dict[str, int] = {}
    open_calls: list[str] = []

    def size(element: Any) -> int:  # recursion bounded by MAX_DEPTH (checked before)
        children = [size(child) for child in element if isinstance(child.tag, str)]
        inside = max(children, default=0) if element.tag == f"{{{_CSL}}}choose" else sum(children)
        called = element.get("macro")
        return min(1 + inside + (macro_size(called) if called else 0), MAX_EXPANDED_ELEMENTS + 1)

    def macro_size(called: str) -> int:
        if called in sizes:
            return sizes[called]
        if called not in macros:
            raise CslStyleError(f"the CSL style {name!r} calls macro {called!r}, which it "
                                "does not define")
        if called in open_calls:
            raise CslStyleError(f"the CSL style {name!r}: macro {called!r} calls itself "
                                f"({' -> '.join([*open_calls, called])})")
        open_calls.append(called)
        sizes[called] = size(macros[called])
        open_calls.pop()
        return sizes[called]

    for macro in macros:  # also those the bibliography does not call (citations may)
        macro_size(macro)
    if size(root.find("cs:bibliography", _NS)) > MAX_EXPANDED_ELEMENTS:
        raise CslStyleError(f"the CSL style {name!r} asks for over {MAX_EXPANDED_ELEMENTS:,} "
                            "elements per entry once its macros are expanded")


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "\u2026"


# --- one entry -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    owner: bool
    equal: bool
    given: str


@dataclass
class _Marked:
    """The item as citeproc-py gets it, and what its placeholders stand for."""

    item: dict[str, Any]
    people: list[_Person]
    formulas: list[str]
    #: Authors named before BibTeX's "and others": the list ends in the style's "et al."
    named_before_others: int = 0


_CITEPROC_FIELDS = frozenset(VARIABLES) | {"id", "type"}
_ROLES = ("author", "editor")


def _marked_item(entry: Entry, owner: OwnerMatcher) -> _Marked:
    """The entry's CSL-JSON item, placeholders in: each person's family name between name
    markers (with the person's index), the title between title markers, each formula of the
    title one placeholder."""
    paper = Paper.of(entry)
    item = {key: _untrusted(value) for key, value in csl_item(paper).items()
            if key.replace("-", "_") in _CITEPROC_FIELDS and key != "abstract"}
    marked = _Marked(item, [], [])
    equal = equal_contribution_positions(paper.entry)
    for role in _ROLES:
        # the item's names are the entry's people less "and others" (Paper.of)
        persons = [person for person in paper.entry.persons.get(role, [])
                   if not is_others(person)]
        for position, name in enumerate(item.get(role, [])):
            marked.people.append(_Person(
                owner=owner.matches(persons[position]),
                equal=role == "author" and position in equal,
                given=name.get("given", "")))
            if name.get("family"):
                index = _index(len(marked.people) - 1)
                name["family"] = f"{_NAME_OPEN}{index}{name['family']}{_NAME_CLOSE}"
    authors = paper.entry.persons.get("author", [])
    if authors and is_others(authors[-1]) and item.get("author"):
        # one more name than are shown: the style cuts it and writes its "et al."
        marked.named_before_others = len(item["author"])
        item["author"] = [*item["author"], {"family": "others"}]
    title = _title_math_text(paper.entry)
    if title:
        item["title"] = f"{_TITLE_OPEN}{_formulas_out(title, marked.formulas)}{_TITLE_CLOSE}"
    return marked


def _untrusted(value: Any) -> Any:
    """A value of the item with our marker characters taken out of its text."""
    if isinstance(value, str):
        return _UNTRUSTED_MARKS.sub("", value)
    if isinstance(value, list):
        return [_untrusted(part) for part in value]
    if isinstance(value, dict):
        return {key: _untrusted(part) for key, part in value.items()}
    return value


def _title_math_text(entry: Entry) -> str:
    """The title (with its subtitle) as math text, as our style shows it."""
    title = math_text(field_text(entry, "title"))
    subtitle = math_text(field_text(entry, "subtitle"))
    text = f"{title}: {subtitle}" if title and subtitle else title
    return _UNTRUSTED_MARKS.sub("", " ".join(text.split()))


def _formulas_out(text: str, formulas: list[str]) -> str:
    """Math text -> plain text with each formula a placeholder (kept in ``formulas``)."""
    def placeholder(match: re.Match[str]) -> str:
        formulas.append(match.group(0))
        return f"{_MATH}{_index(len(formulas) - 1)}"
    return _FORMULA.sub(placeholder, text).replace(_ESCAPED_DOLLAR, "$")


def format_item(style: CslStyle, marked: _Marked, key: str, *, paper_links: bool) -> Text:
    """One entry formatted by ``style`` as pybtex rich text (math text: ``$...$`` a
    formula, ``\\$`` a dollar sign)."""
    source = CiteProcJSON([marked.item])
    bibliography = CitationStylesBibliography(style.citeproc, source, _FORMATTER)
    bibliography.register(Citation([CitationItem(str(marked.item["id"]))]))
    layout = style.citeproc.root.find("cs:bibliography", _NS)
    if marked.named_before_others:  # for this entry alone (each is formatted on its own)
        layout.set("et-al-min", str(marked.named_before_others + 1))
        layout.set("et-al-use-first", str(marked.named_before_others))
    try:
        rendered = bibliography.bibliography()
    finally:
        layout.attrib.pop("et-al-min", None)
        layout.attrib.pop("et-al-use-first", None)
    if not rendered:
        raise CslStyleError("the style wrote nothing for the entry")
    flat = "".join(str(part) for part in rendered[0]).strip()
    flat = _people_in(flat, marked.people)
    flat = _title_in(flat, key if paper_links else None)
    flat = flat.replace("$", _ESCAPED_DOLLAR)
    flat = re.sub(f"{_MATH}(.)", lambda m: _formula(m.group(1), marked.formulas), flat)
    addresses = _addresses(marked.item)
    for index, address in enumerate(addresses):  # what the style prints of them, a link
        flat = flat.replace(address, f"{_HREF}{_index(index)}{address}{_END}")
    return _rich(flat, PAPER_URI_PREFIX + key, addresses)


def _addresses(item: Mapping[str, Any]) -> list[str]:
    """The web addresses a style may print for the item: its ``URL`` (http(s) only, as
    :func:`.csl.csl_item` gives it) and its DOI's; the longest first, so that one inside
    another is not linked twice."""
    found = [str(item["URL"])] if item.get("URL") else []
    if item.get("DOI"):
        found.append(f"https://doi.org/{item['DOI']}")
    return sorted(dict.fromkeys(found), key=len, reverse=True)


def _formula(index: str, formulas: Sequence[str]) -> str:
    number = ord(index) - _INDEX_BASE
    return formulas[number] if 0 <= number < len(formulas) else ""


_NAME = re.compile(f"{_NAME_OPEN}(.)([^{_NAME_OPEN}{_NAME_CLOSE}]*){_NAME_CLOSE}")
# What may stand between a family name and its given names: a sort separator.
_SEPARATOR = r"[,\s\u00a0]{0,3}"


def _given_pattern(given: str) -> str:
    """The given names as a style writes them: whole, or as initials ("M.", "M", "M.-H.")."""
    words = [word for word in re.split(r"[\s.\-\u00a0]+", given) if word]
    if not words:
        return ""
    whole = r"[\s\u00a0]+".join(re.escape(word) for word in given.split())
    initials = r"[\s.\-\u00a0]{0,3}".join(re.escape(word[0]) for word in words) + r"\.?"
    return f"(?:{whole}|{initials})(?![^\\W\\d_])"


def _people_in(flat: str, people: Sequence[_Person]) -> str:
    """Each person's name markers replaced: the owner's whole name (family name and the
    given names beside it, before or after) bold, ``*`` after an equal contributor's."""
    out: list[str] = []
    position = 0
    for match in _NAME.finditer(flat):
        number = ord(match.group(1)) - _INDEX_BASE
        person = people[number] if 0 <= number < len(people) else _Person(False, False, "")
        done = "".join(out) + flat[position:match.start()]
        after = flat[match.end():]
        name, consumed_after = match.group(2), 0
        given = _given_pattern(person.given)
        before = re.search(f"({given})[\\s\\u00a0]+$", done, re.I) if given else None
        if before is not None:
            done, name = done[:before.start()], done[before.start():] + name
        elif given:
            following = re.match(f"{_SEPARATOR}{given}", after, re.I)
            if following is not None:
                consumed_after = following.end()
                name += after[:consumed_after]
        if person.owner:
            name = f"{_STRONG}{name}{_END}"
        if person.equal:
            name += EQUAL_CONTRIBUTION_MARK
        out = [done, name]
        position = match.end() + consumed_after
    out.append(flat[position:])
    return "".join(out)


def _title_in(flat: str, key: str | None) -> str:
    """The title markers replaced: by the link to the paper's page (``key``) if any, and
    ``newblock`` symbols on the spaces around the title's words (quotes and punctuation
    with it), where a paper page splits the reference (:mod:`..publications.pages`)."""
    start, end = flat.find(_TITLE_OPEN), flat.find(_TITLE_CLOSE)
    if start < 0 or end < start or flat.count(_TITLE_OPEN) + flat.count(_TITLE_CLOSE) != 2:
        return flat.replace(_TITLE_OPEN, "").replace(_TITLE_CLOSE, "")
    if flat[end - 1:end] in {".", "?", "!"} and flat[end + 1:end + 2] == ".":
        flat = flat[:end + 1] + flat[end + 2:]  # "subspaces?." as citeproc-py writes it
    left = flat.rfind(" ", 0, start)
    right = flat.find(" ", end)
    opening, closing = (_LINK, _END) if key else ("", "")
    flat = f"{flat[:start]}{opening}{flat[start + 1:end]}{closing}{flat[end + 1:]}"
    right = right + len(opening) + len(closing) - 2 if right >= 0 else -1
    depth = _depths(flat)
    for space in sorted((left, right), reverse=True):
        if space >= 0 and depth[space] == 0:
            flat = f"{flat[:space]}{_NEWBLOCK}{flat[space + 1:]}"
    return flat


def _depths(flat: str) -> list[int]:
    """How many font markers are open at each character."""
    depths, depth = [], 0
    for char in flat:
        if char == _END:
            depth = max(depth - 1, 0)
        depths.append(depth)
        if char in _OPENERS:
            depth += 1
    return depths


def _rich(flat: str, link: str, addresses: Sequence[str] = ()) -> Text:
    """The marked string as rich text; ``link`` is where a link marker leads, ``addresses``
    where each address marker's index does."""
    stack: list[tuple[str, list[BaseText | str]]] = [("", [])]
    for piece in re.split(f"([{''.join(_OPENERS)}{_END}{_NEWBLOCK}])", flat):
        if not piece:
            continue
        if piece in _OPENERS:
            stack.append((piece, []))
        elif piece == _END:
            if len(stack) > 1:
                _close(stack, link, addresses)
        elif piece == _NEWBLOCK:
            stack[-1][1].append(Symbol("newblock") if len(stack) == 1 else " ")
        else:
            stack[-1][1].append(_ANY_MARK.sub("", piece))
    while len(stack) > 1:
        _close(stack, link, addresses)
    return Text(*stack[0][1])


def _close(stack: list[tuple[str, list[BaseText | str]]], link: str,
           addresses: Sequence[str]) -> None:
    marker, parts = stack.pop()
    kind = _OPENERS[marker]
    made: BaseText
    if kind == "link":
        made = HRef(link, Text(*parts))
    elif kind == "href" and parts and isinstance(parts[0], str) and parts[0]:
        number = ord(parts[0][0]) - _INDEX_BASE
        parts[0] = parts[0][1:]
        made = (HRef(addresses[number], Text(*parts)) if 0 <= number < len(addresses)
                else Text(*parts))
    elif kind:
        made = Tag(kind, *parts)
    else:
        made = Text(*parts)
    stack[-1][1].append(made)


# --- the style class -----------------------------------------------------------------------

#: What is told of an entry the style failed on: the entry and why.
FailureReport = Callable[[Entry, str], None]


@dataclass(frozen=True)
class _Setup:
    csl: CslStyle
    report_failure: FailureReport


def csl_style_class(parent: type[PortfolioStyle], style: CslStyle,
                    report_failure: FailureReport) -> type[PortfolioStyle]:
    """A subclass of ``parent`` (made by :func:`.style.make_style`) whose entries are
    formatted by ``style``: its order, numbers and once-a-build cache stay ``parent``'s.
    An entry the style fails on gets ``parent``'s text, and ``report_failure`` is called
    once for it (the cache keeps its text for the build)."""
    attributes = {"setup": _Setup(style, report_failure), "_formatted": {}}
    return type("CslPortfolioStyle", (_CslStyle, parent), attributes)


class _CslStyle(PortfolioStyle):
    setup: ClassVar[_Setup]

    def _format_text(self, entry: Entry) -> Text:
        try:
            marked = _marked_item(entry, self.owner)
            return format_item(self.setup.csl, marked, str(entry.key),
                               paper_links=self.paper_links and bool(entry.key))
        except Exception as error:  # citeproc-py raises what it meets; the entry stays
            self.setup.report_failure(
                entry, f"the CSL style {self.setup.csl.name!r} fails on this entry "
                f"({_short(error)}); it is shown in the extension's own style")
            return super()._format_text(entry)
