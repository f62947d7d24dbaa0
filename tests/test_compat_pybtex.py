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


def test_a_registration_is_taken_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pybtex.plugin, compat.RUNTIME_REGISTRY, {})

    class Before(BaseStyle):
        pass

    class During(BaseStyle):
        pass

    group = "pybtex.style.formatting"
    assert compat.registered_plugin_class(group, "compat-probe") is None
    compat.register_plugin_class(group, "compat-probe", Before)
    previous = compat.registered_plugin_class(group, "compat-probe")
    assert previous is Before
    compat.register_plugin_class(group, "compat-probe", During)
    assert pybtex.plugin.find_plugin(group, "compat-probe") is During
    compat.unregister_plugin_class(group, "compat-probe", previous)
    assert pybtex.plugin.find_plugin(group, "compat-probe") is Before
    compat.unregister_plugin_class(group, "compat-probe", None)
    with pytest.raises(pybtex.plugin.PluginNotFound):
        pybtex.plugin.find_plugin(group, "compat-probe")
