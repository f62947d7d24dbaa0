"""``{publications}``: a bibliography (every entry unless filtered) grouped under headings.

The directive is sphinxcontrib-bibtex's ``{bibliography}`` plus ``:group: year|type|none``;
it wraps the bibliography in a container that remembers the grouping, which
:class:`~.transforms.GroupPublications` applies once the entries exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinxcontrib.bibtex.directives import BibliographyDirective

from .. import _shared
from ..bib import GROUPINGS


class PublicationsDirective(BibliographyDirective):
    option_spec: ClassVar[dict[str, Any]] = {
        **BibliographyDirective.option_spec,
        "group": lambda value: directives.choice(value, GROUPINGS),
    }

    def run(self) -> Sequence[nodes.Node]:
        if not {"filter", "cited", "notcited"} & set(self.options):
            self.options["all"] = True  # a publication list lists everything by default
        wrapper = nodes.container(classes=[_shared.PUBLICATIONS])
        wrapper["portfolio_group"] = self.options.get("group", "year")
        wrapper.extend(super().run())
        return [wrapper]

