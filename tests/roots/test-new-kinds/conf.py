# Talks, patents, certificates, an education's courses, grants among the awards and the
# profile's headline and summary (tests/test_new_kinds.py).
project = "Ada Example"
author = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
bibtex_reference_style = "label"
portfolio_pdf_filename = "Ada_Example_CV"
exclude_patterns = ["_build"]
