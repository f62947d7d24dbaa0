"""What a build starts with (modules, schemas, the environment) is out of the garbage
collector's sight while it runs, and handed back when it ends, failed or not."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from sphinx.errors import ExtensionError
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="tables", srcdir="collector")
def test_the_build_runs_with_its_starting_objects_frozen(app: SphinxTestApp) -> None:
    frozen_while_writing: list[int] = []
    app.connect("html-page-context", lambda *args: frozen_while_writing.append(
        gc.get_freeze_count()))
    assert gc.get_freeze_count() > 0  # from builder-inited on
    app.build()
    assert frozen_while_writing and min(frozen_while_writing) > 0
    assert gc.get_freeze_count() == 0


@pytest.mark.sphinx("html", testroot="tables", srcdir="collector-failing")
def test_a_failed_build_hands_its_objects_back(app: SphinxTestApp) -> None:
    frozen_when_failing: list[int] = []

    def fail(*args: Any) -> None:
        frozen_when_failing.append(gc.get_freeze_count())
        raise RuntimeError("a handler fails")

    app.connect("html-page-context", fail)
    with pytest.raises(ExtensionError):
        app.build()
    assert frozen_when_failing[0] > 0
    assert gc.get_freeze_count() == 0
