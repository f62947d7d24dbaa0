"""Directive options: columns and their order, sort, filters, limit and caption."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from conftest import build


def _tables(copy_root: Callable[[str], Path]) -> list[Tag]:
    srcdir = copy_root("options")
    html = build(srcdir, "html", srcdir / "_build")
    assert html.warnings == ""
    soup = BeautifulSoup((html.outdir / "index.html").read_text("utf-8"), "html.parser")
    return soup.select("table.portfolio-projects")


def _titles(table: Tag) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in table.select("tbody strong")]


def test_options(copy_root: Callable[[str], Path]) -> None:
    newest, oldest_two, ongoing, theory = _tables(copy_root)
    assert [th.get_text(strip=True) for th in newest.select("thead th")] == ["Period", "Project"]
    assert newest.select_one("caption").get_text(strip=True).startswith("Newest first")
    assert _titles(newest) == ["Ongoing Project", "Middle Project", "Oldest Project"]
    assert _titles(oldest_two) == ["Oldest Project", "Middle Project"]
    assert _titles(ongoing) == ["Ongoing Project"]
    assert _titles(theory) == ["Oldest Project", "Ongoing Project"]


def test_only_the_complete_table_owns_the_anchors(copy_root: Callable[[str], Path]) -> None:
    newest, oldest_two, ongoing, theory = _tables(copy_root)
    assert len(newest.select("[id^=project-]")) == 3
    for excerpt in (oldest_two, ongoing, theory):
        assert not excerpt.select("[id^=project-]")


def test_profile_without_profile_data_is_reported_at_the_directive(
    copy_root: Callable[[str], Path],
) -> None:
    srcdir = copy_root("options")
    (srcdir / "index.md").write_text("# Options\n\n```{profile}\n```\n", encoding="utf-8")
    html = build(srcdir, "html", srcdir / "_build")
    assert "index.md:3: WARNING: {profile} needs options/_data/profile.yaml" in html.warnings
    assert "[portfolio.file]" in html.warnings


def test_missing_default_data_file_is_reported_at_the_directive(
    copy_root: Callable[[str], Path],
) -> None:
    srcdir = copy_root("options")
    (srcdir / "index.md").write_text("# Options\n\n```{award-table}\n```\n", encoding="utf-8")
    html = build(srcdir, "html", srcdir / "_build")
    assert html.warnings.strip().endswith(
        "index.md:3: WARNING: data file 'options/_data/awards.yaml' not found (create it, or name"
        " another file: {award-table} path/to/file.yaml) [portfolio.file]"
    )
    assert len(html.warnings.strip().splitlines()) == 1
