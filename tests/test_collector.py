"""An application leaves the garbage collector as it found it: built or not, failed or not,
in a host that froze objects of its own or not."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from sphinx.errors import ExtensionError
from sphinx.testing.util import SphinxTestApp


def _collector_state() -> tuple[bool, tuple[int, ...], int]:
    """Whether it runs, when, and how many objects are out of its sight (frozen)."""
    return gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()


def _still_frozen(objects: list[list[object]]) -> bool:
    """None of them back in the collector's generations (``gc.get_objects()`` leaves out the
    frozen ones). The freeze count alone would not tell: frozen objects that something else
    lets go of during the build leave the frozen set too."""
    ids = {id(obj) for obj in objects}
    return not any(id(obj) in ids for obj in gc.get_objects())


@pytest.fixture
def host_froze_its_own() -> Iterator[list[list[object]]]:
    """A host that moved its own long-lived objects out of the collector's sight."""
    assert gc.get_freeze_count() == 0, "the test process starts unfrozen"
    kept = [[object()] for _ in range(100)]  # containers: objects the collector tracks
    gc.freeze()
    try:
        assert _still_frozen(kept)
        yield kept
    finally:
        gc.unfreeze()


@pytest.mark.sphinx("html", testroot="tables", srcdir="collector")
def test_a_build_keeps_what_the_host_froze_frozen(
        host_froze_its_own: list[list[object]], app: SphinxTestApp) -> None:
    before = _collector_state()
    app.build()
    assert _still_frozen(host_froze_its_own)
    assert _collector_state()[:2] == before[:2]


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="tables", srcdir="collector-failing")
def test_a_failed_build_keeps_what_the_host_froze_frozen(
        host_froze_its_own: list[list[object]], app: SphinxTestApp) -> None:
    before = _collector_state()

    def fail(*args: Any) -> None:
        raise RuntimeError("a handler fails")

    app.connect("html-page-context", fail)
    with pytest.raises(ExtensionError):
        app.build()
    assert _still_frozen(host_froze_its_own)
    assert _collector_state()[:2] == before[:2]


@pytest.mark.sphinx("html", testroot="tables", srcdir="collector-unbuilt")
def test_an_application_made_and_never_built_leaves_the_collector_as_it_was(
        app_params: Any) -> None:
    before = _collector_state()
    args, kwargs = app_params
    app = SphinxTestApp(*args, **kwargs)
    try:
        assert _collector_state() == before  # builder-inited has run
    finally:
        app.cleanup()
    assert _collector_state() == before


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="tables", srcdir="collector-frozen-while-built")
def test_a_build_keeps_what_it_started_with_frozen_until_it_ends(app: SphinxTestApp) -> None:
    """What the build reads and writes with, out of the collector's sight while it runs
    (peak memory: full collections walk only what the build makes), back at its end."""
    assert gc.get_freeze_count() == 0
    while_reading: list[int] = []
    app.connect("doctree-read", lambda *args: while_reading.append(gc.get_freeze_count()))
    app.build()
    assert while_reading and min(while_reading) > 0
    assert gc.get_freeze_count() == 0
