"""The users' guide of sphinx-portfolio: short prose pages around a reference that
``sphinx_portfolio.guide`` generates from the code (``nox -s guide``)."""

from __future__ import annotations

from sphinx_portfolio import __version__

project = "sphinx-portfolio"
author = "the sphinx-portfolio authors"
copyright = "the sphinx-portfolio authors"
version = release = __version__

extensions = ["sphinx_portfolio.guide"]
# sphinx_portfolio sets up sphinxcontrib-bibtex, which needs this setting; the guide cites
# nothing.
bibtex_bibfiles: list[str] = []
# a guide, not a portfolio: no PDF CV of it
portfolio_pdf = False

root_doc = "index"
exclude_patterns = ["_build"]
nitpicky = True
language = "en"

html_theme = "furo"
html_title = f"sphinx-portfolio {version}"
html_show_sphinx = False
html_copy_source = False
