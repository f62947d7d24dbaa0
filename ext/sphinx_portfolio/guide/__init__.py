"""``sphinx_portfolio.guide``: the reference pages of the users' guide, generated from the code.

A reference written by hand drifts from the models, settings and directives it describes;
this one reads them when the guide is built. ``{portfolio-reference} PART`` puts one part in
a page: ``data`` (every data file and field, with an example file), ``config`` (every
``portfolio_*`` setting), ``directives`` and ``roles`` (what pages can write), ``warnings``
(the catalogue of subtypes), ``migration`` (what ``sphinx-portfolio import`` maps where, from
each format and site it reads). The sections of the parts link to each other, so a project
uses them all. ``ext/guide/`` is that project (``nox -s guide``).

Loading this extension loads ``sphinx_portfolio`` too: the directives and roles are
documented as that extension registers them. Its sphinxcontrib-bibtex needs
``bibtex_bibfiles`` in conf.py, even empty.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from .directive import ReferenceDirective

__all__ = ["setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_portfolio")
    app.add_directive("portfolio-reference", ReferenceDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
