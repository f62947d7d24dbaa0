"""pybtex's run-time plugin registry, set directly (a private name: ``_RUNTIME_PLUGINS``).

Pure Python: nothing here imports Sphinx, so ``bib/`` may import this module. Written against
pybtex 0.25 (the lowest we allow) and 0.26.1. ``tests/test_compat_pybtex.py`` holds the
contract: the registry is a dict of dicts that ``find_plugin`` consults first.

pybtex's public ``register_plugin`` first scans every installed package's entry points
(~5 ms) to learn whether the name is taken, which ``force=True`` then ignores; its run-time
registry, which every look-up consults before the entry points, is set directly when this
pybtex has it. With a pybtex that has no such registry, the public call is made: right,
only slower.

A registration made for one build is taken back at its end with :func:`unregister_plugin_class`
(the registry's previous entry put back); with no run-time registry it stays, as the public
API leaves it.
"""

from __future__ import annotations

from typing import Any

import pybtex.plugin

__all__ = [
    "RUNTIME_REGISTRY", "WRITTEN_AGAINST", "register_plugin_class", "registered_plugin_class",
    "unregister_plugin_class",
]

#: The private name relied on, in ``pybtex.plugin``.
RUNTIME_REGISTRY = "_RUNTIME_PLUGINS"
#: The pybtex versions this module was written against.
WRITTEN_AGAINST = ("0.25", "0.26.1")


def register_plugin_class(group: str, name: str, plugin: type[Any]) -> None:
    """Make ``plugin`` what pybtex finds as ``group``.``name``, replacing any."""
    registry = getattr(pybtex.plugin, RUNTIME_REGISTRY, None)
    if isinstance(registry, dict):
        registry.setdefault(group, {})[name] = plugin
    else:
        pybtex.plugin.register_plugin(group, name, plugin, force=True)


def registered_plugin_class(group: str, name: str) -> type[Any] | None:
    """What :func:`register_plugin_class` (or anyone) registered at run time as
    ``group``.``name``; None when nothing was (pybtex then finds an installed plugin, if any)."""
    registry = getattr(pybtex.plugin, RUNTIME_REGISTRY, None)
    if isinstance(registry, dict):
        found: type[Any] | None = registry.get(group, {}).get(name)
        return found
    return None


def unregister_plugin_class(group: str, name: str, previous: type[Any] | None) -> None:
    """Take back a run-time registration of ``group``.``name``: ``previous`` (what
    :func:`registered_plugin_class` said before it) is found again, or nothing is."""
    registry = getattr(pybtex.plugin, RUNTIME_REGISTRY, None)
    if not isinstance(registry, dict):
        return
    plugins = registry.setdefault(group, {})
    if previous is None:
        plugins.pop(name, None)
    else:
        plugins[name] = previous
