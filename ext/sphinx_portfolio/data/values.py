"""Value types shared by the models: partial dates, terms, money, people, links.

Each accepts the forms people write by hand ("03/2020", "45,000 USD",
"Prof. Simon Du") and keeps a structured value, so sorting, filtering and
JSON Schema work on real data rather than on display strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, get_month_names
from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from .words import N_, Translate, untranslated

__all__ = [
    "DEFAULT_MONTH_FORMAT",
    "NAMED_MONTH_FORMATS",
    "PRESENT",
    "Date",
    "EndDate",
    "MoneyValue",
    "Person",
    "PersonValue",
    "Term",
    "TermValue",
    "Url",
    "YearMonth",
    "babel_locale",
    "check_month_format",
    "parse_end",
    "parse_term",
    "parse_year_month",
]

# The forms a data file writes a term in, English; shown through the catalogue.
_SEASONS = ("Winter", "Spring", "Summer", "Fall")
_SEASON_WORDS = (N_("Winter"), N_("Spring"), N_("Summer"), N_("Fall"))
#: The end of a running range, as a reader sees it.
PRESENT_WORD = N_("present")


@dataclass(frozen=True, order=True)
class YearMonth:
    """A year, a year and month, or a full day.

    A CV shows a month and year at most, but the day is kept when it is given (JSON Resume
    and RenderCV dates carry one): an export writes it back, and entries sort by it."""

    year: int
    month: int = 0  # 0: the month is not known
    day: int = 0  # 0: the day is not known (or the month is not)

    def __str__(self) -> str:
        if self.year == 9999:
            return "Present"
        return f"{self.month:02d}/{self.year}" if self.month else str(self.year)

    def iso(self) -> str:
        if self.year == 9999:
            return "present"
        if self.day:
            return f"{self.year}-{self.month:02d}-{self.day:02d}"
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    def formatted(self, month_format: str, language: str = "en",
                  translate: Translate = untranslated) -> str:
        """As a reader sees it, in ``language`` (a Sphinx language code; one Babel does not
        know is English): a month and year written with ``month_format`` (see
        :func:`check_month_format`), a year alone as the year, the end of a running range
        as 'present' (through ``translate``)."""
        if self.year == 9999:
            return translate(PRESENT_WORD)
        if not self.month:
            return str(self.year)
        return _month_in(self.year, self.month, month_format, language)


@lru_cache(maxsize=4096)
def _month_in(year: int, month: int, month_format: str, language: str) -> str:
    """A month and year as :meth:`YearMonth.formatted` writes them; kept, since the web's
    tables and the PDF's write the same dates (and Babel matches a skeleton each call)."""
    locale = babel_locale(language)
    named = NAMED_MONTH_FORMATS.get(month_format, month_format)
    if _SKELETON.fullmatch(named):
        return str(format_skeleton(named, date(year, month, 1), locale=locale))

    def directive(match: re.Match[str]) -> str:
        if match[0] == "%b":
            return str(get_month_names("abbreviated", locale=locale)[month])
        if match[0] == "%B":
            return str(get_month_names("wide", locale=locale)[month])
        return {"%m": f"{month:02d}", "%Y": str(year), "%%": "%"}[match[0]]

    return _MONTH_DIRECTIVE.sub(directive, named)


