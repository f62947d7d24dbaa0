# A home page with every kind of contact link and a photo (tests/test_home.py).
project = "Ada Example"
author = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
html_theme = "furo"
