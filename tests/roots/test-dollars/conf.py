# Dollar signs in BibTeX text (issue 22): "\$" is a dollar, "$...$" a formula, in every
# place a field is shown: the list, the paper's page, its <title> and previews, the feed,
# CSL-JSON, the PDF; and the downloads keep the source as it was.
project = "Ada Example"
author = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
language = "en"
html_baseurl = "https://ada.example.org/"
