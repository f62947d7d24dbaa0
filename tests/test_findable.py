"""Findable pages (``web/findable/``, the paper pages' tags): canonical links, sitemap,
robots.txt, descriptions and OpenGraph/Twitter tags, the owner's Person JSON-LD, the 404 page.

The root (``tests/roots/test-findable``) has a minimal conf.py: everything here comes from
the extension. It is built three ways, once each per module: with no base URL (furo), with
``html_baseurl`` (Sphinx's default theme, a shorter description length, a preview image),
and with Read the Docs' ``READTHEDOCS_CANONICAL_URL`` in the environment.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import build_and_clean_up, build_twice, quick_first, warnings_of
from sphinx.testing.util import SphinxTestApp

RTD_VARIABLE = "READTHEDOCS_CANONICAL_URL"
BASE = "https://ada.example.org/portfolio/"
RTD = "https://ada.readthedocs.io/en/latest/"
DOCUMENTS = ["index", "talks", "honors", "publications", "notes/deep"]
PAPERS = ["publications/lovelace1843notes", "publications/lovelace1842sketch"]
NOT_LISTED = {"404", "search", "genindex"}  # pages that are no content for a search engine
EMAIL = "ada@example.org"


@dataclass
class Built:
    outdir: Path
    warnings: str
    status: str

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{name}.html").read_text("utf-8"), "html.parser")

    def pages(self) -> list[str]:
        """Every HTML page of the output, as page names."""
        return sorted(str(path.relative_to(self.outdir).with_suffix("")).replace(os.sep, "/")
                      for path in self.outdir.rglob("*.html"))


def _build(root: Path, target: Path, builder: str = "html", *,
           rtd: str | None = None, **overrides: Any) -> Built:
    shutil.copytree(root, target / "src")
    with pytest.MonkeyPatch.context() as patch:
        if rtd is None:
            patch.delenv(RTD_VARIABLE, raising=False)
        else:
            patch.setenv(RTD_VARIABLE, rtd)
        app = SphinxTestApp(builder, srcdir=target / "src", builddir=target / "build",
                            confoverrides=overrides)
        build_and_clean_up(app)
    return Built(Path(app.outdir), warnings_of(app), app.status.getvalue())


@pytest.fixture(scope="module")
def root(rootdir: Path) -> Path:
    return rootdir / "test-findable"


@pytest.fixture(scope="module")
def plain(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """No base URL is known: the site may be served anywhere."""
    return _build(root, tmp_path_factory.mktemp("plain"), html_theme="furo")


@pytest.fixture(scope="module")
def based(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """``html_baseurl`` set, Sphinx's default theme, descriptions cut at 60 characters."""
    return _build(root, tmp_path_factory.mktemp("based"), html_baseurl=BASE.rstrip("/"),
                  ogp_description_length=60, ogp_image="_static/ada.png")


