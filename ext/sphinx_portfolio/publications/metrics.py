"""``{publication-metrics}``: counts computed from the .bib files, by year and by kind.

Citation counts and the h-index come only from ``_data/citations.yaml``, a file the
researcher copies by hand from a named source with its date (builds stay offline and
nothing is scraped); without it they are left out rather than guessed.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import _shared, store
from ..bib import OwnerMatcher, h_index, publication_metrics
from ..data import CitationCounts
from .people import owner_names


class PublicationMetricsDirective(SphinxDirective):
    has_content = False

    def run(self) -> Sequence[nodes.Node]:
        bibdata = self.env.get_domain("cite").data["bibdata"]
        for path in bibdata.bibfiles:
            self.env.note_dependency(str(path))
        profile = store.profile(self.env)
        owner = OwnerMatcher(owner_names(self.env))
        entries = list(bibdata.data.entries.values())
        metrics = publication_metrics(entries, owner)
        kinds = ", ".join(f"{count} {_lower(heading, count)}" for heading, count in metrics.by_kind)
        total = f"{metrics.total} publication{'' if metrics.total == 1 else 's'}"
        items = [f"{total}: {kinds}." if metrics.total else "No publications."]
        if profile and metrics.total:
            shared = (f" ({metrics.shared_first} shared by equal contribution)"
                      if metrics.shared_first else "")
            items.append(f"First author of {metrics.first_author}{shared}.")
        by_year = metrics.by_year  # the years the list's headings show
        if by_year:
            items.append("By year: " + ", ".join(f"{year}: {n}" for year, n in by_year) + ".")
        counts = store.citation_counts(self.env)
        if counts is not None:
            items.append(_citations_line(counts.entry))
        listing = nodes.bullet_list(classes=[_shared.METRICS])
        for text in items:
            listing += nodes.list_item("", nodes.paragraph(text, text))
        return [listing]


def _citations_line(counts: CitationCounts) -> str:
    total = sum(counts.counts.values())
    return (f"Citations: {total:,}, h-index {h_index(counts.counts.values())} "
            f"({counts.source}, {counts.as_of.isoformat()}).")


_SINGULAR = {
    "Conference papers": "conference paper",
    "Journal articles": "journal article",
    "Preprints": "preprint",
    "Books and chapters": "book or chapter",
    "Theses": "thesis",
}


def _lower(heading: str, count: int) -> str:
    """ "Conference papers" -> "conference papers", or "conference paper" for one."""
    return _SINGULAR.get(heading, heading.lower()) if count == 1 else heading.lower()


def setup_metrics(app: Sphinx) -> None:
    app.add_directive("publication-metrics", PublicationMetricsDirective)
