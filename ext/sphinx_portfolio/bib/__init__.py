"""BibTeX -> entries, text and metadata, on top of pybtex. Imports no Sphinx or docutils.

The lenient reader (:mod:`.reader`), the biblatex -> BibTeX mapping (:mod:`.biblatex`),
our pybtex formatting style (:mod:`.style`), kinds and grouping (:mod:`.kinds`) and
machine-readable metadata (:mod:`.metadata`). The Sphinx side imports from here only.
"""

from .biblatex import BIBTEX_TYPES, clean_latex, entry_year, latex_to_text, normalize_entry
from .kinds import (
    GROUPINGS,
    KIND_HEADINGS,
    Grouping,
    Metrics,
    group_items,
    h_index,
    publication_kind,
    publication_metrics,
)
from .metadata import json_ld, meta_html, scholar_meta
from .reader import CheckedBib, read_bib_files, read_bib_text
from .style import (
    PAPER_URI_PREFIX,
    OwnerMatcher,
    entry_links,
    equal_contribution_positions,
    format_person,
    has_equal_contribution,
    make_style,
    register_style,
)

__all__ = [
    "BIBTEX_TYPES", "GROUPINGS", "KIND_HEADINGS", "PAPER_URI_PREFIX", "CheckedBib", "Grouping",
    "Metrics", "OwnerMatcher", "clean_latex", "entry_links", "entry_year",
    "equal_contribution_positions", "format_person", "group_items", "h_index",
    "has_equal_contribution", "json_ld", "latex_to_text", "make_style", "meta_html",
    "normalize_entry", "publication_kind", "publication_metrics", "read_bib_files",
    "read_bib_text", "register_style", "scholar_meta",
]
