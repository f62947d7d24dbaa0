"""Followable publications: the Atom feed, the .bib downloads and CSL-JSON (``web.feeds``).

Each file is read back by what its readers use: the feed by feedparser (and by a strict XML
parser), the .bib files by our own reader, CSL-JSON against the format's published schema
(``tests/data/csl/``). ``test-feeds`` has one paper of each kind CSL tells apart, dated and
undated; ``test-feeds-hostile`` puts markup, CDATA ends, control characters and script URLs
in every field, the owner's name and the site's name.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup
from helpers import (
    OWNER,
    PORTFOLIO,
    Site,
    assert_inert,
    build_and_clean_up,
    build_twice,
    quick_first,
    soup_of,
    warnings_of,
)
from pybtex.database import Entry, Person
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import CheckedBib, format_person, read_bib_files, read_bib_text
from sphinx_portfolio.bib.atom import ATOM_NS, Feed, atom_feed, entry_id, entry_updated
from sphinx_portfolio.bib.csl import csl_item, csl_json
from sphinx_portfolio.bib.export import bibtex_entry, bibtex_file
from sphinx_portfolio.bib.paper import csl_name, display_name
from sphinx_portfolio.publications.pages import paper_pagenames
from sphinx_portfolio.warnings_ import Problem, Subtype
from sphinx_portfolio.web import feeds
from sphinx_portfolio.web.feeds import (
    BIBTEX,
    CSL_JSON,
    FEED,
    paper_bibtex_filename,
    paper_bibtex_uri,
)

CSL_SCHEMA = json.loads((Path(__file__).parent / "data" / "csl" / "csl-data.json")
                        .read_text("utf-8"))
#: test-feeds' papers as the publication list orders them: newest first, undated last.
NEWEST_FIRST = ["example2025preprint", "example2024conf", "example2022journal",
                "example2021thesis", "example-undated"]
TITLES = {
    "example2025preprint": "Scaling Laws for Tiny Models",
    "example2024conf": "Sharpness and Edge of Stability: A Second Look",
    "example2022journal": "On the Convergence of Adam",
    "example2021thesis": "Optimization Without Tears",
    "example-undated": "Notes on Learning Rates",
}
FILES = (FEED, BIBTEX, CSL_JSON)

one_build = pytest.mark.test_params(shared_result="feeds-html")


@pytest.fixture
def html(app: SphinxTestApp) -> SphinxTestApp:
    app.build()  # after the first test, an incremental build: nothing is read again
    return app


def feed_of(outdir: Path) -> Any:
    data = (outdir / FEED).read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def keys_in_feed(parsed: Any) -> list[str]:
    """The BibTeX key of each entry, read from its link to the paper's page."""
    return [re.sub(r".*publications/([^/]+?)(?:\.html|/)$", r"\1", entry.link)
            for entry in parsed.entries]


def feed_links(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    assert soup.head is not None
    return [str(link["href"]) for link in soup.head.find_all(
        "link", rel="alternate", type="application/atom+xml")]


def resolves(page: Path, href: str, root: Path | None = None) -> Path:
    """The file ``href`` leads to from ``page`` (a folder's index.html, as servers do); an
    href from the site's ``root`` (a 404 page's, served at any depth) starts at ``root``."""
    path = urlsplit(href).path
    base = root if root is not None and path.startswith("/") else page.parent
    target = (base / path.lstrip("/") if base is root else base / path).resolve()
    return target / "index.html" if target.is_dir() else target


def problems(read: CheckedBib) -> list[Problem]:
    """What the reader found, but for test-feeds' undated entry, undated on purpose."""
    return [p for p in read.problems if p.subtype is not Subtype.BIB_MISSING_FIELD]


def csl_items(outdir: Path) -> dict[str, dict[str, Any]]:
    items = json.loads((outdir / CSL_JSON).read_text("utf-8"))
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(items)
    return {item["id"]: item for item in items}


# --- the feed --------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="feeds")
@one_build
def test_the_build_is_quiet_and_writes_every_file(html: SphinxTestApp) -> None:
    assert warnings_of(html) == ""
    for name in FILES:
        assert (html.outdir / name).is_file(), name


@pytest.mark.sphinx("html", testroot="feeds")
@one_build
def test_the_feed_lists_every_paper_once_newest_first(html: SphinxTestApp) -> None:
    parsed = feed_of(html.outdir)
    assert parsed.feed.title == "Ada Example \u2013 Publications"
    assert parsed.feed.author_detail.name == "Ada Example"
    assert parsed.feed.author_detail.href == "https://ada.example.org/"
    assert keys_in_feed(parsed) == NEWEST_FIRST
    assert [entry.title for entry in parsed.entries] == [TITLES[key] for key in NEWEST_FIRST]
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)


