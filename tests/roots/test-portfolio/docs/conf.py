"""Sphinx configuration for the portfolio. Content lives in the pages, refs.bib and _data/."""

from __future__ import annotations

project = "Minhak Song"
author = "Minhak Song"
copyright = "Minhak Song"

extensions = ["sphinx_portfolio"]

root_doc = "index"
exclude_patterns = ["_build", "README.md"]
nitpicky = True
language = "en"

myst_enable_extensions = ["dollarmath", "colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 2

bibtex_bibfiles = ["../refs.bib"]
bibtex_default_style = "portfolio"
bibtex_reference_style = "label"

html_theme = "furo"
html_title = "Minhak Song"
html_show_sphinx = False
html_copy_source = False
html_theme_options = {
    "top_of_page_buttons": [],
}

# PDF CV (Typst, written by the HTML build beside the pages): see the README, "The PDF CV".
portfolio_pdf_paper = "A4"
# A two-page CV from the same sources, written beside the full one (Minhak_Song_CV_short.pdf):
# the first rows (as the pages order them) of two tables, no bullet-point details.
portfolio_pdf_variants = {
    "short": {
        "limit": {"projects": 4, "awards": 8},
        "notes": False,
    },
}
