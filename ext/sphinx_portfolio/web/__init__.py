"""What only the web needs: MathML math, our style sheet, the link to the PDF CV, what makes
pages findable (:mod:`.findable`), followable (:mod:`.feeds`), accessible and private
(:mod:`.privacy`).

The per-paper pages are publications' (:mod:`sphinx_portfolio.publications.pages`).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .assets import setup_assets
from .chrome import setup_chrome
from .cvlink import setup_cvlink
from .feeds import setup_feeds
from .findable import setup_findable
from .furo import setup_furo
from .math import setup_math
from .privacy import setup_privacy
from .templates import setup_templates

__all__ = ["setup"]


def setup(app: Sphinx) -> None:
    setup_math(app)
    setup_assets(app)
    setup_cvlink(app)
    setup_findable(app)
    setup_feeds(app)
    setup_privacy(app)
    setup_furo(app)
    setup_chrome(app)
    setup_templates(app)
