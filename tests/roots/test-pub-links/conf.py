# A paper with every kind of link and an abstract with math, a preprint with none of them,
# and papers that share a co-author or only the owner: the web's buttons and paper pages.
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
