# A site whose .bib files are in al-folio's dialect: al-folio's own example papers.bib and
# extras.bib (tests/data/alfolio/), which the tests copy in; assets/ as al-folio keeps it.
project = "al-folio Example"
author = "Albert Einstein"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["papers.bib", "extras.bib"]
exclude_patterns = ["_build"]
portfolio_pdf = False
