"""What one build leaves unfinished.

No process-wide state: this module once froze the garbage collector (``gc.freeze()``) from
``builder-inited`` to ``build-finished``, which left a host that made an application without
building it frozen, and thawed what the host had frozen itself. Measured again without it
(no-op builds of docs/, alternated, 12 runs each), a build makes the same number of full
collections (two) and its median time moved by ~5 ms in ~0.8 s, within the noise: it is gone.

**An unfinished build.** Sphinx saves the environment once the pages are read and before
any is written. A build killed or failed after that leaves an environment that says the
pages are up to date, and pages (and the files made at the end) that are not. For a page
whose own source changed, Sphinx's HTML builder sees it (the source is newer than the page);
for a page re-read because a data file or the .bib files changed, nothing does: the next
build would leave it stale for good. So a marker in the doctree folder, one per builder
(``-M`` builders share the environment, not the output), is made before the build reads a
page and removed once ``build-finished`` ran to its end without an exception; a build that
finds it reads every page again, so it writes every page, and each derived file decides by
its own record whether it is due. After a killed build, the next costs a full build: what
the killed one had written cannot be told from what it had not.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _unfinished(app: Sphinx) -> Path:
    """The marker of a build of this builder that has started and not finished."""
    return Path(app.doctreedir, f"portfolio-unfinished-{app.builder.name}")


def reread_after_an_unfinished_build(app: Sphinx, env: BuildEnvironment, added: set[str],
                                     changed: set[str], removed: set[str]) -> set[str]:
    """``env-get-outdated``: every page, when the last build of this builder did not finish."""
    if not _unfinished(app).exists():
        return set()
    logger.info("the last %s build did not finish: reading every page again",
                app.builder.name)
    return set(env.found_docs)


def note_the_build_started(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: before anything is saved or written. Every build, a no-op
    one too: each writes some files (the search index, the inventory)."""
    marker = _unfinished(app)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()


def note_the_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``, after every other handler: a handler that raised stops the chain,
    so the marker stays for it too."""
    if exception is None:
        _unfinished(app).unlink(missing_ok=True)


def setup_collector(app: Sphinx) -> None:
    app.connect("env-get-outdated", reread_after_an_unfinished_build)
    app.connect("env-before-read-docs", note_the_build_started)
    app.connect("build-finished", note_the_build_finished, priority=999)  # the very last
