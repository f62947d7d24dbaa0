# A minimal conf.py: what findable pages need comes from the extension alone.
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