@pytest.mark.sphinx("html", testroot="feeds")
@one_build
def test_the_feed_has_the_publication_lists_order(html: SphinxTestApp) -> None:
    soup = BeautifulSoup((html.outdir / "publications.html").read_text("utf-8"), "html.parser")
    listed = [re.sub(r".*/([^/]+)\.html$", r"\1", str(link["href"]))
              for link in soup.select("a.portfolio-paper-link")]
    assert listed == keys_in_feed(feed_of(html.outdir))


@pytest.mark.sphinx("html", testroot="feeds")
@one_build
def test_entries_carry_authors_abstracts_links_and_kinds(html: SphinxTestApp) -> None:
    entries = dict(zip(NEWEST_FIRST, feed_of(html.outdir).entries, strict=True))
    conference = entries["example2024conf"]
    assert [author.name for author in conference.authors] == [
        "Ada Example", "John von Neumann", "Jane Doe, Jr"]
    # plain text, \emph dropped; the math stays TeX
    assert conference.summary == ("We study gradient descent at step size "
                                  "$\\eta > 2/\\lambda$ and find the edge.")
    assert conference.summary_detail.type == "text/plain"
    related = {link.title: link.href for link in conference.links if link.rel == "related"}
    assert related == {"Paper": "https://openreview.net/forum?id=abc",
                       "DOI": "https://doi.org/10.1234/iclr.2024.101"}
    assert [tag.term for tag in conference.tags] == ["conference"]
    # "and others" is no author
    assert [a.name for a in entries["example2025preprint"].authors] == ["Ada Example",
                                                                        "Olga Others"]
    assert "summary" not in entries["example2021thesis"]


@pytest.mark.sphinx("html", testroot="feeds")
@one_build
def test_dates_are_what_the_entries_state(html: SphinxTestApp) -> None:
    parsed = feed_of(html.outdir)
    updated = {key: entry.updated for key, entry in zip(NEWEST_FIRST, parsed.entries,
                                                        strict=True)}
    assert updated == {
        "example2025preprint": "2025-01-01T00:00:00Z",  # a year: not the arXiv id's month
        "example2024conf": "2024-05-01T00:00:00Z",
        "example2022journal": "2022-01-01T00:00:00Z",
        "example2021thesis": "2021-08-01T00:00:00Z",
        "example-undated": "2025-01-01T00:00:00Z",  # none of its own: the feed's
    }
    assert parsed.feed.updated == "2025-01-01T00:00:00Z"  # the newest entry's, not the build's
    assert "published" not in parsed.entries[0]


@pytest.mark.sphinx("html", testroot="feeds")
@one_build
def test_relative_links_resolve_from_the_feed(html: SphinxTestApp) -> None:
    parsed = feed_of(html.outdir)
    feed = html.outdir / FEED
    for entry in parsed.entries:
        assert resolves(feed, entry.link).is_file(), entry.link
    self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
    assert resolves(feed, self_link) == feed.resolve()
    home = next(link.href for link in parsed.feed.links if link.rel == "alternate")
    assert home == "publications.html"  # the full list, not the home page


