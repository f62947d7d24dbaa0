"""What every wing shares on the Sphinx side: one way to warn, CSS class names, priorities.

The catalogue of warning subtypes itself is :mod:`.warnings_` (no Sphinx there, so the
pure layers use it too).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from docutils import nodes
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .warnings_ import WARNING_TYPE, Problem, Subtype

logger = logging.getLogger("sphinx_portfolio")

# --- CSS classes (the style sheet and the PDF transforms rely on these names) ---------------
#: Nodes that only make sense on the web (toggles, back-links); the PDF drops them.
WEB_ONLY: Final = "portfolio-web-only"
#: Nodes for the PDF CV (and the other printed or text outputs) that HTML pages leave out:
#: the profile's phone number, which on a public page invites spam.
PRINT_ONLY: Final = "portfolio-print-only"
#: Every data table; a second class ``portfolio-<kind>`` names its data file.
TABLE: Final = "portfolio-table"
#: The container of a ``{publications}`` list.
PUBLICATIONS: Final = "portfolio-publications"
#: The ``{publication-metrics}`` list ("5 publications: ...", "By year: ..."); web only.
METRICS: Final = "portfolio-metrics"
#: A table cell holding an entry's dates: one column, flush right at one x in the PDF.
DATES: Final = "portfolio-dates"
#: One date, range or term in that cell ("Jan 2025 - present", "Spring 2021"): never broken
#: across lines (no-break spaces, ``white-space: nowrap`` on the web), so a list of terms
#: wraps only between terms.
DATE: Final = "portfolio-date"
#: The remark above a publication list that says what its marks mean ("* denotes equal
#: contribution").
EQUAL_NOTE: Final = "portfolio-equal-note"

# --- post-transform priorities, in the order they run ----------------------------------------
#: sphinxcontrib-bibtex turns bibliographies into entries at 5; references resolve at 10.
GROUP_PUBLICATIONS: Final = 6
PUBLICATION_EXTRAS: Final = 7
#: The web's entry buttons, made from what the extras put in place.
ENTRY_BUTTONS: Final = 8
#: Outside HTML, web-only parts go once everything else has put its nodes in place;
#: then the PDF's reshaping runs.
REMOVE_WEB_ONLY: Final = 900
PDF_APPLY_VARIANT: Final = 905
PDF_HEADER: Final = 910
PDF_CITATIONS: Final = 920
PDF_UNLINK_DANGLING: Final = 925
PDF_MATH: Final = 930
PDF_COLUMN_WIDTHS: Final = 940


def display_path(env: BuildEnvironment, path: Path) -> str:
    """Path as the researcher sees it: relative to the project when possible."""
    root = Path(env.srcdir).parent
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def warn(message: str, subtype: Subtype, location: str | nodes.Node | None) -> None:
    """One ``portfolio.<subtype>`` warning; ``location`` is "path:line" or a node (None only
    where nothing says where)."""
    logger.warning("%s", message, type=WARNING_TYPE, subtype=subtype.value, location=location)


#: Files a warning of unwritten files names, at most (a read-only folder fails them all).
_UNWRITTEN_SHOWN: Final = 3


def warn_unwritten(names: list[str], problem: OSError, location: str,
                   what: tuple[str, str] = ("", "")) -> None:
    """One ``output`` warning for all the files ``names`` that could not be written (a
    read-only folder or a full disk fails them all, for the same reason: ``problem``, the
    first's); ``what`` they are, singular and plural ("paper page", "paper pages"), if said."""
    shown = names[:_UNWRITTEN_SHOWN]
    more = f" and {len(names) - len(shown)} more" if len(names) > len(shown) else ""
    reason = problem.strerror or str(problem)
    noun, them = (what[1], "them") if len(names) > 1 else (what[0], "it")
    warn(f"{noun + ' ' if noun else ''}{', '.join(shown)}{more} could not be written: "
         f"{reason} (the next build writes {them})", Subtype.OUTPUT, location)


def warn_at(env: BuildEnvironment, path: Path, line: int, message: str,
            subtype: Subtype) -> None:
    """One warning at ``path:line`` (line 1 for the whole file).

    Always with a line: Sphinx reads a location without one as a document name.
    """
    warn(message, subtype, f"{display_path(env, path)}:{line or 1}")


def report(env: BuildEnvironment, problems: list[Problem]) -> None:
    """Each problem as one located warning."""
    for problem in problems:
        warn_at(env, problem.path, problem.line, problem.text, problem.subtype)


# Which HTML builds a thing is for: four questions, each asked here once. Sphinx's builders:
# html and dirhtml write a site of pages; singlehtml one page; epub, htmlhelp and qthelp (and
# applehelp, devhelp) pages "embedded" in a book or a help viewer.


def writes_html(builder: Builder) -> bool:
    """Any HTML build: html, dirhtml, singlehtml, and the embedded epub, htmlhelp, qthelp...
    (what shows a link or an address as HTML, and beside which the PDF CV is written)."""
    return builder.format == "html"


def writes_web_pages(builder: Builder) -> bool:
    """Pages meant for a web server: html, dirhtml, singlehtml; not the embedded epub,
    htmlhelp, qthelp... (a book or a help viewer has no previews, robots.txt or 404 page)."""
    return writes_html(builder) and not getattr(builder, "embedded", False)


def writes_separate_pages(builder: Builder) -> bool:
    """An HTML build of one page a document: html, dirhtml, epub, htmlhelp, qthelp...; not
    singlehtml, whose one page holds every list."""
    return writes_html(builder) and not isinstance(builder, SingleFileHTMLBuilder)


def publishes_a_site(builder: Builder) -> bool:
    """A builder whose output is a site of pages to publish (``html``, ``dirhtml``): not
    EPUB (one embedded book) nor ``singlehtml`` (one page); where downloads go."""
    return (isinstance(builder, StandaloneHTMLBuilder) and writes_web_pages(builder)
            and writes_separate_pages(builder))
