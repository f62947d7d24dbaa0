"""An icon for every page: the site's ``html_favicon``, or ours when it sets none.

A page without ``<link rel="icon">`` makes browsers request ``/favicon.ico``, which a
Sphinx site does not have: a 404 on every first visit (Lighthouse counts it against
"best practices") and, on a shared host, possibly someone else's icon. Setting
``html_favicon`` is what makes Sphinx copy the file into ``_static/`` and every theme
built on Sphinx's basic layout (furo included) link it from each page's head, so the
default goes through that same setting instead of adding a link of our own.

The default is a neutral SVG (a page on a slate square, no monogram: it is nobody's
initials), readable at 16 px and on light and dark tabs alike.
"""

from __future__ import annotations

from typing import Final

from sphinx.application import Sphinx
from sphinx.config import Config

from ..assets import STATIC_DIR

__all__ = ["DEFAULT_FAVICON", "setup_favicon"]

DEFAULT_FAVICON: Final = STATIC_DIR / "sphinx-portfolio-icon.svg"


def default_favicon(app: Sphinx, config: Config) -> None:
    """``config-inited``: ours, unless conf.py names an icon (a file or a URL).

    Now, before Sphinx checks the setting (it drops a path that is no file) and compares
    the configuration with the last build's: the value is the same at every build, so it
    never makes a build a "configuration changed" one.
    """
    if not config.html_favicon:
        config.html_favicon = str(DEFAULT_FAVICON)


def setup_favicon(app: Sphinx) -> None:
    app.connect("config-inited", default_favicon)
