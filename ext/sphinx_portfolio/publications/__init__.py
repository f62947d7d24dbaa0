"""Publications: our reading of the .bib files handed to sphinxcontrib-bibtex, the
``{publications}`` and ``{publication-metrics}`` directives, the transforms that group
entries and add links, the web's buttons (links, abstract, BibTeX), and one web page per
paper.

The BibTeX work itself (reading, style, kinds, metadata) is :mod:`sphinx_portfolio.bib`,
which knows nothing of Sphinx.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .anchors import setup_anchors
from .bibliography import (
    PRIORITY,
    load_bibliography,
    put_back_the_style,
    release_resolved_entries,
    reread_when_the_style_changed,
    use_our_ids_by_default,
    use_our_style_by_default,
    use_the_owners_style,
)
from .buttons import setup_buttons
from .directives import PublicationsDirective
from .metrics import setup_metrics
from .pages import setup_pages
from .transforms import GroupPublications, PublicationExtras

__all__ = ["setup"]


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("config-inited", use_our_style_by_default)
    app.connect("config-inited", use_our_ids_by_default)
    app.connect("env-get-outdated", reread_when_the_style_changed)
    app.connect("env-before-read-docs", use_the_owners_style)
    app.connect("build-finished", put_back_the_style)
    app.connect("builder-inited", load_bibliography, priority=PRIORITY)
    app.connect("doctree-resolved", release_resolved_entries, priority=900)
    app.add_directive("publications", PublicationsDirective)
    app.add_post_transform(GroupPublications)
    app.add_post_transform(PublicationExtras)
    setup_buttons(app)
    setup_anchors(app)
    setup_metrics(app)
    setup_pages(app)
