project = "Language Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
# the data's Korean needs a font: the tests give Noto Serif CJK (portfolio_pdf_fonts)
