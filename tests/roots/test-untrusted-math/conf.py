project = "Untrusted Math"
author = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
myst_enable_extensions = ["dollarmath"]
exclude_patterns = ["_build"]
