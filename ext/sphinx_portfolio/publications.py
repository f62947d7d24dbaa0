"""``{publications}``: a bibliography (every entry unless filtered) grouped under headings.

The directive is sphinxcontrib-bibtex's ``{bibliography}`` plus ``:group: year|type|none``;
it wraps the bibliography in a container that remembers the grouping. Once
sphinxcontrib-bibtex has turned the bibliography into entries (post-transform
priority 5), :class:`GroupPublications` splits them into runs under rubrics: standard
docutils nodes that print in the PDF too. Entries keep their CV numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.directives import BibliographyDirective

from .bibgroups import GROUPINGS, Grouping, group_items

GROUP_CLASS = "portfolio-publications"


class PublicationsDirective(BibliographyDirective):
    option_spec: ClassVar[dict[str, Any]] = {
        **BibliographyDirective.option_spec,
        "group": lambda value: directives.choice(value, GROUPINGS),
    }

    def run(self) -> Sequence[nodes.Node]:
        if not {"filter", "cited", "notcited"} & set(self.options):
            self.options["all"] = True  # a publication list lists everything by default
        wrapper = nodes.container(classes=[GROUP_CLASS])
        wrapper["portfolio_group"] = self.options.get("group", "year")
        wrapper.extend(super().run())
        return [wrapper]


class GroupPublications(SphinxPostTransform):
    default_priority = 6  # after sphinxcontrib-bibtex's entries, before the extras (7)

    def run(self, **kwargs: Any) -> None:
        citations = self.env.get_domain("cite").data["citations"]
        entries: dict[str, Entry] = {c.citation_id: c.entry for c in citations}
        for wrapper in list(self.document.findall(nodes.container)):
            grouping: Grouping | None = wrapper.get("portfolio_group")
            if grouping is None or grouping == "none":
                continue
            for listing in list(wrapper.children):
                if isinstance(listing, nodes.Element):
                    _group(wrapper, listing, entries, grouping)


def _group(
    wrapper: nodes.Element, listing: nodes.Element, entries: dict[str, Entry], grouping: Grouping,
) -> None:
    items = [child for child in listing.children
             if isinstance(child, nodes.Element) and child["ids"] and child["ids"][0] in entries]
    if not items or len(items) != len(listing.children):
        return  # not a list of bibliography entries
    groups = group_items(items, lambda item: entries[item["ids"][0]], grouping)
    replacement: list[nodes.Node] = []
    number = int(listing.get("start", 1))
    for heading, members in groups:
        replacement.append(nodes.rubric(heading, heading, classes=["portfolio-group-heading"]))
        run = listing.copy()  # same kind of list, same attributes
        if isinstance(run, nodes.enumerated_list):
            run["start"] = number
            number += len(members)
        run.extend(members)
        replacement.append(run)
    index = wrapper.index(listing)
    wrapper[index : index + 1] = replacement


def setup(app: Sphinx) -> None:
    app.add_directive("publications", PublicationsDirective)
    app.add_post_transform(GroupPublications)
