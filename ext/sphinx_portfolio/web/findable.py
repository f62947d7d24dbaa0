"""Findable pages: canonical links, sitemap, robots.txt, OpenGraph and Twitter cards, a 404 page,
the owner's Person JSON-LD."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_findable(app: Sphinx) -> None:
    """Connects this feature (filled in by its own change)."""
