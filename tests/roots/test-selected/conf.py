# The fewest settings a site can have: a home page that lists the selected papers.
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
