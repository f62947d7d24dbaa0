"""CV tables from the YAML data: one directive per kind of entry, the ``{profile}`` block,
and the checks of every data file and cross-reference when reading starts.

Models and validation are :mod:`sphinx_portfolio.data` (no Sphinx); the files of a
build are read through :mod:`sphinx_portfolio.datacache`.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .checks import check_all
from .directives import TABLE_DIRECTIVES
from .profile import ProfileDirective

__all__ = ["setup"]


def setup(app: Sphinx) -> None:
    for name, directive in TABLE_DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_directive("profile", ProfileDirective)
    app.connect("env-before-read-docs", check_all)
