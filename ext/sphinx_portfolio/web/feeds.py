"""Followable: an Atom feed of the publications, the .bib files and a CSL-JSON file to download."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_feeds(app: Sphinx) -> None:
    """Connects this feature (filled in by its own change)."""
