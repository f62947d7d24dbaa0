"""BibTeX -> entries, text and metadata, on top of pybtex. Imports no Sphinx or docutils.

The lenient reader (:mod:`.reader`), the biblatex -> BibTeX mapping (:mod:`.biblatex`),
LaTeX field text -> Unicode (:mod:`.latex`), people and the owner's names (:mod:`.names`),
link fields -> URLs (:mod:`.links`), our pybtex formatting style (:mod:`.style`), kinds
and grouping (:mod:`.kinds`) and machine-readable metadata (:mod:`.metadata`).
The Sphinx side imports mostly from here, and a few names from the modules themselves (each
module's ``__all__`` says what it offers).
"""

from .biblatex import BIBTEX_TYPES, entry_year, normalize_entry, normalized_copy, stated_year
from .kinds import (
    GROUPINGS,
    Grouping,
    group_items,
    h_index,
    publication_kind,
    publication_metrics,
)
from .latex import clean_latex, latex_to_text, math_text, unescape_dollars
from .links import entry_links
from .metadata import json_ld, meta_html
from .names import (
    OwnerMatcher,
    equal_contribution_positions,
    format_person,
    has_equal_contribution,
)
from .reader import CheckedBib, read_bib_files, read_bib_text
from .style import PAPER_URI_PREFIX, make_style

__all__ = [
    "BIBTEX_TYPES",
    "GROUPINGS",
    "PAPER_URI_PREFIX",
    "CheckedBib",
    "Grouping",
    "OwnerMatcher",
    "clean_latex",
    "entry_links",
    "entry_year",
    "equal_contribution_positions",
    "format_person",
    "group_items",
    "h_index",
    "has_equal_contribution",
    "json_ld",
    "latex_to_text",
    "make_style",
    "math_text",
    "meta_html",
    "normalize_entry",
    "normalized_copy",
    "publication_kind",
    "publication_metrics",
    "read_bib_files",
    "read_bib_text",
    "stated_year",
    "unescape_dollars",
]
