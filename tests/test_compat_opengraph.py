"""Contract tests for :mod:`sphinx_portfolio._compat.opengraph`: sphinxext-opengraph
imported with matplotlib kept out takes its "no matplotlib" path, and a reload brings the
social cards back where matplotlib is installed."""

from __future__ import annotations

import sys
from importlib.metadata import version

import pytest
from sphinx_portfolio._compat.opengraph import MATPLOTLIB, OPENGRAPH, import_opengraph

OPENGRAPH_VERSION = f"sphinxext-opengraph {version('sphinxext-opengraph')}"


def test_kept_out_matplotlib_leaves_no_social_cards() -> None:
    had_matplotlib = MATPLOTLIB in sys.modules
    sys.modules.pop(OPENGRAPH, None)
    import_opengraph(social_cards=False)
    module = sys.modules[OPENGRAPH]
    assert hasattr(module, "create_social_card"), (
        f"{OPENGRAPH_VERSION}: {OPENGRAPH}.create_social_card, the name that says whether "
        "matplotlib was found, is gone")
    if not had_matplotlib:
        assert module.create_social_card is None, (
            f"{OPENGRAPH_VERSION} imported without matplotlib still has social cards")
        assert MATPLOTLIB not in sys.modules, "the sys.modules patch was not taken back"


def test_social_cards_reloaded_where_matplotlib_is_installed() -> None:
    pytest.importorskip(MATPLOTLIB)
    import_opengraph(social_cards=False)
    import_opengraph(social_cards=True)
    assert sys.modules[OPENGRAPH].create_social_card is not None, (
        f"{OPENGRAPH_VERSION}: a reload with matplotlib did not bring the social cards back")
