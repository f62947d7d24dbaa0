"""A first build is right without settings, and what formats the entries is re-read when it
changes: the style's name in conf.py, the owner's names in profile.yaml."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import build_twice
from sphinx.testing.util import SphinxTestApp

OWNER = "<strong>Beomhan Baek</strong>"


def _labels(outdir: Path) -> list[str]:
    page = (outdir / "publications.html").read_text("utf-8")
    return re.findall(r'<span class="fn-bracket">\[</span>([^<]*)<', page)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="style-unset")
def test_our_style_is_the_default(app_params: Any,
                                  make_app: Callable[..., SphinxTestApp]) -> None:
    args, kwargs = app_params
    _edit(kwargs["srcdir"] / "conf.py", 'bibtex_default_style = "portfolio"\n', "")
    app = make_app(*args, **kwargs)
    app.build()
    assert _labels(app.outdir) == ["4", "3", "2", "1"]  # CV numbers, not [BSY25]
    assert OWNER in (app.outdir / "publications.html").read_text("utf-8")


@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="style-changed")
def test_a_new_style_is_shown_without_a_clean_build(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    srcdir = app_params.kwargs["srcdir"]
    conf = srcdir / "conf.py"
    _edit(conf, 'bibtex_default_style = "portfolio"', 'bibtex_default_style = "alpha"')

    def switch_to_ours() -> None:
        assert "BSY25" in _labels(srcdir / "_build" / "html")  # the first build's labels
        _edit(conf, 'bibtex_default_style = "alpha"', 'bibtex_default_style = "portfolio"')

    again = build_twice(make_app, app_params, switch_to_ours)
    assert _labels(again.outdir) == ["4", "3", "2", "1"]


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="owner-changed")
def test_a_new_owner_name_is_shown_without_a_clean_build(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    srcdir = app_params.kwargs["srcdir"]

    def rename_the_owner() -> None:
        page = srcdir / "_build" / "html" / "publications.html"
        assert OWNER in page.read_text("utf-8")  # as the first build shows it
        _edit(srcdir / "_data" / "profile.yaml", "Beomhan Baek", "Ada Nobody")

    again = build_twice(make_app, app_params, rename_the_owner)
    assert OWNER not in (again.outdir / "publications.html").read_text("utf-8")


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="second-researcher", srcdir="unchanged")
def test_an_unchanged_project_reads_nothing_again(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    again = build_twice(make_app, app_params)
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
