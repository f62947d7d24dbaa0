project = "CJK Example"
author = "Song Minhak"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
