"""Our style sheet (table layout, publication toggles), shipped for any theme."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from sphinx.application import Sphinx

STATIC_DIR: Final = Path(__file__).parent / "static"


def add_static_files(app: Sphinx) -> None:
    """``builder-inited``: add the style sheet to HTML builds."""
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))
        app.add_css_file("sphinx-portfolio.css")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_files)
