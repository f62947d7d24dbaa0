# A hostile CSL file (an entity bomb): one warning at this setting's line, our own style.
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
portfolio_pdf = False
portfolio_csl_style = "bomb.csl"
