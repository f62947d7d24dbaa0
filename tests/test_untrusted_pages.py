"""Paper pages built from untrusted BibTeX (a publisher's or a co-author's .bib file).

Each root holds what a red-team pass found: a title that is HTML (test-untrusted-pages), text
that would end the JSON-LD block early (…-jsonld) and keys a file name would merge (…-names).
Every page is read with html5lib, a parser that follows the HTML standard as browsers do: the
standard library's parser does not know that "<!--<script>" inside a script hides its end.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import warnings_of
from hypothesis import given
from hypothesis import strategies as st
from pybtex.database import Entry, Person
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import json_ld, meta_html
from sphinx_portfolio.publications import pages
from sphinx_portfolio.publications.pages import paper_pagenames, paper_slug

# A tiny site builds in about a second; a page that hangs a parser or a slug would take longer.
BUILD_SECONDS = 20
THEMES = ("furo", "classic")  # furo, and a theme on Sphinx's basic layout
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
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster",
                             "data", "srcdoc"})
_EMBEDDING = frozenset({"iframe", "frame", "object", "embed", "base"})


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def build(app: SphinxTestApp) -> SphinxTestApp:
    """Build ``app``: quickly and without a traceback."""
    start = time.monotonic()
    app.build()
    assert time.monotonic() - start < BUILD_SECONDS
    for log in (warnings_of(app), app.status.getvalue()):
        assert "Traceback" not in log and "Exception occurred" not in log
    return app


def theme_scripts(outdir: Path) -> set[str]:
    """The inline scripts the theme writes on every page, taken from the general index (a page
    with no BibTeX text on it): the only inline scripts a paper page may have."""
    return {(script.string or "").strip()
            for script in soup_of(outdir / "genindex.html").find_all("script")
            if not script.get("src") and script.get("type") != "application/ld+json"}


def active_content(soup: BeautifulSoup, allowed_inline: set[str]) -> list[str]:
    """Whatever on the page could run code: scripts other than JSON-LD, the theme's own and
    Sphinx's files, event handler attributes, script URLs, embedded documents."""
    found: list[str] = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}={text!r}>")
            # Browsers drop control characters and blanks from a URL before reading its scheme.
            url = re.sub(r"[\x00-\x20]", "", unquote(text)).lower()
            if name.lower() in _URL_ATTRIBUTES and url.startswith(_SCRIPT_SCHEMES):
                found.append(f"<{tag.name} {name}={text!r}>")
        if tag.name in _EMBEDDING:
            found.append(f"<{tag.name}>")
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        if tag.name == "script" and tag.get("type") != "application/ld+json":
            src = str(tag.get("src", ""))
            parts = urlsplit(src)
            ours = "_static/" in parts.path or parts.path.endswith("searchindex.js")  # Sphinx's
            if src and (parts.scheme or parts.netloc or not ours):
                found.append(f"<script src={src!r}>")
            if not src and (tag.string or "").strip() not in allowed_inline:
                found.append(f"<script>{tag.string!r}</script>")
    return found


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


def check_pages_are_inert(outdir: Path) -> None:
    allowed = theme_scripts(outdir)
    for path in sorted(outdir.rglob("*.html")):
        assert active_content(soup_of(path), allowed) == [], path.relative_to(outdir)


def by_theme(root: str) -> list[Any]:
    """One build of ``root`` per theme, each in its own copy."""
    return [pytest.param(theme, marks=pytest.mark.sphinx(
        "html", testroot=root, srcdir=f"{root}-{theme}", confoverrides={"html_theme": theme}),
        id=theme) for theme in THEMES]


# --- finding 1: a title that is HTML ----------------------------------------------------------


@pytest.mark.parametrize("theme", by_theme("untrusted-pages"))
def test_html_in_a_title_stays_text_under_any_theme(app: SphinxTestApp, theme: str) -> None:
    build(app)
    check_pages_are_inert(app.outdir)
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


@pytest.mark.parametrize("theme", by_theme("untrusted-pages-jsonld"))
def test_json_ld_cannot_be_broken_out_of(app: SphinxTestApp, theme: str) -> None:
    build(app)
    check_pages_are_inert(app.outdir)
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


@pytest.mark.sphinx("html", testroot="untrusted-pages-names", srcdir="untrusted-pages-names")
def test_every_key_has_its_own_page(app: SphinxTestApp) -> None:
    build(app)
    check_pages_are_inert(app.outdir)
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
    pytest.param(root, marks=pytest.mark.sphinx("rinoh", testroot=root, srcdir=f"{root}-pdf"),
                 id=root)
    for root in ("untrusted-pages", "untrusted-pages-jsonld", "untrusted-pages-names")])
def test_the_pdf_builds_from_untrusted_entries(app: SphinxTestApp, root: str) -> None:
    build(app)
    assert sorted(Path(app.outdir).glob("*.pdf"))


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
    domain = SimpleNamespace(data={"bibdata": bibdata})
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
