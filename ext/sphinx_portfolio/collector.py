"""Python's garbage collector leaves what the build starts with alone until the build ends.

Every full collection walks every object that takes part in reference cycles. When the
builder starts, those are the imported modules, classes and functions, the settings' and
data models' schemas and the loaded environment: they live as long as the build. This
extension's imports (pydantic, ruamel) add enough of them that a no-op build of a small site
makes a second full collection, ~35 ms of its ~0.5 s, where plain Sphinx makes one.

``gc.freeze()`` (meant for exactly this: objects known to be long-lived) moves them out of
the collector's sight at ``builder-inited``, and ``gc.unfreeze()`` hands them back at
``build-finished``, which Sphinx emits after a failed build too. So in a process that makes
many applications (a test run), nothing an earlier application left behind stays frozen.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx


def freeze_what_the_build_starts_with(app: Sphinx) -> None:
    """``builder-inited``."""
    gc.freeze()


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``."""
    gc.unfreeze()


def setup_collector(app: Sphinx) -> None:
    app.connect("builder-inited", freeze_what_the_build_starts_with, priority=900)  # last
    app.connect("build-finished", unfreeze, priority=900)
