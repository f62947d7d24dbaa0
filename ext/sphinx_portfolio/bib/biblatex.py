"""Map biblatex entries onto classic BibTeX, and LaTeX field text onto Unicode rich text.

Pure Python on top of pybtex: nothing here imports Sphinx. :func:`normalize_entry`
only adds BibTeX fields (the biblatex originals stay), so running it twice is harmless.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.database import Entry
from pybtex.richtext import BaseText, Tag, Text

#: The entry types of classic BibTeX; anything else is mapped onto one of these.
BIBTEX_TYPES: frozenset[str] = frozenset(
    {
        "article",
        "book",
        "booklet",
        "inbook",
        "incollection",
        "inproceedings",
        "manual",
        "mastersthesis",
        "misc",
        "phdthesis",
        "proceedings",
        "techreport",
        "unpublished",
    }
)

# biblatex types with a close BibTeX counterpart; the rest (@dataset, @software, @patent,
# @set, ...) become @misc, which the portfolio style renders from whatever fields exist.
_TYPE_COUNTERPARTS: dict[str, str] = {
    "online": "misc",
    "electronic": "misc",
    "www": "misc",
    "report": "techreport",
    "conference": "inproceedings",
    "mvbook": "book",
    "bookinbook": "inbook",
    "suppbook": "inbook",
    "collection": "book",
    "mvcollection": "book",
    "reference": "book",
    "mvreference": "book",
    "inreference": "incollection",
    "suppcollection": "incollection",
    "mvproceedings": "proceedings",
}

# biblatex's localisation keys for the `type` field, and the words they stand for.
_TYPE_FIELD_LABELS: dict[str, str] = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master's thesis",
    "mastersthesis": "Master's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
}

# (biblatex field, BibTeX field): copied only when the BibTeX field is absent.
_FIELD_COUNTERPARTS: tuple[tuple[str, str], ...] = (
    ("journaltitle", "journal"),
    ("location", "address"),
    ("eprinttype", "archiveprefix"),
    ("eventtitle", "booktitle"),
    ("maintitle", "booktitle"),
)

_MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# ISO 8601 as biblatex writes it: YYYY, YYYY-MM or YYYY-MM-DD, optionally the start of a range.
_DATE = re.compile(r"\s*(?P<year>\d{4})(?:-(?P<month>\d{2}))?(?:-\d{2})?\s*(?:/.*)?")
_YEAR_IN_TEXT = re.compile(r"\b(\d{4})\b")
# New-style arXiv identifiers (2007 on): YYMM.NNNN or YYMM.NNNNN, optional prefix and version.
_NEW_ARXIV_ID = re.compile(r"\s*(?:arxiv:)?(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5}(?:v\d+)?\s*", re.I)


def normalize_entry(entry: Entry) -> list[str]:
    """Give a biblatex entry its BibTeX fields and type, in place.

    Returns one short note per change (e.g. ``"date -> year"``), empty when the entry
    already was plain BibTeX.
    """
    steps: tuple[Callable[[Entry], list[str]], ...] = (
        _copy_field_counterparts,
        _split_date,
        _map_type,
        _translate_type_field,
        _share_institution_and_school,
    )
    return [note for step in steps for note in step(entry)]


def entry_year(entry: Entry) -> int | None:
    """The year to sort and group by: ``year``, else ``date``, else a new-style arXiv id.

    The arXiv fallback is for ordering only; the style never prints a year it guessed.
    """
    year_match = _YEAR_IN_TEXT.search(entry.fields.get("year", ""))
    if year_match:
        return int(year_match.group(1))
    date_match = _DATE.fullmatch(entry.fields.get("date", ""))
    if date_match:
        return int(date_match.group("year"))
    arxiv_match = _NEW_ARXIV_ID.fullmatch(entry.fields.get("eprint", ""))
    if arxiv_match and 1 <= int(arxiv_match.group("mm")) <= 12:
        return 2000 + int(arxiv_match.group("yy"))
    return None


def _copy_field_counterparts(entry: Entry) -> list[str]:
    notes = []
    for source, target in _FIELD_COUNTERPARTS:
        if source in entry.fields and target not in entry.fields:
            entry.fields[target] = entry.fields[source]
            notes.append(f"{source} -> {target}")
    return notes


def _split_date(entry: Entry) -> list[str]:
    match = _DATE.fullmatch(entry.fields.get("date", ""))
    if match is None or "year" in entry.fields:
        return []
    entry.fields["year"] = match.group("year")
    month = int(match.group("month") or 0)
    if 1 <= month <= 12 and "month" not in entry.fields:
        entry.fields["month"] = _MONTH_NAMES[month - 1]
        return ["date -> year, month"]
    return ["date -> year"]


def _map_type(entry: Entry) -> list[str]:
    old_type = entry.type
    if old_type == "thesis":
        entry.type = _thesis_type(entry.fields.get("type", ""))
    elif old_type not in BIBTEX_TYPES:
        entry.type = _TYPE_COUNTERPARTS.get(old_type, "misc")
    return [] if entry.type == old_type else [f"@{old_type} -> @{entry.type}"]


def _thesis_type(type_field: str) -> str:
    label = _TYPE_FIELD_LABELS.get(type_field.strip().lower(), type_field).lower()
    is_masters = "master" in label or re.search(r"\bm\.?\s?sc?\b", label) is not None
    return "mastersthesis" if is_masters else "phdthesis"


def _translate_type_field(entry: Entry) -> list[str]:
    # "mathesis" is a biblatex key, not text: show the words it stands for.
    key = entry.fields.get("type", "").strip().lower()
    if key not in _TYPE_FIELD_LABELS:
        return []
    entry.fields["type"] = _TYPE_FIELD_LABELS[key]
    return [f"type {key} -> {entry.fields['type']}"]


def _share_institution_and_school(entry: Entry) -> list[str]:
    # biblatex uses `institution` for theses and reports alike; BibTeX wants `school` there.
    wanted = {"phdthesis": "school", "mastersthesis": "school", "techreport": "institution"}
    target = wanted.get(entry.type)
    if target is None or target in entry.fields:
        return []
    source = "institution" if target == "school" else "school"
    if source not in entry.fields:
        return []
    entry.fields[target] = entry.fields[source]
    return [f"{source} -> {target}"]


# --- LaTeX to rich text -------------------------------------------------------------------

# `$...$` and `$$...$$` stay verbatim so that a later transform can make math nodes of them.
_MATH_SPAN = re.compile(r"(?<!\\)(\$\$?)(?!\$).+?(?<!\\)\1", re.S)
_TOKEN = re.compile(
    r"\\(?P<word>[A-Za-z]+)(?:\s+(?=\{))?|\\(?P<symbol>.)|(?P<brace>[{}])|(?P<text>[^\\{}]+)",
    re.S,
)
_STYLE_TAGS: dict[str, str] = {"emph": "em", "textit": "em", "textsl": "em", "textbf": "strong"}
# Combining marks for accent commands latexcodec leaves undecoded (e.g. `\'{\i}`).
_ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "r": "\u030a",
    "c": "\u0327",
    "k": "\u0328",
    "d": "\u0323",
    "b": "\u0331",
}
_SYMBOLS: dict[str, str] = {
    "i": "\u0131",
    "j": "\u0237",
    "dots": "\u2026",
    "ldots": "\u2026",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "\\": " ",
    " ": " ",
    ",": "\u2009",
    "&": "&",
    "%": "%",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
}


@dataclass(frozen=True)
class _Command:
    name: str


_Node: TypeAlias = "str | _Command | list[_Node]"
_Rich: TypeAlias = "str | BaseText"


def latex_to_text(latex: str) -> Text:
    """Rich Unicode text for a BibTeX field: accents decoded, braces dropped, math kept.

    `\\emph`/`\\textit` become ``em`` tags and `\\textbf` a ``strong`` tag; other commands
    keep only their braced argument.
    """
    parts: list[_Rich] = []
    position = 0
    for math in _MATH_SPAN.finditer(latex):
        parts += _prose_to_rich(latex[position : math.start()])
        parts.append(math.group(0))
        position = math.end()
    parts += _prose_to_rich(latex[position:])
    return Text(*parts)


@functools.lru_cache(maxsize=65536)  # names are compared again and again
def clean_latex(latex: str) -> str:
    """:func:`latex_to_text` without the markup, e.g. for comparing names."""
    return str(latex_to_text(latex))


def _prose_to_rich(prose: str) -> list[_Rich]:
    prose = re.sub(r"[ \t\r\n]+", " ", prose)
    # latexcodec reads a bare % as a comment and drops the rest of the field.
    prose = re.sub(r"(?<!\\)%", r"\\%", prose)
    # latexcodec also drops leading spaces, which matter next to a math span.
    leading = " " if prose.startswith(" ") else ""
    return [leading, *_render(_parse(_decode_latex(prose)))]


@functools.lru_cache(maxsize=65536)  # names and venues repeat across entries and passes
def _decode_latex(prose: str) -> str:
    # The "ulatex" codec decodes str to str, which the typeshed overloads do not foresee.
    decoded: str = codecs.decode(prose, "ulatex")  # type: ignore[call-overload]
    return decoded


def _parse(decoded: str) -> list[_Node]:
    root: list[_Node] = []
    stack = [root]
    for token in _TOKEN.finditer(decoded):
        if token["brace"] == "{":
            group: list[_Node] = []
            stack[-1].append(group)
            stack.append(group)
        elif token["brace"] == "}":
            if len(stack) > 1:  # a stray closing brace is dropped
                stack.pop()
        elif token["text"] is not None:
            stack[-1].append(token["text"])
        else:
            stack[-1].append(_Command(token["word"] or token["symbol"]))
    return root


def _render(nodes: list[_Node]) -> list[_Rich]:
    rendered: list[_Rich] = []
    remaining = list(nodes)
    while remaining:
        node = remaining.pop(0)
        if isinstance(node, str):
            rendered.append(node)
        elif isinstance(node, list):
            rendered += _render(node)
        else:
            arguments = _take_groups(remaining, _arity(node.name))
            rendered += _apply(node.name, [_render(group) for group in arguments])
    return rendered


def _arity(command: str) -> int:
    if command == "href":
        return 2
    return 1 if command in _STYLE_TAGS or command in _ACCENTS else 0


def _take_groups(remaining: list[_Node], count: int) -> list[list[_Node]]:
    groups: list[list[_Node]] = []
    while len(groups) < count and remaining and isinstance(remaining[0], list):
        groups.append(remaining.pop(0))  # type: ignore[arg-type]
    return groups


def _apply(command: str, arguments: list[list[_Rich]]) -> list[_Rich]:
    if command in _STYLE_TAGS:
        return [Tag(_STYLE_TAGS[command], *arguments[0])] if arguments else []
    if command in _ACCENTS:
        base = str(Text(*arguments[0])).replace("\u0131", "i") if arguments else ""
        return [unicodedata.normalize("NFC", base[:1] + _ACCENTS[command] + base[1:])]
    if command == "href":
        return arguments[-1] if arguments else []
    return [_SYMBOLS.get(command, "")]
