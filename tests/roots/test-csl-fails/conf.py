# A site's own CSL style that citeproc-py fails on for books (a date form no locale has):
# the book keeps the extension's own style, with one warning at its entry.
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
portfolio_pdf = False
portfolio_csl_style = "fails-on-books.csl"
