"""Sphinx configuration of {{name}}'s portfolio. Content lives in the pages, refs.bib and _data/.

Every portfolio_* setting, with its default, is listed in the sphinx-portfolio guide.
"""

project = "{{name}}"
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
language = "en"
html_theme = "furo"
html_title = "{{name}}"

# Where the site is served: canonical links, the sitemap and link previews need it. Read the
# Docs gives it by itself; on another host, name it (GitHub Pages: "https://<user>.github.io/").
# html_baseurl = "https://example.org/"
# A picture for link previews (og:image), as published (relative to the site's root):
# html_static_path = ["_static"]
# ogp_image = "_static/photo.jpg"
