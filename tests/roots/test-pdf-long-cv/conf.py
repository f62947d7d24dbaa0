project = "Ada Example"
author = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
bibtex_reference_style = "label"
exclude_patterns = ["_build"]
