"""Doctree snapshots of the table directives: what they emit is plain docutils, reviewed by eye.

Regenerate after an intended change with ``UPDATE_SNAPSHOTS=1 nox -s tests``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

SNAPSHOTS = Path(__file__).parent / "snapshots"


def _doctree(srcdir: Path, docname: str) -> str:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build")
    try:
        app.build()
        text = app.env.get_doctree(docname).pformat()
    finally:
        app.cleanup()
    # What varies with the Sphinx and docutils versions, not with our output:
    text = re.sub(r' translation_progress="[^"]*"', "", text)
    text = text.replace('="False"', '="0"').replace('="True"', '="1"')
    return re.sub(r'source="[^"]*"', 'source="..."', text)


@pytest.mark.parametrize("docname", ["projects", "honors"])
def test_doctree_snapshot(copy_root: Callable[[str], Path], docname: str) -> None:
    actual = _doctree(copy_root("tables"), docname)
    snapshot = SNAPSHOTS / f"tables-{docname}.xml"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(actual, encoding="utf-8")
    assert actual == snapshot.read_text(encoding="utf-8")
