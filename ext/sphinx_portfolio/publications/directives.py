"""``{publications}``: a bibliography (every entry unless filtered) grouped under headings.

The directive is sphinxcontrib-bibtex's ``{bibliography}`` plus ``:group: year|type|none``
and ``:selected:``; it wraps the bibliography in a container that remembers the grouping,
which :class:`~.transforms.GroupPublications` applies once the entries exist.

``:selected:`` lists the entries whose ``keywords`` include ``selected``, or that have
al-folio's ``selected = {true}`` (or ``{yes}``; the word in any case): a home page's list.
It lists them a second time on the site, so it gives them a key prefix of its own
(sphinxcontrib-bibtex would otherwise report every one as a duplicate citation) and a label
prefix (the selection's own numbers would clash with the full list's: "duplicate label").
The labels shown are those of the full list (:class:`~.transforms.GroupPublications`), and
``{cite:p}`` links to the full list, or to the selection on its own page
(:func:`.buttons.cite_the_entries_on_this_page`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinxcontrib.bibtex.directives import BibliographyDirective

from .. import _shared
from ..bib import GROUPINGS

__all__ = ["PublicationsDirective"]

#: Marks a selection's labels until the full list's replace them (never shown).
SELECTION_LABEL_PREFIX = "selected:"

#: ``keywords = {selected}`` (one keyword of a comma- or semicolon-separated list), or
#: al-folio's ``selected = {true}``. sphinxcontrib-bibtex's filter reads a missing field as ""
#: and matches ``%`` ignoring case.
SELECTED_FILTER = ('(keywords % "(^|[,;]) *selected *($|[,;])"'
                   ' or selected % "^ *(true|yes) *$")')


class PublicationsDirective(BibliographyDirective):
    """Every publication of the .bib files (or those a filter picks), newest first, grouped."""

    option_spec: ClassVar[dict[str, Any]] = {
        **BibliographyDirective.option_spec,
        "group": lambda value: directives.choice(value, GROUPINGS),
        "selected": directives.flag,
    }

    def run(self) -> Sequence[nodes.Node]:
        selected = "selected" in self.options
        if selected:
            given = self.options.get("filter")
            self.options["filter"] = f"({given}) and {SELECTED_FILTER}" if given \
                else SELECTED_FILTER
            self.options.setdefault("keyprefix", f"{self.env.docname}-selected-")
            self.options.setdefault("labelprefix", SELECTION_LABEL_PREFIX)
        elif not {"filter", "cited", "notcited"} & set(self.options):
            self.options["all"] = True  # a publication list lists everything by default
        wrapper = nodes.container(classes=[_shared.PUBLICATIONS])
        wrapper["portfolio_group"] = self.options.get("group", "none" if selected else "year")
        if self.options.get("keyprefix"):  # a second listing: see GroupPublications
            wrapper["portfolio_keyprefix"] = self.options["keyprefix"]
            wrapper["portfolio_labelprefix"] = self.options.get("labelprefix", "")
        wrapper.extend(super().run())
        return [wrapper]
