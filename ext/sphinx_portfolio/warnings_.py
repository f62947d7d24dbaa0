"""The catalogue of warnings: every ``portfolio.*`` subtype, and a located problem.

Nothing here imports Sphinx, so the pure layers (``data/``, ``bib/``) report through it
too. The Sphinx side logs a :class:`Problem` as one warning with ``type="portfolio"``,
its subtype and ``location="path:line"`` (see :func:`sphinx_portfolio._shared.warn_at`).
The README's table of subtypes is tested against this Enum.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

__all__ = ["WARNING_TYPE", "Problem", "Subtype", "catalogue_table", "did_you_mean"]

#: The ``type`` of every warning the extension emits (``suppress_warnings = ["portfolio.*"]``).
WARNING_TYPE = "portfolio"


class Subtype(StrEnum):
    """What kind of problem a warning reports; each member's docstring is its meaning."""

    def __new__(cls, value: str, meaning: str) -> Subtype:
        member = str.__new__(cls, value)
        member._value_ = value
        member.__doc__ = meaning
        return member

    # data files (YAML)
    FILE = "file", "a data file that does not exist or cannot be read"
    YAML = "yaml", "YAML that does not parse, tab indentation, text swallowed by a ` #` comment"
    EMPTY = "empty", "a data file with no entries"
    TOPLEVEL = "toplevel", "a data file whose top level is not the expected list or mapping"
    ENTRY = "entry", "an entry that is not a mapping"
    UNKNOWN_KEY = "unknown-key", "a key the schema does not know (usually a typo)"
    MISSING = "missing", "a required field left out"
    TYPE = "type", "a field of the wrong type or format"
    DATE = "date", "an impossible date, or a range that ends before it starts"
    DUPLICATE_ID = "duplicate-id", "two entries with one `id` (the second is left out)"
    REF = "ref", "a BibTeX key or entry id that does not exist"
    URL = "url", "a link that is not http(s) or mailto"
    LIMIT = "limit", (
        "a data file over 256 KiB (skipped); nesting over 20 levels, a number over 100 "
        "characters or a YAML alias (the entry is left out)"
    )
    # pages
    OPTION = "option", "an unknown directive option, column or `:kind:`"
    MATH = "math", "math that cannot be rendered (shown as code on the web, as text in the PDF)"
    # BibTeX files
    BIB_FILE = "bib-file", "a .bib file that cannot be read"
    BIB_SYNTAX = "bib-syntax", "unbalanced braces or unreadable text (the entry is left out)"
    BIB_DUPLICATE_KEY = "bib-duplicate-key", "a key used twice (the first entry wins)"
    BIB_DUPLICATE_FIELD = "bib-duplicate-field", "a field given twice (the first value wins)"
    BIB_NAME = "bib-name", (
        "a malformed author or editor list (the entry is left out), or an `author+an` "
        "position that is no author (ignored)")
    BIB_STRING = "bib-string", "an `@string` used before it is defined, or never defined"
    BIB_CROSSREF = "bib-crossref", (
        "a `crossref` or `entryset` that names no entry, or leads back to its own entry")
    BIB_URL = "bib-url", "a link field (`url`, `pdf`, `code`, ...) that is not http(s) (left out)"
    BIB_LOCAL_FILE = "bib-local-file", (
        "a file al-folio's `pdf`, `supp`, `poster`, `slides`, `html` or `preview` names that is "
        "not in its folder of the site's source (`assets/pdf/`, `assets/html/`, "
        "`assets/img/publication_preview/`; the link or thumbnail is left out)")
    BIB_ENCODING = "bib-encoding", (
        "a byte that is not in `bibtex_encoding` (read as U+FFFD, the entry kept)")
    BIB_SIZE = "bib-size", (
        "a .bib file, entry, key, field or `@string` past its size limit (the rest is read)")
    BIB_MISSING_FIELD = "bib-missing-field", "an entry with no title or no year (still listed)"
    # configuration and output
    CONFIG = "config", "a `portfolio_*` value in conf.py of the wrong type or with unknown keys"
    PDF_VARIANT = "pdf-variant", "a page a PDF variant drops that the site lacks"
    PAPER_PAGE = "paper-page", (
        "a paper whose page would take the name of a page of the site or of another paper "
        "(its page gets another name)")
    OUTPUT = "output", (
        "a file of the site that could not be written (a read-only folder, a full disk); "
        "the next build writes it")
    PDF = "pdf", "a problem Typst reported while making the PDF CV (at the page line it came from)"
    PDF_NODE = "pdf-node", (
        "a part of a page the PDF CV cannot show (an image is left out, anything else shown as "
        "its text)")
    PDF_FONT = "pdf-font", (
        "a character no font of the PDF CV can draw (add a font with `portfolio_pdf_fonts`)")
    PDF_DESIGN = "pdf-design", "a site's own PDF design that imports a Typst package"
    # languages and styles
    TRANSLATION = "translation", (
        "a data value given in several languages but not in the build's `language` (the "
        "default language's text is shown; an info line with "
        "`portfolio_missing_translation = \"info\"`)")
    CSL = "csl", (
        "a CSL style that cannot be read, or that fails on an entry (that entry keeps the "
        "extension's own style)")


def catalogue_table() -> str:
    """The README's table of subtypes, made from the Enum (a test keeps the two equal)."""
    rows = [f"| `{member.value}` | {member.__doc__} |" for member in Subtype]
    return "\n".join(["| subtype | meaning |", "| --- | --- |", *rows])


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, at one place."""

    path: Path
    line: int  # 1-based; 0 when the whole file is concerned
    subtype: Subtype
    message: str
    hint: str = ""

    @property
    def location(self) -> str:
        # Always 'path:line' (line 1 for the whole file): tools and Sphinx parse that form.
        return f"{self.path}:{self.line or 1}"

    @property
    def text(self) -> str:
        """The message with its hint, as the warning shows it."""
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def __str__(self) -> str:
        return f"{self.location}: {self.text}"


#: How alike a word and a suggestion must be (difflib's ratio): a typo ("titel", "papr3")
#: is above 0.8; "einstein2023first" and "einstein1920relativity", two papers, are 0.62.
_CLOSE = 0.75


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint, or '' when nothing is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=_CLOSE)
    return f"did you mean '{close[0]}'?" if close else ""
