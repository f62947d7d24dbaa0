"""Directive options: columns and their order, sort, filters, limit and caption."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import warnings_of
from sphinx.testing.util import SphinxTestApp


def _tables(app: SphinxTestApp) -> list[Tag]:
    app.build()
    assert warnings_of(app) == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text("utf-8"), "html.parser")
    return soup.select("table.portfolio-projects")


def _titles(table: Tag) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in table.select("tbody strong")]


@pytest.mark.sphinx("html", testroot="options", srcdir="options-columns")
def test_options(app: SphinxTestApp) -> None:
    newest, oldest_two, ongoing, theory = _tables(app)
    assert [th.get_text(strip=True) for th in newest.select("thead th")] == ["Period", "Project"]
    assert newest.select_one("caption").get_text(strip=True).startswith("Newest first")
    assert _titles(newest) == ["Ongoing Project", "Middle Project", "Oldest Project"]
    assert _titles(oldest_two) == ["Oldest Project", "Middle Project"]
    assert _titles(ongoing) == ["Ongoing Project"]
    assert _titles(theory) == ["Oldest Project", "Ongoing Project"]


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="options", srcdir="options-anchors")
def test_only_the_complete_table_owns_the_anchors(app: SphinxTestApp) -> None:
    newest, oldest_two, ongoing, theory = _tables(app)
    assert len(newest.select("[id^=project-]")) == 3
    for excerpt in (oldest_two, ongoing, theory):
        assert not excerpt.select("[id^=project-]")


def _build_with_index(app_params: Any, make_app: Callable[..., SphinxTestApp],
                      index: str) -> SphinxTestApp:
    """Build the root's copy with ``index.md`` replaced by ``index``."""
    args, kwargs = app_params
    (kwargs["srcdir"] / "index.md").write_text(index, encoding="utf-8")
    app = make_app(*args, **kwargs)
    app.build()
    return app


# The copies keep the root's folder name ("options/..."): the warnings show it.
@pytest.mark.sphinx("html", testroot="options", srcdir="profile-missing/options")
def test_profile_without_profile_data_is_reported_at_the_directive(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    html = _build_with_index(app_params, make_app, "# Options\n\n```{profile}\n```\n")
    warnings = warnings_of(html)
    assert "index.md:3: WARNING: {profile} needs options/_data/profile.yaml" in warnings
    assert "[portfolio.file]" in warnings


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="options", srcdir="award-data-missing/options")
def test_missing_default_data_file_is_reported_at_the_directive(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    html = _build_with_index(app_params, make_app, "# Options\n\n```{award-table}\n```\n")
    warnings = warnings_of(html)
    assert warnings.strip().endswith(
        "index.md:3: WARNING: data file 'options/_data/awards.yaml' not found (create it, or name"
        " another file: {award-table} path/to/file.yaml) [portfolio.file]"
    )
    assert len(warnings.strip().splitlines()) == 1


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="options", srcdir="options-columns-repeated")
def test_a_column_named_again_and_again_is_shown_once(
        app_params: Any, make_app: Callable[..., SphinxTestApp]) -> None:
    """50,000 names in :columns: (a 350 KB page) once took 2 minutes and 1.5 GB."""
    args, kwargs = app_params
    index = kwargs["srcdir"] / "index.md"
    names = " ".join(["title"] * 50_000 + [f"nosuch{i}" for i in range(20_000)])
    index.write_text(index.read_text("utf-8").replace(
        ":columns: period, title\n", f":columns: {names}\n", 1), "utf-8")
    app = make_app(*args, **kwargs)
    app.build()
    warnings = warnings_of(app).splitlines()
    assert len(warnings) == 12, warnings  # 10 unknown names, the rest counted, the repeats
    assert "19,990 more unknown columns for {project-table}" in warnings[10]
    assert "columns named more than once in :columns: (title); each is shown once" \
        in warnings[11]
    assert (app.outdir / "index.html").stat().st_size < 200_000
