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

# The PDF CV, written beside the pages by every HTML build (`sphinx-build -b cvpdf` writes it
# alone). All optional:
# portfolio_pdf_design = "modern"   # "classic" (the default); _templates/portfolio-cv.typ
#                                   # replaces both (the guide lists what it receives)
# portfolio_pdf_paper = "LETTER"    # "A4" (the default)
# A name in Korean, Chinese or Japanese needs a font that draws it, e.g. Noto Serif CJK
# (Debian's fonts-noto-cjk; a file or folder relative to this file):
# portfolio_pdf_fonts = ["/usr/share/fonts/opentype/noto"]
# portfolio_pdf_font_families = ["Noto Serif CJK KR"]
# Shorter CVs from the same sources, each written beside the full one:
# portfolio_pdf_variants = {"short": {"limit": {"projects": 3}, "notes": False}}
