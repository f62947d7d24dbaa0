# A site whose .bib file no page lists or cites: its paper pages, feed and downloads are made
# from the entries alone, so an edit of the file re-reads no page (test_killed_build.py).
project = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
language = "en"
portfolio_pdf = False
