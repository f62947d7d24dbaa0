"""The pybtex formatting style of a researcher's publication list, venues included.

Pure Python on top of pybtex: nothing here imports Sphinx. An entry renders as
``Authors. **Title**. *Venue* (SHORT YEAR).`` from whatever fields it has: no entry type is
unknown and no field is required, so pybtex's "missing year in KEY" never appears.
The title is bold and a journal or proceedings italic, so a reader's eye finds the paper
and where it appeared, as in LaTeX CVs; a preprint says so, with its arXiv (or other
server's) id when the entry has one: ``Preprint, arXiv:2405.16002 (2024).``.
The owner's name is bold, equal contributors carry ``*`` (people: :mod:`.names`) and
links come separately (:func:`.links.entry_links`).

al-folio's fields show as they do there, as text: ``abbr`` is the venue's short name
(``*American Journal of Physics* (AJP 1950)``), ``additional_info`` follows the venue, and
``award`` (titled ``award_name``) and ``annotation`` end the entry. al-folio writes them in
Markdown and HTML (``**Nobel Prize**``, ``<br>``): links keep their text, emphasis and tags
go, a line break is "; ", so nothing in them is ever markup (:func:`alfolio_text`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, ClassVar

from pybtex.database import Entry, Person
from pybtex.richtext import BaseText, HRef, Symbol, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels.number import LabelStyle as NumberLabels
from pybtex.style.names.plain import NameStyle as PlainNames
from pybtex.style.sorting.none import SortingStyle as FileOrder

from ..data.words import N_, Translate, untranslated
from .biblatex import TYPE_LABELS, entry_year, month_number, normalized_copy
from .kinds import publication_kind
from .latex import clean_latex, field_text, fold_words, latex_to_text, math_text
from .links import ARXIV, arxiv_id, arxiv_year_month, eprint_archive
from .names import (
    EQUAL_CONTRIBUTION_MARK,
    OwnerMatcher,
    equal_contribution_positions,
    format_person,
    is_others,
)

__all__ = [
    "PAPER_URI_PREFIX", "PortfolioStyle", "alfolio_text", "make_style", "newest_first",
]

#: Public facts about well-known machine-learning venues; ``venue_abbreviations`` adds to them.
DEFAULT_VENUE_ABBREVIATIONS: Mapping[str, str] = MappingProxyType(
    {
        "International Conference on Learning Representations": "ICLR",
        "Conference on Neural Information Processing Systems": "NeurIPS",
        "Advances in Neural Information Processing Systems": "NeurIPS",
        "International Conference on Machine Learning": "ICML",
        "International Conference on Artificial Intelligence and Statistics": "AISTATS",
        "Conference on Learning Theory": "COLT",
        "AAAI Conference on Artificial Intelligence": "AAAI",
    }
)

#: With ``paper_links``, a title links to ``PAPER_URI_PREFIX + key``, which the Sphinx side
#: turns into the URI of the paper's own page (or drops, in the PDF).
PAPER_URI_PREFIX = "portfolio-paper:"

_ELLIPSIS = "\u2026"
# Words that vary between citations of one venue: "Proceedings of the 41st ...", "Thirty-Seventh".
_VENUE_NOISE = re.compile(
    r"\d+(?:st|nd|rd|th)?|proceedings|of|the|annual"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|(?:thir|four|fif|six|seven|eigh|nine)teenth|(?:twen|thir|for|fif|six|seven|eigh|nine)t(?:y|ieth)"
)
# Types whose venue says what kind of document they are ("PhD thesis, University X").
_LABELLED_TYPES = frozenset({"phdthesis", "mastersthesis", "techreport"})
# Where the venue of an entry is found, in order; only the first two are italic titles.
_VENUE_FIELDS = (
    "journal",
    "booktitle",
    "howpublished",
    "publisher",
    "organization",
    "institution",
    "school",
)
_CONTAINER_FIELDS = frozenset({"journal", "booktitle"})
# al-folio's Markdown and HTML, as far as its fields use them (see alfolio_text).
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)
# A script's or style sheet's content is no text to show: it goes with its tags.
_HTML_TAG = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|</?[A-Za-z][^<>]*>", re.S | re.I)
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^()\s]*\)")
_MARKDOWN_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# One "*" each side, not a footnote mark ("* equal contribution") nor inside a word.
_MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")


# --- authors ---------------------------------------------------------------------------------


def _visible_positions(count: int, owner_positions: Sequence[int], limit: int) -> list[int]:
    """The first ``limit`` people, shortened where needed to make room for the owner."""
    if count <= limit:
        return list(range(count))
    outside = [position for position in owner_positions if position >= limit]
    head = range(max(limit - len(outside), 1))
    return sorted(set(head).union(owner_positions))


@dataclass(frozen=True)
class _PeopleFormat:
    owner: OwnerMatcher
    limit: int
    equal: frozenset[int] = frozenset()
    translate: Translate = untranslated

    def person(self, person: Person, position: int) -> Text:
        name = format_person(person)
        text = Text(Tag("strong", name)) if self.owner.matches(person) else name
        return Text(text, EQUAL_CONTRIBUTION_MARK) if position in self.equal else text

    def people(self, persons: Sequence[Person]) -> Text:
        has_others = bool(persons) and is_others(persons[-1])
        named = list(persons[:-1]) if has_others else list(persons)
        owners = [position for position, person in enumerate(named) if self.owner.matches(person)]
        shown = _visible_positions(len(named), owners, self.limit)
        items: list[BaseText | str] = []
        for index, position in enumerate(shown):
            if position != (shown[index - 1] + 1 if index else 0):
                items.append(_ELLIPSIS)
            items.append(self.person(named[position], position))
        listed = Text(", ").join(items)
        if has_others:
            return Text(listed, " ", self.translate(N_("et al.")))
        hidden = len(named) - len(shown)
        more = self.translate(N_(", and {count} more")).format(count=hidden)
        return Text(listed, more) if hidden else listed


# --- venue -----------------------------------------------------------------------------------


def venue_key(name: str) -> str:
    """What identifies a venue name: "Proceedings of the 41st International Conference on
    Machine Learning" and "International Conference on Machine Learning" share one key."""
    without_parentheses = re.sub(r"\([^)]*\)", " ", clean_latex(name))
    words = fold_words(without_parentheses)
    return " ".join(word for word in words if not _VENUE_NOISE.fullmatch(word))