@lru_cache(maxsize=32)
def babel_locale(language: str | None) -> Locale:
    """Babel's locale for a Sphinx ``language`` ("ko", "zh_CN", "pt-BR"); English when Babel
    knows no such locale (an unknown language never fails a build)."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


_MONTH_DIRECTIVE = re.compile(r"%[bBmY%]")
# A CLDR date skeleton of a year and a month (Babel's format_skeleton picks the locale's
# pattern for it: "yMMM" is "Jan 2025" in English, "2025년 1월" in Korean).
_SKELETON = re.compile(r"(?=.*y)(?=.*[ML])[yML]+")
#: The locale-aware forms by name: the locale's own order and month names.
NAMED_MONTH_FORMATS = {"short": "yMM", "medium": "yMMM", "long": "yMMMM"}
#: How a month and year are written when nothing else is asked for: 'Jan 2025' in English,
#: '2025년 1월' in Korean, 'Jan. 2025' in German.
DEFAULT_MONTH_FORMAT = "medium"


def check_month_format(pattern: str) -> str:
    """``pattern`` if it writes a month and a year: a named form (``short``, ``medium``,
    ``long``: the build language's own order), a CLDR skeleton of a year and a month
    (``yMMM``, ``yMMMM``, ``yMM``), or ``%Y`` (2025) and one of ``%b`` (Jan), ``%B``
    (January) or ``%m`` (01), other text as it is, ``%%`` a percent sign; month names are
    the build language's.

    Raises ValueError otherwise (a directive that is not one of these, or a missing part)."""
    if pattern in NAMED_MONTH_FORMATS or _SKELETON.fullmatch(pattern):
        return pattern
    directives = re.findall(r"%.?", pattern)
    unknown = sorted({d for d in directives if not _MONTH_DIRECTIVE.fullmatch(d)})
    if unknown:
        raise ValueError(f"unknown directive {', '.join(unknown)}: use %b, %B, %m and %Y")
    if "%Y" not in directives or not {"%b", "%B", "%m"} & set(directives):
        raise ValueError("must hold %Y and one of %b, %B or %m")
    return pattern


_YEAR_MONTH_FORMS = (
    re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$"),
    re.compile(r"^(?P<month>\d{1,2})/(?P<year>\d{4})$"),
)


def parse_year_month(value: Any) -> YearMonth:
    if isinstance(value, YearMonth):
        return value
    if hasattr(value, "year") and hasattr(value, "month"):  # a YAML date
        return YearMonth(value.year, value.month, getattr(value, "day", 0))
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        for form in _YEAR_MONTH_FORMS:
            match = form.match(value.strip())
            if match:
                given_day = match.groupdict().get("day")  # only the first form has a day
                year, month, day = int(match["year"]), int(match["month"] or 0), int(given_day or 0)
                if (not 1000 <= year <= 2999 or not 0 <= month <= 12 or match["month"] == "0"
                        or (given_day and not _is_day(year, month, day))):
                    raise PydanticCustomError("date", "impossible date '{value}'", {"value": value})
                return YearMonth(year, month, day)
    raise PydanticCustomError(
        "date_format",
        "'{value}' is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or MM/YYYY",
        {"value": str(value)},
    )


def _is_day(year: int, month: int, day: int) -> bool:
    """Whether the day exists (no 31 April, 29 February only in a leap year)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


#: The end of a range that is still running; sorts after every real date.
PRESENT = YearMonth(9999, 12)


def parse_end(value: Any) -> YearMonth:
    """An end date; 'present' (or 'now', 'ongoing') means still running."""
    if isinstance(value, str) and value.strip().lower() in {"present", "now", "ongoing"}:
        return PRESENT
    return parse_year_month(value)


_date_schema = WithJsonSchema(
    {"type": ["string", "integer"],
     "pattern": r"^(\d{4}(-\d{1,2}(-\d{1,2})?)?|\d{1,2}/\d{4})$",
     "description": "YYYY, YYYY-MM, YYYY-MM-DD or MM/YYYY (the day is kept, not shown)"}
)
_to_iso = PlainSerializer(lambda value: value.iso(), return_type=str)
# a lambda, not the str type itself: older pydantic cannot inspect builtins' signatures
_as_text = PlainSerializer(lambda value: str(value), return_type=str)

Date = Annotated[YearMonth, BeforeValidator(parse_year_month), _date_schema, _to_iso]
EndDate = Annotated[
    YearMonth,
    BeforeValidator(parse_end),
    WithJsonSchema(
        {"anyOf": [_date_schema.json_schema, {"const": "present"}],
         "description": "YYYY, YYYY-MM, YYYY-MM-DD, MM/YYYY or 'present'"}
    ),
    _to_iso,
]


@dataclass(frozen=True, order=True)
class Term:
    """An academic term such as 'Spring 2021'."""

    year: int
    season: int  # index in _SEASONS, for ordering within a year

    def __str__(self) -> str:
        return f"{_SEASONS[self.season]} {self.year}"

    def formatted(self, translate: Translate = untranslated) -> str:
        """As a reader sees it: 'Spring 2021', or through ``translate`` ("2021년 봄학기")."""
        return translate(N_("{season} {year}")).format(
            season=translate(_SEASON_WORDS[self.season]), year=self.year)


def parse_term(value: Any) -> Term:
    if isinstance(value, Term):
        return value
    match = re.match(r"^(?P<season>[A-Za-z]+) (?P<year>\d{4})$", str(value).strip())
    if match and match["season"].title() in _SEASONS:
        return Term(int(match["year"]), _SEASONS.index(match["season"].title()))
    raise PydanticCustomError(
        "date_format", "'{value}' is not a term: write e.g. 'Spring 2021'", {"value": str(value)}
    )


TermValue = Annotated[
    Term,
    BeforeValidator(parse_term),
    WithJsonSchema({"type": "string", "pattern": r"^(Winter|Spring|Summer|Fall) \d{4}$"}),
    _as_text,
]


@dataclass(frozen=True)
class Money:
    amount: int
    currency: str

    def __str__(self) -> str:
        return f"{self.amount:,} {self.currency}"


def parse_money(value: Any) -> Money:
    if isinstance(value, Money):
        return value
    if isinstance(value, dict) and set(value) == {"amount", "currency"}:
        value = f"{value['amount']} {value['currency']}"
    match = re.match(r"^(?P<amount>\d[\d,]*)\s+(?P<currency>[A-Z]{3})$", str(value).strip())
    if match:
        return Money(int(match["amount"].replace(",", "")), match["currency"])
    raise PydanticCustomError(
        "money", "'{value}' is not an amount: write e.g. '45,000 USD'", {"value": str(value)}
    )


MoneyValue = Annotated[
    Money,
    BeforeValidator(parse_money),
    WithJsonSchema({"type": "string", "pattern": r"^\d[\d,]*\s+[A-Z]{3}$",
                    "description": "amount and ISO 4217 currency, e.g. '45,000 USD'"}),
    _as_text,
]

_HONORIFICS = ("Prof.", "Dr.")


@dataclass(frozen=True)
class Person:
    name: str
    honorific: str = ""

    def __str__(self) -> str:
        return f"{self.honorific} {self.name}" if self.honorific else self.name


def parse_person(value: Any) -> Person:
    if isinstance(value, Person):
        return value
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError(
            "type", "a person is written as a name, e.g. 'Prof. Ada Lovelace'"
        )
    text = " ".join(value.split())
    for honorific in _HONORIFICS:
        if text.startswith(honorific + " "):
            return Person(text[len(honorific) + 1 :], honorific)
    return Person(text)


PersonValue = Annotated[
    Person,
    BeforeValidator(parse_person),
    WithJsonSchema({"type": "string", "description": "a name, optionally with 'Prof.' or 'Dr.'"}),
    _as_text,
]

_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def check_url(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("type", "a link must be a string")
    url = value.strip()
    if not url.lower().startswith(_SAFE_SCHEMES) or any(c.isspace() for c in url):
        raise PydanticCustomError(
            "url", "'{value}' is not an http(s) or mailto link", {"value": url}
        )
    return url


Url = Annotated[
    str,
    BeforeValidator(check_url),
    WithJsonSchema({"type": "string", "pattern": r"^(https?://|mailto:)\S+$"}),
]
