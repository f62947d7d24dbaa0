"""A source value turned into ours: each converter returns our value or raises :class:`Lost`
with the reason, rather than guess (every value comes from an untrusted file, so nothing here
trusts its type or its text); ids made from text (:func:`slug`, :class:`Unique`); a source
document walked, and its control characters taken out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

from pydantic_core import PydanticCustomError

from ..bib.latex import fold_words
from ..data.values import Term, YearMonth, parse_end, parse_term, parse_year_month
from ..data.yaml_reader import kind_of
from ..files import free_name
from ._report import at, is_empty

_T = TypeVar("_T")


class Lost(Exception):
    """A source value that has no place in our data; the message says why."""


_SURROGATE = re.compile("[\ud800-\udfff]")


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
