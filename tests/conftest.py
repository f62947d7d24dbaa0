"""Fixtures: sphinx.testing's (``app``, ``make_app``, ``app_params`` and the ``sphinx`` and
``test_params`` markers) on the roots in ``tests/roots/test-*``, one for roots laid out like
this repository (``docs_app``), the extension's full portfolio (``site``, built from the
root ``test-portfolio``) and the owner's real site (``owner_site``, only for the ``owner``
suite, tests/test_site.py).

How a test builds a root:

* ``@pytest.mark.sphinx("html", testroot="tables", srcdir="tables-new-award")`` and ``app``:
  with ``srcdir``, sphinx.testing copies the root to that folder of the session's temporary
  directory, so the test may edit its copy and builds apart from every other test;
* to edit the copy before the application starts (it reads conf.py then), take
  ``app_params`` (``kwargs["srcdir"]`` is the copy), edit, then ``make_app(*args, **kwargs)``;
* another build in the same test: ``make_app(...)``, once ``helpers.build_and_clean_up`` has
  built the one before;
* tests that only read one build share it: ``@pytest.mark.test_params(shared_result=NAME)``,
  NAME unique in the session (it is also the copy's folder).

Warnings name files relative to the project's parent folder; where a test checks that name,
the copy's last folder keeps the root's name (``srcdir="profile-missing/options"``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import OWNER, PORTFOLIO, Site, copy_site
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture
def docs_app(
    test_params: dict[str, Any],
    app_params: Any,
    make_app: Callable[..., SphinxTestApp],
    shared_result: Any,
) -> Iterator[SphinxTestApp]:
    """Like sphinx.testing's ``app``, for a root laid out like this repository: the Sphinx
    project in ``docs/`` and the .bib file beside it (``bibtex_bibfiles = ["../refs.bib"]``).

    Honours the same marker, ``test_params(shared_result=...)`` included.
    """
    args, kwargs = app_params
    app = make_app(*args, **{**kwargs, "srcdir": kwargs["srcdir"] / "docs"})
    yield app
    if test_params["shared_result"]:  # as ``app`` does: later tests get these warnings
        shared_result.store(test_params["shared_result"], app)


def _build_site(root: Path, source: Path) -> Site:
    """One HTML build of a copy of ``source`` (laid out like this repository) in ``root``,
    as `nox -s build` builds: it writes the PDF CVs beside the pages."""
    srcdir = copy_site(root, source)
    html = SphinxTestApp("html", srcdir=srcdir, builddir=root / "build" / "html-root")
    try:
        html.build()
    finally:
        html.cleanup()
    return Site(html)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The extension's full portfolio, ``tests/roots/test-portfolio`` (a frozen copy of the
    owner's site, so that these tests do not follow edits to docs/), built once.

    Built with ``SphinxTestApp`` itself, not sphinx.testing's ``app`` or ``make_app``: many
    modules share its one build, while those fixtures are made anew for every test.
    """
    return _build_site(tmp_path_factory.mktemp("site"), PORTFOLIO)


@pytest.fixture(scope="session")
def owner_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The owner's real site, the repository's docs/ and refs.bib, built once: only for the
    suite that follows the owner's content (tests/test_site.py, marked ``owner``)."""
    return _build_site(tmp_path_factory.mktemp("owner-site"), OWNER)
