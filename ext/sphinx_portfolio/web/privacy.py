"""Accessible and private markup: valid citation-list roles, a favicon,
an e-mail address not written as text."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_privacy(app: Sphinx) -> None:
    """Connects this feature (filled in by its own change)."""
