# Followable publications (web/feeds.py): one paper of each kind CSL-JSON tells apart, dated
# and undated, with abstracts (math among them) and links; pages at two depths.
project = "Ada Example"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
language = "en"
suppress_warnings = ["portfolio.bib-missing-field"]  # the undated entry, on purpose
