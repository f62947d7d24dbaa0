# Followable publications from untrusted input: every field of refs.bib, the owner's name and
# the site's name try to break out of the Atom, JSON, BibTeX and HTML they are written into.
# test_feeds.py adds an entry with control characters (kept out of this file: git shows
# them badly).
project = 'Site </title><script>alert("project")</script> ]]>'
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
