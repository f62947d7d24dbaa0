"""What only the web needs: MathML math, our style sheet, the link to the PDF CV.

The per-paper pages are publications' (:mod:`sphinx_portfolio.publications.pages`).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .assets import setup_assets
from .cvlink import setup_cvlink
from .math import setup_math


def setup(app: Sphinx) -> None:
    setup_math(app)
    setup_assets(app)
    setup_cvlink(app)
