# Titles, abstracts and links that would end the JSON-LD script block early.
project = "Untrusted Site"
author = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
html_theme = "furo"
exclude_patterns = ["_build"]