def _venue_field(entry: Entry) -> str | None:
    for name in _VENUE_FIELDS:
        value = field_text(entry, name)
        if value and not _looks_like_url(value):
            return name
    return None


def _looks_like_url(value: str) -> bool:
    return value.startswith("\\url") or re.match(r"https?://", value) is not None


def _kind_label(entry: Entry, translate: Translate) -> str | None:
    """ "PhD thesis", "Technical report 42": what kind of document a thesis or report is
    (the words of :data:`.biblatex.TYPE_LABELS` in the build's language)."""
    if entry.type not in _LABELLED_TYPES:
        return None
    label = translate(clean_latex(field_text(entry, "type")) or TYPE_LABELS[entry.type])
    number = clean_latex(field_text(entry, "number")) if entry.type == "techreport" else ""
    return f"{label} {number}" if number else label


#: What a paper with no venue yet is called, before its server's id.
PREPRINT_LABEL = N_("Preprint")


def _preprint(entry: Entry, translate: Translate) -> Text | None:
    """ "Preprint, arXiv:2405.16002" (or another server's id) for an entry with an eprint;
    "Preprint" for a preprint without one (:func:`.kinds.publication_kind`); else None.
    Only the entry's own fields count: no id is looked up or guessed."""
    eprint = clean_latex(field_text(entry, "eprint"))
    if not eprint:
        return Text(translate(PREPRINT_LABEL)) if publication_kind(entry) == "preprint" else None
    archive = eprint_archive(entry)
    if archive == ARXIV:
        eprint = arxiv_id(entry)  # without an "arXiv:" prefix of its own
    return Text(f"{translate(PREPRINT_LABEL)}, {archive}:{eprint}")


def _article_details(entry: Entry, translate: Translate) -> str:
    """ "25(3):1-20" (en dash) for journal articles; other types leave volume and pages out."""
    if entry.type != "article":
        return ""
    volume, number, pages = (
        clean_latex(field_text(entry, name)) for name in ("volume", "number", "pages")
    )
    pages = re.sub(r"(?<=\w)\s*-+\s*(?=\w)", "\u2013", pages)
    issue = f"{volume}({number})" if volume and number else volume
    if issue and pages:
        return f"{issue}:{pages}"
    return issue or (translate(N_("pp. {pages}")).format(pages=pages) if pages else "")