@pytest.mark.sphinx("html", testroot="feeds")
@one_build
def test_every_page_links_the_feed_at_any_depth(html: SphinxTestApp) -> None:
    pages = sorted(html.outdir.rglob("*.html"))
    assert {"index.html", "publications/example2024conf.html", "notes/deep/page.html"} <= {
        page.relative_to(html.outdir).as_posix() for page in pages}
    for page in pages:
        [href] = feed_links(page)
        assert not urlsplit(href).scheme, href  # relative: works wherever the site is served
        assert resolves(page, href, html.outdir) == (html.outdir / FEED).resolve(), page


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="feeds", srcdir="feeds-base-url",
                    confoverrides={"html_baseurl": "https://ada.example.org/site/"})
def test_with_a_base_url_the_feed_links_absolutely(app: SphinxTestApp) -> None:
    app.build()
    parsed = feed_of(app.outdir)
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": "https://ada.example.org/site/publications.atom",
        "alternate": "https://ada.example.org/site/publications.html"}
    assert [entry.link for entry in parsed.entries] == [
        f"https://ada.example.org/site/publications/{key}.html" for key in NEWEST_FIRST]
    [href] = feed_links(app.outdir / "publications" / "example2024conf.html")
    assert href == "../publications.atom"  # pages still link relatively


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("dirhtml", testroot="feeds", srcdir="feeds-dirhtml")
def test_dirhtml_links_resolve(app: SphinxTestApp) -> None:
    app.build()
    parsed = feed_of(app.outdir)
    feed = app.outdir / FEED
    assert [entry.link for entry in parsed.entries] == [
        f"publications/{key}/" for key in NEWEST_FIRST]
    assert all(resolves(feed, entry.link).is_file() for entry in parsed.entries)
    page = app.outdir / "publications" / "example2024conf" / "index.html"
    [href] = feed_links(page)
    assert resolves(page, href) == feed.resolve()
    uri = paper_bibtex_uri(app, "publications/example2024conf")
    assert uri == "../example2024conf.bib"
    assert resolves(page, uri).is_file()


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="feeds", srcdir="feeds-no-pages",
                    confoverrides={"portfolio_paper_pages": ""})
