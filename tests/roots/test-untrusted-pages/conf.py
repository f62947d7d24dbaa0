# A paper whose title is an HTML injection (a red-team finding): it must stay text on its page.
project = "Untrusted Site"
author = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
html_theme = "furo"
exclude_patterns = ["_build"]
