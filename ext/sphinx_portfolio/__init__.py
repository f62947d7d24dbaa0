"""sphinx-portfolio: a researcher's portfolio site and PDF CV from MyST, BibTeX and YAML."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import bibload, bibstyle, html, metrics, papers, pdf, publications, store
from .bibliography import PublicationExtras
from .checks import check_all
from .cvlink import CvPdfRole, publish_pdf
from .directives import TABLE_DIRECTIVES
from .domain import PortfolioDomain
from .profile import ProfileDirective

__version__ = "0.1.0"


def _register_bib_style(app: Sphinx) -> None:
    """``builder-inited``: the pybtex style knows the owner's names from profile.yaml."""
    profile = store.profile(app.env)
    names = [profile.name, *profile.aliases] if profile else []
    bibstyle.register_style(names, app.config.portfolio_venue_abbreviations,
                            paper_links=papers.paper_pages_enabled(app))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("portfolio_data_dir", "_data", "env", types=frozenset({str}))
    app.add_config_value(
        "portfolio_venue_abbreviations", {}, "env", types=frozenset({dict}),
        description="venue full name -> short name (e.g. 'ICLR'), added to the defaults",
    )
    app.add_config_value("portfolio_pdf_filename", "", "env", types=frozenset({str}),
                         description="file name (no .pdf) of the PDF CV; default <author>_CV")
    app.add_config_value("portfolio_pdf_dir", "../build/pdf", "html", types=frozenset({str}),
                         description="where the built PDF is found, relative to conf.py")
    app.add_domain(PortfolioDomain)
    app.add_role("cv-pdf", CvPdfRole())
    app.connect("build-finished", publish_pdf)
    for name, directive in TABLE_DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_directive("profile", ProfileDirective)
    app.add_post_transform(PublicationExtras)
    app.connect("builder-inited", store.new_build, priority=100)
    app.connect("builder-inited", _register_bib_style)
    app.connect("builder-inited", bibload.load_bibliography, priority=bibload.PRIORITY)
    publications.setup(app)
    papers.setup(app)
    metrics.setup(app)
    app.connect("env-before-read-docs", check_all)
    html.setup_html(app)
    pdf.setup(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