def test_without_paper_pages_an_entry_links_its_paper_or_the_list(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    assert not (app.outdir / "publications").exists()
    entries = dict(zip(NEWEST_FIRST, feed_of(app.outdir).entries, strict=True))
    assert entries["example2025preprint"].link == "https://arxiv.org/abs/2503.01234"
    assert entries["example2024conf"].link == "https://openreview.net/forum?id=abc"
    assert entries["example2022journal"].link == "publications.html"  # no link of its own
    assert csl_items(app.outdir).keys() == set(NEWEST_FIRST)


# --- the BibTeX downloads --------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="feeds")
@one_build
def test_refs_bib_reads_back_with_every_key_and_nothing_private(html: SphinxTestApp) -> None:
    text = (html.outdir / BIBTEX).read_text("utf-8")
    read = read_bib_text(text)
    assert problems(read) == []
    source = read_bib_files([Path(html.srcdir) / "refs.bib"])
    assert list(read.data.entries) == list(source.data.entries)
    assert "PRIVATE-NOTE" not in text and "%" not in text  # the file's comment stays home
    assert "@string" not in text and "International Conference" in text  # macros expanded
    for private in ("abstract", "keywords"):
        assert not re.search(rf"^\s*{private}\s*=", text, re.M), private
    conference = read.data.entries["example2024conf"]
    assert conference.fields["title"] == "Sharpness and {Edge} of Stability"  # LaTeX kept
    assert [str(p) for p in conference.persons["author"]] == [
        "Example, Ada", "von Neumann, John", "Doe, Jr, Jane"]


@pytest.mark.sphinx("html", testroot="feeds")
@one_build
def test_each_paper_has_its_bib_file_beside_its_page(html: SphinxTestApp) -> None:
    names = paper_pagenames(html)
    assert set(names) == set(NEWEST_FIRST)
    whole = (html.outdir / BIBTEX).read_text("utf-8")
    for key, pagename in names.items():
        assert paper_bibtex_filename(pagename) == f"publications/{key}.bib"
        path = html.outdir / paper_bibtex_filename(pagename)
        page = html.outdir / f"{pagename}.html"
        assert resolves(page, paper_bibtex_uri(html, pagename)) == path.resolve()
        download = BeautifulSoup(page.read_text("utf-8"), "html.parser").find(
            "a", string="Download the BibTeX")
        assert download is not None and resolves(page, download["href"]) == path.resolve()
        read = read_bib_text(path.read_text("utf-8"))
        assert problems(read) == [] and list(read.data.entries) == [key]
        assert path.read_text("utf-8") in whole


# --- CSL-JSON --------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="feeds")
@one_build
def test_csl_json_validates_and_maps_each_kind(html: SphinxTestApp) -> None:
    items = csl_items(html.outdir)
    assert list(items) == list(read_bib_files([Path(html.srcdir) / "refs.bib"]).data.entries)
    assert items["example2024conf"] == {
        "id": "example2024conf", "citation-key": "example2024conf", "type": "paper-conference",
        "title": "Sharpness and Edge of Stability: A Second Look",
        "author": [{"family": "Example", "given": "Ada"},
                   {"family": "Neumann", "given": "John", "non-dropping-particle": "von"},
                   {"family": "Doe", "given": "Jane", "suffix": "Jr"}],
        "issued": {"date-parts": [[2024, 5]]},
        "container-title": "International Conference on Learning Representations",
        "publisher": "OpenReview", "page": "101-120", "DOI": "10.1234/iclr.2024.101",
        "URL": "https://openreview.net/forum?id=abc",
        "abstract": ("We study gradient descent at step size $\\eta > 2/\\lambda$ and find "
                     "the edge."),
    }
    journal = items["example2022journal"]
    assert (journal["type"], journal["container-title"], journal["volume"], journal["issue"],
            journal["page"], journal["issued"]) == (
        "article-journal", "Journal of Machine Learning Research", "23", "7", "1-45",
        {"date-parts": [[2022]]})
    assert journal["abstract"] == "A journal article with Müller's lemma."
    preprint = items["example2025preprint"]
    assert (preprint["type"], preprint["publisher"], preprint["number"], preprint["URL"],
            preprint["issued"]) == ("article", "arXiv", "arXiv:2503.01234",
                                    "https://arxiv.org/abs/2503.01234",
                                    {"date-parts": [[2025]]})  # not the id's month
    thesis = items["example2021thesis"]
    assert (thesis["type"], thesis["publisher"], thesis["genre"], thesis["issued"]) == (
        "thesis", "Example University", "PhD thesis", {"date-parts": [[2021, 8]]})
    undated = items["example-undated"]
    assert undated["type"] == "webpage" and "issued" not in undated
    assert all("keywords" not in item and "keyword" not in item for item in items.values())


@pytest.mark.parametrize("bib", [
    *(pytest.param(path, id=path.parent.name)
      for path in sorted(Path(__file__).parent.glob("roots/*/refs.bib"))),
    pytest.param(OWNER / "refs.bib", id="owner", marks=pytest.mark.owner)])
def test_every_bibliography_we_have_makes_valid_files(bib: Path) -> None:
    """Every .bib of the suite (the real-world quirks, the untrusted ones, the full
    portfolio's) and the owner's own."""
    entries = list(read_bib_files([bib]).data.entries.values())
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(json.loads(csl_json(entries)))
    feed = Feed("T", "A", "site", FEED, "./", datetime(2020, 1, 1, tzinfo=UTC))
    parsed = feedparser.parse(atom_feed(entries, feed))
    assert not parsed.bozo and len(parsed.entries) == len(entries)
    assert list(read_bib_text(bibtex_file(entries)).data.entries) == [e.key for e in entries]


def test_the_site_publishes_its_publications(site: Site) -> None:
    """The full portfolio (built once for the session): every paper in each file."""
    outdir = Path(site.html.outdir)
    keys = list(read_bib_files([PORTFOLIO / "refs.bib"]).data.entries)
    parsed = feed_of(outdir)
    assert parsed.feed.title == "Minhak Song \u2013 Publications"
    assert sorted(keys_in_feed(parsed)) == sorted(keys)
    assert list(csl_items(outdir)) == keys
    refs = read_bib_text((outdir / BIBTEX).read_text("utf-8"))
    assert problems(refs) == [] and list(refs.data.entries) == keys
    for page in (outdir / "index.html", outdir / "publications" / f"{keys[0]}.html"):
        [href] = feed_links(page)
        assert resolves(page, href) == (outdir / FEED).resolve()


# --- untrusted input -------------------------------------------------------------------------

HOSTILE_OWNER = 'Eve "</title><script>alert(1)</script> & ]]> <!--'
CONTROL_ENTRY = ("\n@misc{ctrl2023,\n  title = {Bell\x07 Escape\x1b[31m Null\x00 Form\x0cfeed},\n"
                 "  author = {Ctrl, Carl},\n  abstract = {Vertical\x0btab\x01 end},\n"
                 "  year = {2023},\n}\n")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.fixture
def hostile(app_params: Any, make_app: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    args, kwargs = app_params
    with (Path(kwargs["srcdir"]) / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(CONTROL_ENTRY)
    app = make_app(*args, **kwargs)
    app.build()
    return app


@pytest.mark.sphinx("html", testroot="feeds-hostile")
def test_hostile_text_stays_text_in_the_feed(hostile: SphinxTestApp) -> None:
    data = (hostile.outdir / FEED).read_bytes()
    root = ET.fromstring(data)  # strict XML: a raw control character would not parse
    assert {element.tag for element in root.iter()} <= {
        f"{{{ATOM_NS}}}{tag}" for tag in ("feed", "id", "title", "updated", "author", "name",
                                           "uri", "link", "generator", "entry", "category",
                                           "summary")}
    entries = root.findall(f"{{{ATOM_NS}}}entry")
    assert len(entries) == 3  # no entry forged by an author's name
    titles = [entry.findtext(f"{{{ATOM_NS}}}title") for entry in entries]
    assert titles[0] == "</title><script>alert(2)</script> ]]> <![CDATA[ x ]]> &amp; &lt;"
    assert titles[1] == "Bell Escape[31m Null Form feed"  # controls dropped, text kept
    summary = entries[0].findtext(f"{{{ATOM_NS}}}summary")
    assert summary == ']]></summary><script>alert(4)</script><summary> " $a<b$'
    names = [name.text for name in root.iter(f"{{{ATOM_NS}}}name")]
    assert HOSTILE_OWNER in names and "Eve </name></author><entry><title>forged</title>" in names
    hrefs = [link.get("href", "") for link in root.iter(f"{{{ATOM_NS}}}link")]
    assert all(urlsplit(href).scheme in {"", "https"} for href in hrefs), hrefs
    parsed = feedparser.parse(data)
    assert not parsed.bozo and parsed.version == "atom10"
    assert parsed.feed.title == f"{HOSTILE_OWNER} \u2013 Publications"


@pytest.mark.sphinx("html", testroot="feeds-hostile")
def test_hostile_text_stays_text_in_csl_json_and_bibtex(hostile: SphinxTestApp) -> None:
    raw = (hostile.outdir / CSL_JSON).read_text("utf-8")
    assert not re.search(r"[<>&]", raw) and not _CONTROLS.search(raw)
    items = csl_items(hostile.outdir)
    assert items["xss2024"]["title"] == (
        "</title><script>alert(2)</script> ]]> <![CDATA[ x ]]> &amp; &lt;")
    assert items["xss2024"]["container-title"] == '"], "x": "<script>alert(3)</script>"'
    assert "URL" not in items["xss2024"] and "DOI" not in items["xss2024"]  # not http(s), no DOI
    for name in [BIBTEX, *(p.relative_to(hostile.outdir).as_posix()
                           for p in (hostile.outdir / "publications").glob("*.bib"))]:
        text = (hostile.outdir / name).read_text("utf-8")
        assert not _CONTROLS.search(text), name
        read = read_bib_text(text)
        assert read.problems == [], name  # javascript: and data: links are left out
        assert "javascript:alert(5)" not in text and "data:text" not in text
    assert len(list((hostile.outdir / "publications").glob("*.bib"))) == 3  # 李2020's too


@pytest.mark.sphinx("html", testroot="feeds-hostile")
def test_hostile_names_stay_text_in_every_page_head(hostile: SphinxTestApp) -> None:
    assert_inert(hostile.outdir)
    for page in hostile.outdir.rglob("*.html"):
        [link] = soup_of(page).find_all("link", type="application/atom+xml")
        assert link["title"] == f"{HOSTILE_OWNER} \u2013 Publications"
        href = str(link["href"])
        assert resolves(page, href, hostile.outdir) == (hostile.outdir / FEED).resolve()


# --- builders and rebuilds -------------------------------------------------------------------


@pytest.mark.parametrize("builder", quick_first(["text", "latex", "epub", "singlehtml", "man"]))
def test_other_builders_write_none_of_these_files(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path, builder: str,
) -> None:
    shutil.copytree(rootdir / "test-feeds", tmp_path / "src")
    # EPUB 3 requires a version and a copyright
    overrides = {"version": "1", "copyright": "Ada Example"} if builder == "epub" else {}
    app = make_app(builder, srcdir=tmp_path / "src", confoverrides=overrides)
    app.build()
    assert warnings_of(app) == ""
    written = {path.name for path in Path(app.outdir).rglob("*")}
    assert written and not written & {FEED, BIBTEX, CSL_JSON}
    assert not [name for name in written if name.endswith((".atom", ".bib"))]
    if builder == "singlehtml":
        assert feed_links(Path(app.outdir) / "index.html") == []


NEW_ENTRY = """
@article{example2026new,
  title    = {A Paper Added Since},
  author   = {Example, Ada},
  journal  = {Journal of Later Results},
  year     = {2026},
  abstract = {New.},
}
"""


@pytest.mark.sphinx("html", testroot="feeds", srcdir="feeds-incremental")
def test_an_incremental_build_publishes_the_current_bib(
    make_app: Callable[..., SphinxTestApp], app_params: Any,
) -> None:
    bib = Path(app_params[1]["srcdir"]) / "refs.bib"

    def edit() -> None:
        text = bib.read_text("utf-8").replace("Optimization Without Tears", "Optimization, Revised")
        text = re.sub(r"@online\{example-undated,.*?\n\}\n", "", text, flags=re.S)
        bib.write_text(text + NEW_ENTRY, "utf-8")

    again = build_twice(make_app, app_params, edit)
    parsed = feed_of(again.outdir)
    assert keys_in_feed(parsed) == ["example2026new", *NEWEST_FIRST[:-1]]
    assert parsed.entries[-1].title == "Optimization, Revised"
    assert "example-undated" not in csl_items(again.outdir)
    assert csl_items(again.outdir)["example2026new"]["container-title"] == (
        "Journal of Later Results")
    refs = read_bib_text((again.outdir / BIBTEX).read_text("utf-8"))
    assert "example2026new" in refs.data.entries and "example-undated" not in refs.data.entries
    assert (again.outdir / "publications" / "example2026new.bib").is_file()


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="feeds", srcdir="feeds-unchanged")
def test_a_file_that_did_not_change_is_not_written_again(
    make_app: Callable[..., SphinxTestApp], app_params: Any,
) -> None:
    """Deploys that copy what changed (rsync, a CDN) do not see thousands of new files."""
    args, kwargs = app_params
    first = build_and_clean_up(make_app(*args, **kwargs))
    names = (FEED, BIBTEX, CSL_JSON, "publications/example2024conf.bib")
    times = {name: (first.outdir / name).stat().st_mtime_ns for name in names}
    again = make_app(*args, **kwargs)
    again.build()
    assert {name: (again.outdir / name).stat().st_mtime_ns for name in names} == times


# --- the pure conversions --------------------------------------------------------------------


def _entry(text: str) -> Entry:
    read = read_bib_text(text)
    assert problems(read) == []
    [entry] = read.data.entries.values()
    return entry


@pytest.mark.parametrize(("fields", "expected"), [
    ("year = {2024}, month = {mar}", datetime(2024, 3, 1, tzinfo=UTC)),
    ("year = {2024}", datetime(2024, 1, 1, tzinfo=UTC)),
    ("date = {2023-07-15}", datetime(2023, 7, 1, tzinfo=UTC)),  # biblatex
    ("eprint = {2405.16002}", datetime(2024, 5, 1, tzinfo=UTC)),  # arXiv's numbering
    ("year = {to appear}, eprint = {2405.16002}", None),  # a year is stated, just no date
    ("note = {no date at all}", None),
])
def test_entry_dates(fields: str, expected: datetime | None) -> None:
    assert entry_updated(_entry(f"@misc{{k, title = {{T}}, {fields}}}")) == expected


def test_entry_ids_are_stable_and_one_per_key() -> None:
    assert entry_id("Ada's site", "Key2024") == entry_id("Ada's site", "key2024")  # BibTeX
    assert entry_id("Ada's site", "key2024") != entry_id("Ada's site", "key2025")
    assert entry_id("Ada's site", "key2024") != entry_id("Bob's site", "key2024")
    assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                        r"[0-9a-f]{12}", entry_id("Ada's site", "key2024"))


@pytest.mark.parametrize("name", ["Müller, Jürgen", "M{\\\"u}ller, J{\\'e}r{\\^o}me",
                                  "von Neumann, John", "Doe, Jr, Jane", "Plato",
                                  "{World Health Organization}", "de la Fontaine, Jean"])
def test_a_name_reads_as_the_publication_list_writes_it(name: str) -> None:
    person = Person(name)
    assert display_name(csl_name(person)) == str(format_person(person))


def test_bibtex_is_written_verbatim_where_pybtex_would_escape_it_again() -> None:
    """pybtex's writer encodes LaTeX as if it were text: ``\\&`` -> ``\\\\&``, ``\\%`` a comment."""
    entry = _entry("@misc{k, title = {R\\&D at 50\\% \\emph{off}}, year = {2020},"
                   " url = {https://example.org/a_b%20c~d#e}, note = {x\x1b[2Jy}}")
    written = bibtex_entry(entry)
    again = read_bib_text(written).data.entries["k"]
    assert again.fields["title"] == "R\\&D at 50\\% \\emph{off}"
    assert again.fields["url"] == "https://example.org/a_b%20c~d#e"
    assert again.fields["note"] == "x[2Jy"  # no terminal escape in a file people cat


def test_crossref_children_stand_alone() -> None:
    bib = read_bib_text("@inproceedings{child, title = {C}, crossref = {parent}}\n"
                        "@proceedings{parent, title = {P}, booktitle = {Proc}, year = {2020}}")
    child = bib.data.entries["child"]
    written = bibtex_entry(child)
    again = read_bib_text(written)
    assert again.problems == [] and "crossref" not in written
    assert dict(again.data.entries["child"].fields) == {
        name: value for name, value in child.fields.items() if name != "crossref"}
    assert "booktitle" in again.data.entries["child"].fields  # the parent's, copied in


@pytest.mark.parametrize(("bibtex", "kind"), [
    ("@inproceedings{k, title = {T}, booktitle = {B}}", "paper-conference"),
    ("@article{k, title = {T}, journal = {J}}", "article-journal"),
    ("@article{k, title = {T}, journal = {arXiv preprint arXiv:2405.16002}}", "article"),
    ("@misc{k, title = {T}, eprint = {2405.16002}}", "article"),
    ("@phdthesis{k, title = {T}, school = {S}}", "thesis"),
    ("@thesis{k, title = {T}, type = {mathesis}, institution = {S}}", "thesis"),
    ("@book{k, title = {T}, publisher = {P}}", "book"),
    ("@incollection{k, title = {T}, booktitle = {B}}", "chapter"),
    ("@techreport{k, title = {T}, institution = {I}}", "report"),
    ("@report{k, title = {T}, institution = {I}}", "report"),
    ("@online{k, title = {T}, url = {https://example.org}}", "webpage"),
    ("@software{k, title = {T}, url = {https://example.org}}", "software"),
    ("@misc{k, title = {T}, howpublished = {Talk at a workshop}}", "document"),
    ("@unpublished{k, title = {T}, note = {Manuscript}, howpublished = {Draft}}", "manuscript"),
])
def test_csl_types(bibtex: str, kind: str) -> None:
    item = csl_item(_entry(bibtex))
    assert item["type"] == kind
    jsonschema.Draft7Validator(CSL_SCHEMA).validate([item])


# --- a no-op build leaves the files alone -----------------------------------------------------

_WRITTEN = (FEED, "refs.bib", "publications.json", "publications/example2024conf.bib")


@pytest.mark.slow  # two builds each
@pytest.mark.parametrize("missing", ["", "publications.json"])
@pytest.mark.sphinx("html", testroot="feeds", srcdir="feeds-no-op")
def test_a_no_op_build_does_not_make_the_files_again(
    make_app: Callable[..., SphinxTestApp], app_params: Any, monkeypatch: pytest.MonkeyPatch,
    missing: str,
) -> None:
    """Nothing read, nothing written: the files are not made again (at 5,000 papers the
    feed and the CSL-JSON cost seconds), unless one went missing."""
    made: list[str] = []

    def count_and_delete() -> None:
        monkeypatch.setattr(feeds, "csl_json", lambda papers: made.append("csl") or "[]")
        if missing:
            (Path(app_params.kwargs["srcdir"]) / "_build" / "html" / missing).unlink()

    again = build_twice(make_app, app_params, between=count_and_delete)
    assert "0 source files that are out of date" in again._status.getvalue()
    assert made == (["csl"] if missing else [])
    assert all((again.outdir / name).is_file() for name in _WRITTEN)


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="feeds", srcdir="feeds-new-base-url")
def test_a_changed_html_setting_makes_them_again(
    make_app: Callable[..., SphinxTestApp], app_params: Any
) -> None:
    """``html_baseurl`` reads no page again, but every page is written: so is the feed."""
    args, kwargs = app_params
    build_and_clean_up(make_app(*args, **kwargs))
    again = make_app(*args, **{**kwargs, "confoverrides": {
        "html_baseurl": "https://ada.example.org/"}})
    again.build()
    assert feed_of(again.outdir).feed.links[0].href.startswith("https://ada.example.org/")


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="feeds", srcdir="feeds-killed")
def test_a_build_killed_before_the_files_leaves_the_next_to_write_them(
    make_app: Callable[..., SphinxTestApp], app_params: Any,
) -> None:
    """A build that read and wrote the pages after a .bib edit, then died before the files
    (here: interrupted at build-finished, as a SIGKILL would leave it): the next build reads
    and writes nothing, and still publishes the edit everywhere."""
    args, kwargs = app_params
    build_and_clean_up(make_app(*args, **kwargs))
    bib = Path(kwargs["srcdir"]) / "refs.bib"
    bib.write_text(bib.read_text("utf-8").replace("Sharpness and {Edge} of Stability",
                                                  "Renamed Later"), "utf-8")
    killed = make_app(*args, **kwargs)

    def die(app: Sphinx, exception: Exception | None) -> None:
        raise KeyboardInterrupt  # not an Exception: Sphinx does not catch it

    killed.connect("build-finished", die, priority=1)  # before the files are made
    with pytest.raises(KeyboardInterrupt):
        killed.build()
    killed.cleanup()
    outdir = Path(killed.outdir)
    assert "Renamed Later" not in (outdir / "refs.bib").read_text("utf-8")  # the old files
    again = make_app(*args, **kwargs)
    again.build()
    assert "0 source files that are out of date" in again._status.getvalue()
    for name in _WRITTEN:
        assert "Renamed Later" in (outdir / name).read_text("utf-8"), name
