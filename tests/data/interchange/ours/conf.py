extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
