"""The contract of ``_compat/pybtex.py``: pybtex's private run-time plugin registry is still
there, a dict of dicts, and what is put in it is what pybtex finds."""

from __future__ import annotations

import pybtex
import pybtex.plugin
import pytest
from pybtex.style.formatting import BaseStyle
from sphinx_portfolio._compat import pybtex as compat


def test_the_runtime_registry_is_where_it_was_written_against() -> None:
    registry = getattr(pybtex.plugin, compat.RUNTIME_REGISTRY, None)
    assert isinstance(registry, dict), (
        f"pybtex {pybtex.__version__} has no dict pybtex.plugin.{compat.RUNTIME_REGISTRY} "
        f"(_compat/pybtex.py was written against pybtex {', '.join(compat.WRITTEN_AGAINST)}): "
        "plugins are registered through the slow public register_plugin now; update the module")


def test_a_registered_class_is_what_pybtex_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pybtex.plugin, compat.RUNTIME_REGISTRY, {})

    class Probe(BaseStyle):
        pass

    compat.register_plugin_class("pybtex.style.formatting", "compat-probe", Probe)
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "compat-probe") is Probe, (
        f"pybtex {pybtex.__version__}'s find_plugin no longer consults "
        f"pybtex.plugin.{compat.RUNTIME_REGISTRY} first (written against "
        f"{', '.join(compat.WRITTEN_AGAINST)})")
