"""sphinx-portfolio: a researcher's portfolio site and PDF CV from MyST, BibTeX and YAML.

**The public surface** is what the users' guide documents (``nox -s guide``, generated from
the code by :mod:`.guide`): this package as a Sphinx extension (its :func:`setup`, named in
conf.py's ``extensions``, and ``__version__``); the directives and roles it registers; the
``portfolio_*`` settings; the data files and their fields; the warning subtypes; the
``cvpdf`` builder; and the ``sphinx-portfolio`` command (``new``, ``import``, ``export``,
``schema``; :func:`.cli.main`). **Every sub-module is internal** and may change in any
release: a module's ``__all__`` lists what other modules of the package import from it, not a
promise to anyone else, and a leading underscore (``_shared``, ``interchange/_merge``) marks a
module internal to its own package (``tests/test_public_surface.py`` holds both).

One wing per layer; data flows one way (see the README's "Architecture"):

* :mod:`.data` and :mod:`.bib`: YAML and BibTeX into checked values, no Sphinx;
* :mod:`.tables` and :mod:`.publications`: the directives and transforms that put them in
  pages, meeting only through :mod:`.domain`, :mod:`.buildstate`, :mod:`.datacache` and
  :mod:`._shared`;
* :mod:`.web`: what only HTML needs; :mod:`.pdf`: the PDF CV, typeset by Typst in the same
  build (and the ``cvpdf`` builder that writes only the PDFs).

Settings are declared in :mod:`.config`, warnings catalogued in :mod:`.warnings_`;
:mod:`.collector` keeps Python's garbage collector off what outlives the build, and makes
the build after a killed or failed one read and write every page again.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import publications, tables, web
from ._version import __version__ as __version__  # the package's, for cli and starter
from .collector import setup_collector
from .config import setup_config
from .domain import PortfolioDomain
from .locale import setup_locale
from .nodes import setup_nodes
from .pdf import setup_pdf

__all__ = ["__version__", "setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    setup_locale(app)
    setup_config(app)
    app.add_domain(PortfolioDomain)
    setup_nodes(app)
    tables.setup(app)
    publications.setup(app)
    web.setup(app)
    setup_pdf(app)
    setup_collector(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
