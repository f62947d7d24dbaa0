"""Every kind of bad input: one located portfolio warning each, no traceback, nothing else lost."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from helpers import warnings_of
from sphinx.testing.util import SphinxTestApp

# (location suffix, subtype, words the message must contain)
EXPECTED = [
    ("_data/profile.yaml:2", "url", ["website", "not an http(s) or mailto link"]),
    ("_data/awards.yaml:5", "unknown-key", ["unknown key 'titel'", "did you mean 'title'?"]),
    ("_data/awards.yaml:7", "missing", ["an award needs 'start' or 'terms'"]),
    ("_data/awards.yaml:10", "type", ["title", "valid string"]),
    ("_data/awards.yaml:14", "date", ["impossible date '13/2019'"]),
    ("_data/awards.yaml:15", "date", ["ends (2019) before it starts (2021)"]),
    ("_data/awards.yaml:19", "duplicate-id", ["duplicate id 'good-award'", "line 1"]),
    ("_data/awards.yaml:25", "ref", ["unknown BibTeX key 'exmaple2020paper'",
                                     "did you mean 'example2020paper'?"]),
    ("_data/awards.yaml:26", "ref", ["unknown project id 'no-such-project'"]),
    ("_data/projects.yaml:5", "ref", ["papers.1", "unknown BibTeX key 'missing2021key'"]),
    ("_data/education.yaml:2", "yaml", ["tab character", "indent with spaces"]),
    ("_data/experience.yaml:1", "empty", ["data file is empty"]),
    ("_data/skills.yaml:1", "toplevel", ["top level must be a list"]),
    ("_data/activities.yaml:4", "entry", ["entry 2 is a str, not a mapping"]),
    ("index.md:9", "option", ["unknown option ':colums:'", "did you mean 'columns'?"]),
    ("index.md:13", "option", ["unknown column 'peroid'", "did you mean 'period'?"]),
    ("index.md:17", "file", ["data file '_data/nonexistent.yaml' not found"]),
    ("index.md:39", "option", ["bad value 'reserch' for :kind: (research, industry)"]),
    ("index.md:43", "option", ["bad value 'research' for :kind:", "entries have no kind"]),
]
_WARNING = re.compile(
    r"^(?P<location>\S+): WARNING: (?P<message>.*) \[portfolio\.(?P<subtype>[\w-]+)\]$"
)

pytestmark = pytest.mark.sphinx("html", testroot="bad-data")
#: The tests so marked share one copy of the root: the first builds it, the others find its
#: output and rebuild incrementally (nothing to read; the data warnings come again).
one_build = pytest.mark.test_params(shared_result="bad-data")


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()  # after the first test, an incremental build: nothing is read again
    return app


def _warnings(built: SphinxTestApp) -> list[tuple[str, str, str]]:
    lines = [line for line in warnings_of(built).splitlines() if line.strip()]
    parsed = [_WARNING.match(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m]
    return [(m["location"], m["subtype"], m["message"]) for m in parsed if m]


@one_build
@pytest.mark.parametrize(("suffix", "subtype", "words"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_problem_is_reported_once_at_its_line(
    built: SphinxTestApp, suffix: str, subtype: str, words: list[str]
) -> None:
    found = [w for w in _warnings(built) if w[0].endswith(suffix) and w[1] == subtype]
    assert len(found) == 1, _warnings(built)
    for word in words:
        assert word in found[0][2]


@one_build
def test_nothing_else_is_reported(built: SphinxTestApp) -> None:
    assert len(_warnings(built)) == len(EXPECTED)
    assert "Traceback" not in warnings_of(built)


@one_build
def test_good_entries_still_render_and_markup_is_inert(built: SphinxTestApp) -> None:
    html = (built.outdir / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    awards = soup.select("table.portfolio-awards")[0].get_text(" ")
    for title in ("A Good Award", "Dangling Award", "**not bold** [link](http://evil.example)"):
        assert title in awards
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not soup.select('a[href="http://evil.example"]')
    assert "A Good Project" in soup.select("table.portfolio-projects")[-1].get_text(" ")
    assert "Tutor" in soup.select_one("table.portfolio-activities").get_text(" ")


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx(srcdir="bad-data-strict", warningiserror=True)  # a build of its own
def test_strict_build_fails(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
