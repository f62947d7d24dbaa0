"""Paper pages built from untrusted BibTeX (a publisher's or a co-author's .bib file).

Each root holds what a red-team pass found: a title that is HTML (test-untrusted-pages), text
that would end the JSON-LD block early (…-jsonld) and keys a file name would merge (…-names).
Every page is read with html5lib (``helpers.soup_of``), a parser that follows the HTML standard
as browsers do, and checked for active content (``helpers.assert_inert``) under every theme.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import assert_inert, by_theme, soup_of, warnings_of
from hypothesis import given
from hypothesis import strategies as st
from pybtex.database import Entry, Person
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import json_ld, meta_html
from sphinx_portfolio.publications import pages
from sphinx_portfolio.publications.pages import paper_pagenames, paper_slug

# A tiny site builds in about a second; a page that hangs a parser or a slug would take longer.
BUILD_SECONDS = 20
XSS_TITLE = "<img src=x onerror=alert(1)>"
# The keys of test-untrusted-pages-names/refs.bib and each one's title.
NAMED = {
    "a/b": "Slash Paper",
    "a-b": "Hyphen Paper",
    "müller2020": "Umlaut Paper",
    "møller2020": "Slashed O Paper",
    "李2020": "Li Paper",
    "王2020": "Wang Paper",
}


def build(app: SphinxTestApp) -> SphinxTestApp:
    """Build ``app``: quickly and without a traceback."""
    start = time.monotonic()
    app.build()
    assert time.monotonic() - start < BUILD_SECONDS
    for log in (warnings_of(app), app.status.getvalue()):
        assert "Traceback" not in log and "Exception occurred" not in log
    return app


def json_ld_of(soup: BeautifulSoup) -> dict[str, Any]:
    [script] = soup.find_all("script", type="application/ld+json")
    assert script.parent is not None and script.parent.name == "head"
    data: dict[str, Any] = json.loads(script.string or "")
    return data


def page_title(soup: BeautifulSoup) -> str:
    assert soup.head is not None
    title = soup.head.find("title")  # furo's inline SVG icons have <title>s of their own
    assert isinstance(title, Tag)
    return title.get_text()


def heading(soup: BeautifulSoup) -> str:
    h1 = soup.select_one("section.portfolio-paper h1")
    assert h1 is not None
    return h1.get_text()


# --- finding 1: a title that is HTML ----------------------------------------------------------


@pytest.mark.parametrize("theme", by_theme(testroot="untrusted-pages", srcdir="untrusted-pages"))
def test_html_in_a_title_stays_text_under_any_theme(app: SphinxTestApp, theme: str) -> None:
    build(app)
    assert_inert(app.outdir)
    soup = soup_of(app.outdir / "publications" / "xss2024.html")
    assert XSS_TITLE in page_title(soup)  # the browser tab names the paper (furo lost it)
    assert heading(soup) == XSS_TITLE
    assert json_ld_of(soup)["name"] == XSS_TITLE
    assert [str(tag["content"]) for tag in soup.select("meta[name=citation_title]")] == [
        XSS_TITLE]
    if theme == "classic":  # basic's relbar writes the page title as HTML
        assert XSS_TITLE in [a.get_text() for a in soup.select(".related a")]
    listed = soup_of(app.outdir / "index.html").select("a.portfolio-paper-link")
    assert [(a["href"], a.get_text()) for a in listed] == [
        ("publications/xss2024.html", XSS_TITLE)]


# --- finding 2: text that ends the JSON-LD block ----------------------------------------------


@pytest.mark.parametrize("theme", by_theme(testroot="untrusted-pages-jsonld",
                                            srcdir="untrusted-pages-jsonld"))
def test_json_ld_cannot_be_broken_out_of(app: SphinxTestApp, theme: str) -> None:
    build(app)
    assert_inert(app.outdir)
    soup = soup_of(app.outdir / "publications" / "breakout2024.html")
    data = json_ld_of(soup)
    # "--" is an en dash in BibTeX titles; the URL keeps its "<!--<script>" as written.
    title = "Break <!\u2013<script> out </script><script>alert(1)</script> & more"
    assert data["headline"] == data["name"] == title
    assert data["sameAs"] == [
        "https://example.org/?q=<!--<script>&x=</script><script>alert(3)</script>"]
    assert "</script><script>alert(2)</script>" in data["abstract"]
    assert title in page_title(soup)
    assert heading(soup) == title
    # Everything after the JSON-LD is still a page: the theme's scripts load, the body is there.
    assert soup.find("script", src=re.compile(r"_static/doctools\.js")) is not None
    assert soup.select_one("section.portfolio-paper") is not None


def test_json_ld_has_no_markup_characters_and_the_same_data() -> None:
    entry = Entry("misc", fields={
        "title": "A <!--<script> & </script> title",
        "url": "https://example.org/?a=<b>&c=</script>",
        "year": "2024",
    }, persons={"author": [Person("Example, Ada")]})
    block = meta_html(entry, "https://example.org/p.html")
    body = block.split('<script type="application/ld+json">', 1)[1].rsplit("</script>", 1)[0]
    assert not set("<>&") & set(body)
    assert json.loads(body) == json_ld(entry, "https://example.org/p.html")
    assert block.count("</script>") == 1


# --- finding 3: page names that collide -------------------------------------------------------


@pytest.mark.parametrize("theme", by_theme(testroot="untrusted-pages-names",
                                            srcdir="untrusted-pages-names"))
def test_every_key_has_its_own_page(app: SphinxTestApp, theme: str) -> None:
    build(app)
    assert_inert(app.outdir)
    folder = app.outdir / "publications"
    written = sorted(folder.glob("*.html"))
    assert len(written) == len(NAMED)  # no page overwrote another
    assert {p.name for p in app.outdir.rglob("*.html") if p.parent != app.outdir} == {
        p.name for p in written}  # none outside the folder
    titles = {heading(soup_of(path)) for path in written}
    assert titles == set(NAMED.values())
    listed = soup_of(app.outdir / "index.html").select("a.portfolio-paper-link")
    assert sorted(a.get_text() for a in listed) == sorted(NAMED.values())
    for link in listed:  # each title links to the page of its own paper
        page = soup_of(app.outdir / str(link["href"]))
        assert heading(page) == link.get_text()
        assert link.get_text() in page_title(page)
    assert (folder / "a-b.html").is_file()  # a plain key keeps its name
    assert heading(soup_of(folder / "a-b.html")) == NAMED["a-b"]


@pytest.mark.parametrize("root", [
    pytest.param(root, marks=pytest.mark.sphinx("cvpdf", testroot=root, srcdir=f"{root}-pdf"),
                 id=root)
    for root in ("untrusted-pages", "untrusted-pages-jsonld", "untrusted-pages-names")])
def test_the_pdf_builds_from_untrusted_entries(app: SphinxTestApp, root: str) -> None:
    build(app)
    assert sorted(Path(app.outdir).glob("*.pdf"))


# --- the check itself -------------------------------------------------------------------------

_THEME_SCRIPT = "document.body.dataset.theme = 'auto';"


def _page(body: str) -> str:
    """A page with what every built page may have: Sphinx's files, JSON-LD, the theme's script."""
    return ('<!DOCTYPE html><html><head><title>T</title>'
            '<script src="_static/doctools.js"></script><script src="searchindex.js"></script>'
            '<script type="application/ld+json">{"name": "x"}</script></head>'
            f"<body><script>{_THEME_SCRIPT}</script><p>{body}</p></body></html>")


@pytest.mark.parametrize("snippet", [
    pytest.param(XSS_TITLE, id="onerror"),
    pytest.param('<a href=" JaVa&#x09;script:alert(1)">x</a>', id="javascript-href"),
    pytest.param('<form action="javascript:alert(1)"></form>', id="javascript-action"),
    pytest.param('<img src="data:text/html,x">', id="data-src"),
    pytest.param("<script>alert(1)</script>", id="inline-script"),
    pytest.param('<script src="https://evil.example/_static/x.js"></script>', id="far-script"),
    pytest.param('<script src="x.js"></script>', id="other-script"),
    pytest.param('<svg><g onload="alert(1)"/></svg>', id="svg-onload"),
    pytest.param('<iframe srcdoc="x"></iframe>', id="iframe"),
    pytest.param('<meta http-equiv="refresh" content="0;url=https://evil.example">',
                 id="refresh"),
])
def test_assert_inert_finds_what_could_run(tmp_path: Path, snippet: str) -> None:
    (tmp_path / "404.html").write_text(_page(""), encoding="utf-8")
    (tmp_path / "publications").mkdir()
    page = tmp_path / "publications" / "p.html"
    page.write_text(_page("Plain &lt;script&gt; text"), encoding="utf-8")
    assert_inert(tmp_path)  # Sphinx's files, JSON-LD, the theme's inline script, text: inert
    page.write_text(_page(snippet), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"publications/p\.html"):
        assert_inert(tmp_path)


def test_plain_keys_keep_their_names() -> None:
    for key in ("song2025sgd", "a-b", "Smith_2020.v2", "x1"):
        assert paper_slug(key) == key


@given(st.text(min_size=1, max_size=300))
def test_a_slug_is_one_safe_file_name(key: str) -> None:
    slug = paper_slug(key)
    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.~-]*", slug)  # no "/", no ".", "..", ".x"
    assert len(slug) <= 100  # with ".html", a file name any file system takes
    assert paper_slug(key) == slug  # stable


@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_distinct_keys_have_distinct_slugs(first: str, second: str) -> None:
    if first.lower() != second.lower():  # BibTeX keys are case-insensitive
        assert paper_slug(first).lower() != paper_slug(second).lower()


def _fake_app(keys: list[str], docs: set[str]) -> Any:
    bibdata = SimpleNamespace(data=SimpleNamespace(entries={key: None for key in keys}))
    domain = SimpleNamespace(data={"bibdata": bibdata}, bibdata=bibdata)  # as BibtexDomain
    env = SimpleNamespace(found_docs=docs, get_domain=lambda name: domain)
    return SimpleNamespace(config=SimpleNamespace(portfolio_paper_pages="publications"), env=env)


def test_page_names_stay_distinct_when_short_hashes_meet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "_HASH_LENGTH", 1)  # 16 possible hashes: 40 keys must meet
    keys = [f"李{n}" for n in range(40)] + ["index"]
    names = paper_pagenames(_fake_app(keys, {"publications/index", "index"}))
    assert len({name.lower() for name in names.values()}) == len(keys)
    assert "publications/index" not in names.values()  # a document of the site
    assert all(name.startswith("publications/") and "/" not in name.removeprefix(
        "publications/") for name in names.values())
