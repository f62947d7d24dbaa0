# Keys that a naive file name would merge: punctuation, accents, all-CJK.
project = "Untrusted Site"
author = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
html_theme = "furo"
exclude_patterns = ["_build"]
