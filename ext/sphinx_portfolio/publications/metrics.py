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

from .. import _shared, datacache
from .._compat.bibtex import CiteDomain
from ..bib import OwnerMatcher, h_index, publication_metrics
from ..data import CitationCounts
from ..locale import _, ngettext, translate
from .people import owner_names

__all__ = ["setup_metrics"]


class PublicationMetricsDirective(SphinxDirective):
    has_content = False

    def run(self) -> Sequence[nodes.Node]:
        cite = CiteDomain(self.env)
        for path in cite.bib_files:
            self.env.note_dependency(str(path))
        profile = datacache.profile(self.env)
        owner = OwnerMatcher(owner_names(self.env))
        entries = list(cite.entries.values())
        metrics = publication_metrics(entries, owner)
        kinds = ", ".join(_counted(heading, count) for heading, count in metrics.by_kind)
        items = [ngettext("{count} publication: {kinds}.", "{count} publications: {kinds}.",
                          metrics.total).format(count=metrics.total, kinds=kinds)
                 if metrics.total else _("No publications.")]
        if profile and metrics.total:
            first = _("First author of {count}").format(count=metrics.first_author)
            if metrics.shared_first:
                first += " " + _("({count} shared by equal contribution)").format(
                    count=metrics.shared_first)
            items.append(first + ".")
        by_year = metrics.by_year  # the years the list's headings show
        if by_year:
            years = ", ".join(f"{translate(year)}: {n}" for year, n in by_year)  # or "Undated"
            items.append(_("By year: {years}.").format(years=years))
        counts = datacache.citation_counts(self.env)
        if counts is not None:
            items.append(_citations_line(counts.entry))
        listing = nodes.bullet_list(classes=[_shared.METRICS])
        for text in items:
            listing += nodes.list_item("", nodes.paragraph(text, text))
        return [listing]


def _citations_line(counts: CitationCounts) -> str:
    total = sum(counts.counts.values())
    return _("Citations: {total}, h-index {h_index} ({source}, {date}).").format(
        total=f"{total:,}", h_index=h_index(counts.counts.values()), source=counts.source,
        date=counts.as_of.isoformat())


def _counted(heading: str, count: int) -> str:
    """ "1 conference paper", "2 conference papers": ``count`` papers of the kind a group
    ``heading`` (:data:`..bib.KIND_HEADINGS`) names, in the build's language."""
    forms = {
        "Conference papers": lambda: ngettext("{count} conference paper",
                                              "{count} conference papers", count),
        "Journal articles": lambda: ngettext("{count} journal article",
                                             "{count} journal articles", count),
        "Preprints": lambda: ngettext("{count} preprint", "{count} preprints", count),
        "Books and chapters": lambda: ngettext("{count} book or chapter",
                                               "{count} books and chapters", count),
        "Theses": lambda: ngettext("{count} thesis", "{count} theses", count),
        "Other": lambda: ngettext("{count} other publication", "{count} other publications",
                                  count),
    }
    return forms[heading]().format(count=count)


def setup_metrics(app: Sphinx) -> None:
    app.add_directive("publication-metrics", PublicationMetricsDirective)