@pytest.fixture(scope="module")
def rtd(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A Read the Docs build: conf.py names no base URL, the environment does."""
    return _build(root, tmp_path_factory.mktemp("rtd"), rtd=RTD, html_theme="furo")


def _metas(soup: BeautifulSoup, attribute: str, name: str) -> list[str]:
    return [str(tag.get("content")) for tag in soup.find_all("meta", attrs={attribute: name})]


def _one(soup: BeautifulSoup, attribute: str, name: str) -> str:
    found = _metas(soup, attribute, name)
    assert len(found) == 1, (name, found)
    return found[0]


def _canonical(soup: BeautifulSoup) -> list[str]:
    return [str(link["href"]) for link in soup.find_all("link", rel="canonical")]


# --- descriptions and cards ---------------------------------------------------------------

INTRO = ("Ada Lovelace writes the first programs for the Analytical Engine and studies how "
         "machines can compute Bernoulli numbers.")
ABSTRACT = "We describe how the engine computes Bernoulli numbers & why <it> matters."

DESCRIPTIONS = {
    "index": INTRO,  # the summary: not the profile's position, contact line or e-mail
    "talks": "Talks on engines given at the Royal Society and elsewhere.",  # not the table
    "honors": "Honors \N{EN DASH} Ada Lovelace",  # a table under a title: not the table's text
    "publications/lovelace1843notes": ABSTRACT,
    "publications/lovelace1842sketch":
        "Ada Lovelace, Charles Babbage. Sketch of the Engine. Preprint (1842).",
}


@pytest.mark.parametrize(("page", "description"), DESCRIPTIONS.items())
def test_each_page_has_one_description_and_one_card(
    plain: Built, page: str, description: str,
) -> None:
    soup = plain.page(page)
    assert _one(soup, "name", "description") == description
    assert _one(soup, "property", "og:description") == description
    title = _one(soup, "property", "og:title")
    assert title == (soup.find("h1").get_text().strip().rstrip("¶#").strip())
    assert _one(soup, "property", "og:type") == ("article" if page in PAPERS else "website")
    assert _one(soup, "property", "og:site_name") == "Ada Lovelace"  # not "Project name not set"
    assert _one(soup, "name", "twitter:card") == "summary"


def test_no_head_tag_gives_the_email_away(plain: Built) -> None:
    for page in plain.pages():
        head = plain.page(page).find("head")
        assert head is not None
        texts = [str(tag.get("content", "")) for tag in head.find_all("meta")]
        texts += [str(script.string) for script in head.find_all("script")]
        assert not any(EMAIL in text for text in texts), page


def test_descriptions_follow_ogp_description_length(based: Built) -> None:
    for page in [*DOCUMENTS, *PAPERS]:
        description = _one(based.page(page), "name", "description")
        assert 0 < len(description) <= 60, (page, description)
    assert _one(based.page("index"), "name", "description") == (
        "Ada Lovelace writes the first programs for the Analytical\N{HORIZONTAL ELLIPSIS}")


def test_pages_without_a_card_have_none(plain: Built) -> None:
    assert not (plain.outdir / "genindex.html").exists()  # a portfolio indexes nothing
    for page in ("404", "search"):
        soup = plain.page(page)
        assert _metas(soup, "property", "og:title") == [], page
        assert _metas(soup, "name", "twitter:card") == [], page


# --- base URL: canonical links, og:url, sitemap, robots.txt -----------------------------------


def test_without_a_base_url_no_absolute_url_is_invented(plain: Built) -> None:
    assert plain.warnings == ""
    for page in plain.pages():
        soup = plain.page(page)
        assert _canonical(soup) == [], page
        assert _metas(soup, "property", "og:url") == [], page
        assert _metas(soup, "property", "og:image") == [], page
    assert not (plain.outdir / "sitemap.xml").exists()
    assert (plain.outdir / "robots.txt").read_text("utf-8") == "User-agent: *\nDisallow:\n"


def _url(base: str, page: str) -> str:
    return f"{base}{page}.html"


def test_canonical_links_and_og_url_from_html_baseurl(based: Built) -> None:
    assert based.warnings == ""
    for page in [*DOCUMENTS, *PAPERS]:
        soup = based.page(page)
        assert _canonical(soup) == [_url(BASE, page)], page
        assert _one(soup, "property", "og:url") == _url(BASE, page)


def test_og_image_is_absolute_on_the_sites_own_base(based: Built) -> None:
    for page in [*DOCUMENTS, *PAPERS]:
        soup = based.page(page)
        assert _one(soup, "property", "og:image") == f"{BASE}_static/ada.png", page
        assert _one(soup, "property", "og:image:alt") == "Ada Lovelace", page


def _sitemap(outdir: Path) -> list[str]:
    tree = ElementTree.parse(outdir / "sitemap.xml")
    space = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [str(loc.text) for loc in tree.getroot().findall("s:url/s:loc", space)]


@pytest.mark.parametrize(("fixture", "base"), quick_first([("based", BASE), ("rtd", RTD)]))
def test_the_sitemap_lists_every_page_with_absolute_urls(
    request: pytest.FixtureRequest, fixture: str, base: str,
) -> None:
    built: Built = request.getfixturevalue(fixture)
    listed = _sitemap(built.outdir)
    assert sorted(listed) == sorted(_url(base, page) for page in built.pages()
                                    if page not in NOT_LISTED)
    assert {*DOCUMENTS, *PAPERS} <= {url.removeprefix(base).removesuffix(".html")
                                     for url in listed}
    assert (built.outdir / "robots.txt").read_text("utf-8") == (
        f"User-agent: *\nDisallow:\n\nSitemap: {base}sitemap.xml\n")


def test_read_the_docs_canonical_url_stands_in_for_html_baseurl(rtd: Built) -> None:
    assert rtd.warnings == ""
    for page in [*DOCUMENTS, *PAPERS]:
        soup = rtd.page(page)
        assert _canonical(soup) == [_url(RTD, page)], page
        assert _one(soup, "property", "og:url") == _url(RTD, page)


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="findable", srcdir="findable-conf-wins",
                    confoverrides={"html_baseurl": BASE})
def test_conf_py_wins_over_read_the_docs(
    app_params: Any, make_app: Callable[..., SphinxTestApp], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(RTD_VARIABLE, RTD)
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.build()
    soup = BeautifulSoup((app.outdir / "talks.html").read_text("utf-8"), "html.parser")
    assert _canonical(soup) == [_url(BASE, "talks")]
    assert all(url.startswith(BASE) for url in _sitemap(app.outdir))


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="findable", srcdir="findable-unchanged",
                    confoverrides={"html_theme": "furo"})
def test_an_unchanged_project_reads_nothing_again(
    app_params: Any, make_app: Callable[..., SphinxTestApp], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(RTD_VARIABLE, RTD)  # every derived value is in play
    again = build_twice(make_app, app_params)
    status = again.status.getvalue()
    assert "0 added, 0 changed, 0 removed" in status
    changed = re.findall(r"configuration has changed \((.*)\)", status)
    ours = ("html_baseurl", "ogp_", "notfound_", "site_url", "sitemap_")
    assert not any(name in line for line in changed for name in ours), changed
    assert warnings_of(again) == ""


@pytest.mark.parametrize("builder", quick_first(["dirhtml", "singlehtml", "epub", "latex", "text"]))
def test_other_builders_stay_quiet_with_a_base_url(
    root: Path, tmp_path: Path, builder: str,
) -> None:
    built = _build(root, tmp_path, builder, rtd=RTD, html_theme="furo",
                   version="1", copyright="Ada Lovelace")  # EPUB 3 needs both
    assert built.warnings == ""
    if builder == "dirhtml":
        listed = _sitemap(built.outdir)
        assert f"{RTD}notes/deep/" in listed and f"{RTD}publications/lovelace1843notes/" in listed
        assert not any(url.endswith(("/404/", "/search/", "/genindex/")) for url in listed)
    # for web servers only: not in an e-book, nor beside a LaTeX or text build
    assert (built.outdir / "robots.txt").is_file() == (builder in ("dirhtml", "singlehtml"))


# --- the owner's Person ---------------------------------------------------------------------


def _json_ld(soup: BeautifulSoup) -> list[tuple[str, Any]]:
    return [(str(script.string), json.loads(str(script.string)))
            for script in soup.find_all("script", type="application/ld+json")]


def test_the_home_page_describes_its_owner_as_a_person(plain: Built) -> None:
    people = [(raw, data) for raw, data in _json_ld(plain.page("index"))
              if data.get("@type") == "Person"]
    assert len(people) == 1
    raw, person = people[0]
    assert person == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Ada Lovelace",
        "jobTitle": "Research Fellow <Analytical & Engines>",
        "affiliation": {"@type": "Organization",
                        "name": "Babbage Institute </script><script>alert(1)</script>"},
        "url": "https://ada.example.org",
        "sameAs": ["https://scholar.example.org/ada", "http://code.example.org/ada"],
        "knowsAbout": ["Analytical engines", "Bernoulli numbers"],
    }
    assert not set("<>&") & set(raw)  # escaped as \u003c, so the script cannot end early
    assert EMAIL not in raw and "mailto" not in raw


def test_only_the_home_page_has_the_person(plain: Built) -> None:
    for page in plain.pages():
        if page != "index":
            people = [data for _, data in _json_ld(plain.page(page))
                      if data.get("@type") == "Person"]
            assert people == [], page


# --- the 404 page ---------------------------------------------------------------------------


def _links(soup: BeautifulSoup) -> Iterator[tuple[Tag, str]]:
    for tag in soup.find_all(True):
        for attribute in ("href", "src"):
            if tag.get(attribute) is not None:
                yield tag, str(tag[attribute])


@pytest.mark.parametrize(("fixture", "prefix"), [("plain", "/"), ("based", "/portfolio/"),
                                                 ("rtd", "/en/latest/")])
def test_the_404_page_links_work_from_any_depth(
    request: pytest.FixtureRequest, fixture: str, prefix: str,
) -> None:
    built: Built = request.getfixturevalue(fixture)
    soup = built.page("404")
    assert "Page not found" in soup.get_text()
    html_tag = soup.find("html")
    assert html_tag is not None and html_tag.get("data-content_root") == prefix
    assert _canonical(soup) == []
    assert _metas(soup, "name", "robots") == ["noindex"]
    home = [tag for tag in soup.find_all("a") if tag.get_text() == "home page"]
    assert [tag["href"] for tag in home] == [f"{prefix}index.html"]
    checked = 0
    for tag, url in _links(soup):
        if url in ("", "#") or url.startswith("#") or (tag.name == "a" and urlsplit(url).scheme):
            continue  # the page itself (basic's "this page" link), or a link to another site
        assert url.startswith(prefix), (tag.name, url)
        checked += 1
    assert checked > 5  # style sheets, scripts, the navigation


# --- nothing is loaded from another site ------------------------------------------------------

_RESOURCE_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload",
                  "apple-touch-icon", "manifest"}


def _resources(soup: BeautifulSoup) -> Iterator[str]:
    for script in soup.find_all("script", src=True):
        yield str(script["src"])
    for link in soup.find_all("link", href=True):
        if _RESOURCE_RELS & {str(rel).lower() for rel in link.get("rel", [])}:
            yield str(link["href"])
    for image in soup.find_all("img", src=True):
        yield str(image["src"])


@pytest.mark.parametrize(("fixture", "base"), [("plain", ""), ("based", BASE), ("rtd", RTD)])
def test_no_page_loads_anything_from_another_site(
    request: pytest.FixtureRequest, fixture: str, base: str,
) -> None:
    built: Built = request.getfixturevalue(fixture)
    for page in built.pages():
        for url in _resources(built.page(page)):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                assert base and url.startswith(base), (page, url)


# --- what link previews cost: matplotlib only for social cards --------------------------------


@pytest.mark.slow  # a fresh interpreter for each setting
@pytest.mark.parametrize(("setting", "imported"), [
    ("", False),
    ("ogp_social_cards = {'enable': True}", True),
])
def test_matplotlib_is_imported_only_for_social_cards(
    tmp_path: Path, setting: str, imported: bool
) -> None:
    """sphinxext-opengraph imports matplotlib as it is imported, cards or not; where it is
    installed that cost every build 0.35 s and 40 MB. A stand-in matplotlib notes its import."""
    fake = tmp_path / "site-packages" / "matplotlib"
    fake.mkdir(parents=True)
    marker = tmp_path / "matplotlib-imported"
    (fake / "__init__.py").write_text(
        f"open({str(marker)!r}, 'w').close()\nraise ImportError('stand-in')\n", "utf-8")
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-findable", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\n{setting}\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(fake.parent), *filter(None, [os.environ.get("PYTHONPATH")])])}
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src),
                    str(tmp_path / "out")], env=env, check=True, capture_output=True)
    assert marker.exists() is imported
