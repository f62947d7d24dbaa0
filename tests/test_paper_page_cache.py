"""Paper pages are written only when what they show changed: a no-op build writes none, an
edited entry rewrites its own page, a removed entry's page (and download) is deleted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import build_twice
from sphinx.testing.util import SphinxTestApp

PAGES = ("kim-amuse", "yu-cmdp", "baek-implicit", "song-river")


def _written(outdir: Path) -> dict[str, int]:
    """Paper page -> its file's modification time (ns)."""
    return {key: (outdir / "publications" / f"{key}.html").stat().st_mtime_ns for key in PAGES
            if (outdir / "publications" / f"{key}.html").is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def _rebuilt(make_app: Callable[..., SphinxTestApp], app_params: Any,
             edit: Callable[[Path], object]) -> tuple[dict[str, int], SphinxTestApp]:
    srcdir = app_params.kwargs["srcdir"]
    before: dict[str, int] = {}

    def between() -> None:
        before.update(_written(srcdir / "_build" / "html"))
        edit(srcdir)

    again = build_twice(make_app, app_params, between)
    after = _written(again.outdir)
    return {key: after[key] for key in after if after[key] != before.get(key)}, again


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="pages-no-op")
def test_a_no_op_build_writes_no_paper_page(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    rewritten, again = _rebuilt(make_app, app_params, lambda srcdir: None)
    assert rewritten == {}
    assert set(_written(again.outdir)) == set(PAGES)


@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="pages-one-entry")
def test_an_edited_entry_rewrites_its_own_page_and_those_that_list_it(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    """A new title shows on the paper's page and under "More with these co-authors" of the
    pages that share a co-author (baek-implicit: Minhak Song), not on the others."""
    def retitle(srcdir: Path) -> None:
        _edit(srcdir / "refs.bib", "Through the River:", "Across the River:")

    rewritten, again = _rebuilt(make_app, app_params, retitle)
    assert set(rewritten) == {"song-river", "baek-implicit"}
    for key in rewritten:
        page = (again.outdir / "publications" / f"{key}.html").read_text("utf-8")
        assert "Across the River" in page, key


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="pages-one-link")
def test_a_new_link_rewrites_its_own_page_only(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    """A link is shown on the paper's page only: the pages listing the paper stay as they are."""
    def add_code(srcdir: Path) -> None:
        _edit(srcdir / "refs.bib", "@misc{song-river,",
              "@misc{song-river,\n  code = {https://example.org/river},")

    rewritten, again = _rebuilt(make_app, app_params, add_code)
    assert set(rewritten) == {"song-river"}
    page = (again.outdir / "publications" / "song-river.html").read_text("utf-8")
    assert 'href="https://example.org/river"' in page


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="pages-owner")
def test_what_every_page_shows_rewrites_every_page(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    """A new owner name changes who is bold on every page."""
    def rename(srcdir: Path) -> None:
        _edit(srcdir / "_data" / "profile.yaml", "Beomhan Baek", "Ada Nobody")

    rewritten, _ = _rebuilt(make_app, app_params, rename)
    assert set(rewritten) == {"yu-cmdp", "baek-implicit", "song-river"}  # not in AMUSE's 3


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="pages-removed")
def test_a_removed_entry_loses_its_page_and_download(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    def remove(srcdir: Path) -> None:
        bib = srcdir / "refs.bib"
        text = bib.read_text("utf-8")
        start = text.index("@misc{song-river")
        bib.write_text(text[:start], "utf-8")

    srcdir = app_params.kwargs["srcdir"]
    kept = srcdir / "_build" / "html" / "publications" / "notes.html"
    _, again = _rebuilt(make_app, app_params,
                        lambda srcdir: (remove(srcdir), kept.write_text("mine", "utf-8")))
    assert set(_written(again.outdir)) == set(PAGES) - {"song-river"}
    assert not (again.outdir / "publications" / "song-river.bib").exists()
    assert kept.read_text("utf-8") == "mine"  # not one of our pages: left alone
