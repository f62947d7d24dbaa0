"""Our style sheet (table layout, publication toggles), shipped for any theme."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from sphinx.application import Sphinx
from sphinx.config import Config

__all__ = ["STATIC_DIR", "setup_assets"]

STATIC_DIR: Final = Path(__file__).parent / "static"


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: the style sheet's folder joins ``html_static_path``.

    Now, before Sphinx compares this configuration with the last build's: added later
    (at ``builder-inited``), it made every incremental build a "configuration has
    changed" one. A new list, so the setting's shared default is never mutated.
    """
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", add_static_path)
    app.add_css_file("sphinx-portfolio.css")  # HTML builders only read it
