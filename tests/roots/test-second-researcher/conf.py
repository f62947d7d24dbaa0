# A second researcher's site (the co-author profile seed): the extension knows no one.
project = "Beomhan Baek"
author = "Beomhan Baek"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
bibtex_reference_style = "label"
exclude_patterns = ["_build"]
