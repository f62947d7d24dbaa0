project = "Private Example"
author = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
portfolio_pdf = False
# refs.bib names a preview thumbnail (SECRET-preview.png) that is not in the site, on purpose:
# what is tested is that the name reaches no visitor, not the warning that the file is missing
suppress_warnings = ["portfolio.bib-local-file"]
