"""Sphinx configuration of {{name}}'s portfolio. Content lives in the pages, refs.bib and _data/.

Every portfolio_* setting, with its default, is listed in the sphinx-portfolio guide.
"""

project = "{{name}}"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
language = "en"
html_theme = "furo"
html_title = "{{name}}"
