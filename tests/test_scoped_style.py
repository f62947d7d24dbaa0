"""The owner's pybtex style is registered for a build only: pybtex's registry is
process-wide, and a host that builds another project next (tests, a server) must find what
it found before, not this owner's names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pybtex.plugin
import pytest
from pybtex.database import Person
from pybtex.style.formatting import BaseStyle
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio._compat.pybtex import (
    register_plugin_class,
    registered_plugin_class,
    unregister_plugin_class,
)

GROUP = "pybtex.style.formatting"


class HostStyle(BaseStyle):
    """What the host registered as "portfolio" before any build."""


@pytest.fixture
def host_style() -> Any:
    before = registered_plugin_class(GROUP, "portfolio")
    register_plugin_class(GROUP, "portfolio", HostStyle)
    yield HostStyle
    unregister_plugin_class(GROUP, "portfolio", before)


@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="scoped-style")
def test_the_build_uses_the_owners_style_and_puts_back_the_hosts(
    host_style: type[BaseStyle], app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    assert pybtex.plugin.find_plugin(GROUP, "portfolio") is host_style  # made, not built yet
    during: list[type[BaseStyle]] = []
    app.connect("env-updated", lambda app, env: during.append(
        pybtex.plugin.find_plugin(GROUP, "portfolio")))
    app.build()
    assert during and during[0] is not host_style
    assert during[0].owner.matches(Person("Baek, Beomhan"))  # type: ignore[attr-defined]
    assert pybtex.plugin.find_plugin(GROUP, "portfolio") is host_style