@dataclass(frozen=True)
class _VenueFormat:
    abbreviations: Mapping[str, str]  # venue_key -> short name
    translate: Translate = untranslated

    def venue(self, entry: Entry) -> Text | None:
        """The whole venue block: "<em>Venue</em> (SHORT YEAR), 25(3):1-20", or just a year."""
        name_field = _venue_field(entry)
        label = _kind_label(entry, self.translate)
        venue = (
            self._named_venue(entry, name_field, label)
            if name_field
            else _preprint(entry, self.translate) or (Text(label) if label else None)
        )
        details = _article_details(entry, self.translate)
        annotation = self._annotation(entry, name_field, str(venue or ""))
        if venue is None:
            return Text(", ").join([part for part in (annotation, details) if part]) or None
        if annotation:
            venue = Text(venue, f" ({annotation})")
        return Text(venue, f", {details}") if details else venue

    @staticmethod
    def _named_venue(entry: Entry, name_field: str, label: str | None) -> Text:
        # without a trailing comma: al-folio's example file has them ("Phys. Rev.,")
        name = latex_to_text(field_text(entry, name_field).rstrip(" ,"))
        shown = Tag("em", name) if name_field in _CONTAINER_FIELDS else name
        return Text(label, ", ", shown) if label else Text(shown)

    def _annotation(self, entry: Entry, name_field: str | None, venue: str) -> str:
        """ "ICLR 2025": short name and year, each left out when unknown or already shown
        (al-folio's ``abbr`` often holds the year: "TSC 2021")."""
        short = self._short_name(entry, name_field) if name_field else ""
        year = clean_latex(field_text(entry, "year"))
        if year and re.search(rf"(?<!\d){re.escape(year)}(?!\d)", f"{venue} {short}"):
            year = ""
        return " ".join(part for part in (short, year) if part)

    def _short_name(self, entry: Entry, name_field: str) -> str:
        """The venue's short name: biblatex's ``shortjournal``/``shortbooktitle``, al-folio's
        ``abbr``, then the table of known venues."""
        name = clean_latex(field_text(entry, name_field))
        short = clean_latex(field_text(entry, f"short{name_field}"))
        short = short or alfolio_text(field_text(entry, "abbr"))
        short = short or self.abbreviations.get(venue_key(name), "")
        already_shown = f"({short})" in name or venue_key(short) == venue_key(name)
        return "" if already_shown else short


# --- al-folio's text fields ------------------------------------------------------------------


def alfolio_text(value: str) -> str:
    """The text of an al-folio field written in Markdown and HTML, LaTeX decoded: a link's
    text without its address, emphasis without its stars, tags dropped (``<br>`` as "; ", a
    script with its content), character references decoded. What comes out is only ever
    shown as text: math text (:func:`.latex.math_text`), so "\\$5" stays a dollar sign."""
    text = "; ".join(part.strip() for part in _HTML_BREAK.split(value) if part.strip())
    text = html.unescape(_HTML_TAG.sub("", text))
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _MARKDOWN_EMPHASIS.sub(r"\1", _MARKDOWN_STRONG.sub(r"\2", text))
    return " ".join(math_text(text).split())


def _alfolio_sentence(entry: Entry, field: str) -> Text | None:
    """An al-folio text field as a sentence of its own; ``additional_info`` is written to
    follow the venue directly (". *More* ..."), so its leading punctuation goes."""
    text = alfolio_text(field_text(entry, field)).lstrip(" ,.;:")
    return Text(text) if text else None


def _award(entry: Entry, translate: Translate) -> Text | None:
    """ "**Best Paper Award**: for ...": al-folio's ``award_name`` (its button) and ``award``."""
    name = alfolio_text(field_text(entry, "award_name"))
    award = alfolio_text(field_text(entry, "award"))
    if not award:
        return Text(Tag("strong", name)) if name else None
    return Text(Tag("strong", name or translate(N_("Award"))), ": ", award)


# --- the style -------------------------------------------------------------------------------


def _sentence(text: BaseText | None) -> Text | None:
    return Text(text).add_period() if text else None


def _title(entry: Entry) -> Text | None:
    title = field_text(entry, "title")
    if not title:
        return None
    subtitle = field_text(entry, "subtitle")
    if subtitle:
        return Text(latex_to_text(title), ": ", latex_to_text(subtitle))
    return latex_to_text(title)


def newest_first(entry: Entry) -> tuple[bool, int, int]:
    """Newest first by the year and month an entry states, else those of its arXiv id (as
    a list grouped by year shows them, so its numbers run in order); undated entries last."""
    return (entry_year(entry) is None, -(entry_year(entry) or 0), -_month(entry))


def _month(entry: Entry) -> int:
    """The ``month`` field's month, else the month a new-style arXiv id encodes, else 0."""
    month = month_number(entry.fields.get("month", ""))
    if month:
        return month
    arxiv_date = arxiv_year_month(arxiv_id(entry))
    return arxiv_date[1] if arxiv_date else 0


