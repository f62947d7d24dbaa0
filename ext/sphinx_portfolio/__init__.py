"""sphinx-portfolio: a researcher's portfolio site and PDF CV from MyST, BibTeX and YAML.

One wing per layer; data flows one way (see the README's "Architecture"):

* :mod:`.data` and :mod:`.bib`: YAML and BibTeX into checked values, no Sphinx;
* :mod:`.tables` and :mod:`.publications`: the directives and transforms that put them in
  pages, meeting only through :mod:`.domain`, :mod:`.store` and :mod:`._shared`;
* :mod:`.web`: what only HTML needs; :mod:`.pdf`: the rinoh builder's parts, imported
  only when that builder runs (it is found through the ``sphinx.builders`` entry point).

Settings are declared in :mod:`.config`, warnings catalogued in :mod:`.warnings_`.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import publications, tables, web
from .config import setup_config
from .domain import PortfolioDomain
from .nodes import setup_nodes

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    setup_config(app)
    app.add_domain(PortfolioDomain)
    setup_nodes(app)
    tables.setup(app)
    publications.setup(app)
    web.setup(app)
    if "rinoh.frontend.sphinx" in app.config.extensions:
        # rinohtype is loaded anyway: give it the CV parts (without it, `-b rinoh`
        # loads them through the entry point)
        app.setup_extension("sphinx_portfolio.pdf")
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
