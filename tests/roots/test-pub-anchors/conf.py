# Keys that Sphinx's ids would merge or shorten, a page that lists a paper twice, plain
# sphinxcontrib-bibtex directives beside ours: every entry keeps an id of its own.
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