class PortfolioStyle(UnsrtStyle):  # type: ignore[misc]  # pybtex has no type hints
    """One generic template for every entry type; configure it through :func:`make_style`.

    pybtex and sphinxcontrib-bibtex instantiate styles without arguments, hence the
    configuration lives in class attributes.
    """

    owner: ClassVar[OwnerMatcher] = OwnerMatcher(())
    abbreviations: ClassVar[Mapping[str, str]] = MappingProxyType(
        {venue_key(name): short for name, short in DEFAULT_VENUE_ABBREVIATIONS.items()}
    )
    max_authors: ClassVar[int] = 10
    paper_links: ClassVar[bool] = False
    #: The style's own words in the build's language (a static method: a plain function
    #: here would be bound to the instance).
    translate = staticmethod(untranslated)
    # Classes, not plugin names: pybtex looks a name up in every installed package's entry
    # points (~5 ms a name) each time a style is made, and sphinxcontrib-bibtex makes several.
    default_name_style = PlainNames
    default_label_style = NumberLabels
    default_sorting_style = FileOrder
    #: id(entry) -> (entry, its text): sphinxcontrib-bibtex formats every entry twice (the
    #: list and the tooltip), paper pages may ask again. The entry is kept with its text,
    #: so its id names no other entry while cached; each made style has its own.
    _formatted: ClassVar[dict[int, tuple[Entry, Text]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # pybtex binds sort and format_labels on the instance from its sorting and
        # label plugins; a CV's order and numbering must win over those.
        self.sort = self._newest_first
        self.format_labels = self._cv_numbers

    @staticmethod
    def _newest_first(entries: Iterable[Entry]) -> list[Entry]:
        """Newest first, as CVs list papers; undated entries last; ties keep file order."""
        return sorted(entries, key=newest_first)

    @staticmethod
    def _cv_numbers(sorted_entries: Iterable[Entry]) -> Iterable[str]:
        """CV numbering: the newest of n papers is [n], the oldest [1]."""
        count = len(list(sorted_entries))
        return (str(number) for number in range(count, 0, -1))

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        return FormattedEntry(entry.key, self.format_text(entry), label)

    def format_text(self, entry: Entry) -> Text:
        """The entry as rich text, built only from the fields it has."""
        cached = self._formatted.get(id(entry))
        if cached is not None and cached[0] is entry:
            return cached[1]
        text = self._format_text(entry)
        self._formatted[id(entry)] = (entry, text)
        return text

    def _format_text(self, entry: Entry) -> Text:
        entry = normalized_copy(entry)
        blocks = [
            _sentence(self._people(entry)),
            _sentence(self._title(entry)),
            _sentence(_VenueFormat(self.abbreviations, self.translate).venue(entry)),
            _sentence(_alfolio_sentence(entry, "additional_info")),
            _sentence(latex_to_text(field_text(entry, "note"))),
            _sentence(_award(entry, self.translate)),
            _sentence(_alfolio_sentence(entry, "annotation")),
        ]
        present = [block for block in blocks if block]
        return Text(Symbol("newblock")).join(present) if present else Text(entry.key or "")

    def _title(self, entry: Entry) -> Text | None:
        """The bold title; with ``paper_links``, the link to the paper's page."""
        title = _title(entry)
        if title is None:
            return None
        # the tag inside the link: where the link is dropped (PDF), the title stays bold
        bold = Text(Tag("strong", title))
        if not self.paper_links or not entry.key:
            return bold
        return Text(HRef(PAPER_URI_PREFIX + entry.key, bold))

    def _people(self, entry: Entry) -> Text | None:
        authors = entry.persons.get("author")
        if authors:
            equal = equal_contribution_positions(entry)
            return _PeopleFormat(self.owner, self.max_authors, equal,
                                 self.translate).people(authors)
        editors = entry.persons.get("editor")
        if editors:
            role = self.translate(N_("(eds.)") if len(editors) > 1 else N_("(ed.)"))
            people = _PeopleFormat(self.owner, self.max_authors, translate=self.translate)
            return Text(people.people(editors), " ", role)
        return None


def make_style(
    owner_aliases: Sequence[str],
    venue_abbreviations: Mapping[str, str] | None = None,
    max_authors: int = 10,
    *,
    paper_links: bool = False,
    translate: Translate = untranslated,
) -> type[BaseStyle]:
    """A :class:`PortfolioStyle` subclass that knows the owner's names and venue short names.

    ``venue_abbreviations`` (full name -> short name) is added to
    :data:`DEFAULT_VENUE_ABBREVIATIONS` and wins over it; ``translate`` gives the style's
    own words ("Preprint", "pp.", "et al.") in the build's language.
    """
    if max_authors < 1:
        raise ValueError(f"max_authors must be at least 1, not {max_authors}")
    aliases = [owner_aliases] if isinstance(owner_aliases, str) else list(owner_aliases)
    names = {**DEFAULT_VENUE_ABBREVIATIONS, **(venue_abbreviations or {})}
    attributes = {
        "owner": OwnerMatcher(aliases),
        "abbreviations": MappingProxyType({venue_key(k): v for k, v in names.items()}),
        "max_authors": max_authors,
        "paper_links": paper_links,
        "translate": staticmethod(translate),
        "_formatted": {},
    }
    return type("PortfolioStyle", (PortfolioStyle,), attributes)


