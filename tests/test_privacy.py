"""Accessible, valid and private markup (``sphinx_portfolio.web.privacy``), on the real site
and on a small root (``tests/roots/test-privacy``) under every HTML builder:

* no e-mail address in the web output, in any spelling a harvester decodes (HTML entities,
  %-escapes, JSON escapes), while each page still offers a way to write, and the PDF and
  the other writers keep the real address and its link;
* bibliography entries as a valid ARIA list (no ``doc-biblioentry``; ``role="list"`` holds
  only list items);
* an icon linked from every page, whose file is in the output;
* no id twice on a page.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import zlib
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import PORTFOLIO, Site, quick_first, soup_of, warnings_of
from pypdf import PdfReader
from ruamel.yaml import YAML
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.web.privacy import favicon, mailto

ROOT_ADDRESSES = ("ada@example.org", "lab.office@example.org", "ada.lovelace@example.org")
SCRIPT = Path(mailto.__file__).parent.parent / "static" / mailto.SCRIPT


def _owner_address() -> str:
    profile = YAML(typ="safe").load(PORTFOLIO / "docs" / "_data" / "profile.yaml")
    return str(profile["email"])


def _readings(text: str) -> set[str]:
    """``text`` as a harvester may read it: as is, without tags, with HTML entities,
    %-escapes and JSON ``\\uXXXX`` escapes decoded, each also after another (``&#37;40`` is
    ``%40`` is ``@``)."""
    def json_unescaped(value: str) -> str:
        return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), value)

    def untagged(value: str) -> str:
        return re.sub(r"<[^<>]*>", "", value)

    readings = {text}
    for _ in range(2):
        readings |= {decode(reading) for reading in readings
                     for decode in (untagged, html.unescape, unquote, json_unescaped)}
    return readings


def _holds(data: bytes, address: str) -> bool:
    text = data.decode("utf-8", errors="replace").lower()
    return any(address.lower() in reading for reading in _readings(text))


def _web_files(outdir: Path) -> list[Path]:
    """Every file a visitor can fetch but the PDF CV (which keeps the address on purpose)."""
    return sorted(path for path in outdir.rglob("*") if path.is_file() and path.suffix != ".pdf")


def _contents(path: Path) -> bytes:
    """A file's bytes; Sphinx's inventory (objects.inv) past its header is zlib-compressed."""
    data = path.read_bytes()
    if path.name == "objects.inv":
        *header, compressed = data.split(b"\n", 4)
        return b"\n".join([*header, zlib.decompress(compressed)])
    return data


def _pages(outdir: Path) -> list[Path]:
    pages = sorted([*outdir.rglob("*.html"), *outdir.rglob("*.xhtml")])
    assert pages, outdir
    return pages


def _role_problems(soup: BeautifulSoup) -> list[str]:
    """``doc-biblioentry`` roles, and ``role="list"`` elements with other element children."""
    found = [f"<{tag.name} id={tag.get('id')}> doc-biblioentry"
             for tag in soup.select('[role="doc-biblioentry"]')]
    for listing in soup.select('[role="list"]'):
        for child in listing.find_all(True, recursive=False):
            if child.get("role") != "listitem" and child.name != "li":
                found.append(f"<{child.name} class={child.get('class')}> in a role=list")
    return found


def _role_of(tag: Tag | None) -> str:
    return str(tag.get("role", "")) if tag is not None else ""


def _icon_problems(page: Path, outdir: Path) -> list[str]:
    """No ``<link rel="icon">`` in the head, or one whose file is not in the output."""
    head = soup_of(page).head
    assert head is not None
    icons = [link for link in head.find_all("link")
             if "icon" in [rel.lower() for rel in link.get("rel") or ()]]
    if not icons:
        return [f"{page.relative_to(outdir)}: no icon link"]
    problems = []
    for icon in icons:
        url = urlsplit(str(icon["href"]))  # the path, without Sphinx's "?v=" cache buster
        if url.scheme or url.netloc:
            continue  # html_favicon may be a URL
        if url.path.startswith("/"):
            # from the site's root (the 404 page's links, which work from any folder), maybe
            # under a path prefix (a project site's /repo/): the file is one of its tails
            parts = Path(url.path).parts[1:]
            found = any(outdir.joinpath(*parts[i:]).is_file() for i in range(len(parts)))
        else:
            found = Path(unquote(urljoin(page.as_uri(), url.path).removeprefix("file://"))).is_file()
        if not found:
            problems.append(f"{page.relative_to(outdir)}: {icon['href']} is no file")
    return problems


def _duplicate_ids(soup: BeautifulSoup) -> dict[str, int]:
    counts = Counter(str(tag["id"]) for tag in soup.find_all(id=True))
    return {name: count for name, count in counts.items() if count > 1}


def _page_source(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _scripts(soup: BeautifulSoup) -> list[str]:
    return [str(script["src"]) for script in soup.find_all("script", src=True)]


# --- the checks themselves can fail ------------------------------------------------------------

def test_the_address_check_sees_through_sphinx_s_own_cloaking() -> None:
    # What docutils' cloak_email_addresses wrote on the home page before this change.
    cloaked = (b'<a href="mailto:minhaksong&#37;&#52;&#48;kaist&#46;ac&#46;kr">minhaksong'
               b"<span>&#64;</span>kaist<span>&#46;</span>ac<span>&#46;</span>kr</a>")
    assert _holds(cloaked, "minhaksong@kaist.ac.kr")
    assert _holds(cloaked.split(b">", 1)[1], "minhaksong@kaist.ac.kr")  # its text alone
    assert _holds(b'{"email": "ada\\u0040example.org"}', "ada@example.org")
    assert _holds(b"mailto:ada%40example.org", "ADA@example.org")
    assert not _holds(b"ada [at] example [dot] org", "ada@example.org")


def test_the_role_and_id_checks_see_docutils_own_markup() -> None:
    soup = BeautifulSoup('<div class="citation-list" role="list"><div class="citation" '
                         'id="a" role="doc-biblioentry"><a id="a">1</a></div></div>',
                         "html.parser")
    assert len(_role_problems(soup)) == 2  # the deprecated role, and no list item
    assert _duplicate_ids(soup) == {"a": 2}


# --- the real site -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def outdir(site: Site) -> Path:
    return Path(site.html.outdir)


def test_the_owner_address_is_in_no_file_of_the_web_output(outdir: Path) -> None:
    address = _owner_address()
    files = _web_files(outdir)
    assert {"index.html", "searchindex.js", "objects.inv"} <= {path.name for path in files}
    assert [str(path.relative_to(outdir)) for path in files
            if _holds(_contents(path), address)] == []


def test_the_home_page_still_offers_a_way_to_write(outdir: Path) -> None:
    soup = _page_source(outdir / "index.html")
    shown = soup.select(".portfolio-contact .portfolio-email .portfolio-email-address")
    assert [tag.get_text() for tag in shown] == ["minhaksong [at] kaist [dot] ac [dot] kr"]
    loaded = [src for src in _scripts(soup) if mailto.SCRIPT in src]
    assert len(loaded) == 1 and loaded[0].startswith(f"_static/{mailto.SCRIPT}")
    assert (outdir / "_static" / mailto.SCRIPT).read_bytes() == SCRIPT.read_bytes()


def test_the_pdf_keeps_the_real_address_and_its_link(site: Site) -> None:
    reader = PdfReader(site.cv)
    uris = {str(annotation.get_object()["/A"]["/URI"])
            for page in reader.pages for annotation in page.get("/Annots", [])
            if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]}
    assert f"mailto:{_owner_address()}" in uris
    assert _owner_address() in (reader.pages[0].extract_text() or "")


def test_no_deprecated_role_and_lists_hold_list_items(outdir: Path) -> None:
    problems = {str(page.relative_to(outdir)): _role_problems(soup_of(page))
                for page in _pages(outdir)}
    assert {page: found for page, found in problems.items() if found} == {}
    # not a vacuous pass: the publications are listed, as list items of a list
    entries = soup_of(outdir / "publications.html").select("div.citation")
    assert len(entries) >= 5 and {entry.get("role") for entry in entries} == {"listitem"}
    assert {_role_of(entry.parent) for entry in entries} == {"list"}


def test_every_page_links_an_icon_that_is_in_the_output(outdir: Path) -> None:
    problems = [problem for page in _pages(outdir) for problem in _icon_problems(page, outdir)]
    assert problems == []
    assert (outdir / "_static" / favicon.DEFAULT_FAVICON.name).is_file()


def test_no_id_twice_on_a_page(outdir: Path) -> None:
    duplicates = {str(page.relative_to(outdir)): _duplicate_ids(soup_of(page))
                  for page in _pages(outdir)}
    assert {page: ids for page, ids in duplicates.items() if ids} == {}


# --- a small root, under every HTML builder ----------------------------------------------------

def _by_builder(*builders: str) -> list[Any]:
    return [pytest.param(builder, id=builder, marks=pytest.mark.sphinx(
        builder, testroot="privacy", srcdir=f"privacy-{builder}")) for builder in builders]


@pytest.mark.parametrize(
    "builder", quick_first(_by_builder("html", "dirhtml", "singlehtml", "epub")))
def test_every_html_builder_hides_addresses_and_writes_valid_lists(
    app: SphinxTestApp, builder: str,
) -> None:
    app.build()
    assert warnings_of(app) == ""
    outdir = Path(app.outdir)
    leaks = [(str(path.relative_to(outdir)), address) for path in _web_files(outdir)
             for address in ROOT_ADDRESSES if _holds(_contents(path), address)]
    assert leaks == []
    pages = _pages(outdir)
    roles = {str(page.relative_to(outdir)): _role_problems(soup_of(page)) for page in pages}
    assert {page: found for page, found in roles.items() if found} == {}
    assert sum(len(soup_of(page).select('[role="listitem"]')) for page in pages) == 2
    shown = sorted(tag.get_text() for page in pages
                   for tag in _page_source(page).select(".portfolio-email-address"))
    assert shown == ["ada [at] example [dot] org", "ada [dot] lovelace [at] example [dot] org",
                     "lab [dot] office [at] example [dot] org"]
    if builder != "epub":  # e-book readers show no favicon; Sphinx's epub links none
        assert [problem for page in pages for problem in _icon_problems(page, outdir)] == []


@pytest.mark.sphinx("html", testroot="privacy", srcdir="privacy-labels")
def test_labels_text_around_and_code_stay(app: SphinxTestApp) -> None:
    app.build()
    soup = _page_source(Path(app.outdir) / "index.html")
    assert [tag.get_text() for tag in soup.select("span.portfolio-email")] == [
        "ada [at] example [dot] org",
        "the lab office (lab [dot] office [at] example [dot] org)",
        "ada [dot] lovelace [at] example [dot] org",
    ]
    # the text around an address written in a sentence is kept, punctuation included
    assert "or to\nada [dot] lovelace [at] example [dot] org, about" in soup.get_text()
    # in an http link's label, an address is text: no link in a link once the script runs
    web = soup.find("a", href="https://example.org/ada")
    assert web is not None and web.get_text() == "ada [at] example [dot] org on the web"
    assert not soup.select("a .portfolio-email")
    # code is shown as written (not one of the addresses checked above)
    code = soup.find("code")
    assert code is not None and code.get_text() == "git clone git@example.com:ada/site.git"
    # sphinxcontrib-bibtex's footnotes are another node: as docutils writes them
    assert soup.select('aside.footnote[role="doc-footnote"]')


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="privacy", srcdir="privacy-script")
def test_only_pages_that_show_an_address_load_the_script(app: SphinxTestApp) -> None:
    app.build()
    outdir = Path(app.outdir)
    loading = {page.name for page in _pages(outdir)
               if any(mailto.SCRIPT in src for src in _scripts(_page_source(page)))}
    assert loading == {"index.html"}
    script = _page_source(outdir / "index.html").find("script", src=re.compile(mailto.SCRIPT))
    assert script is not None and script.has_attr("defer")
    assert (outdir / "_static" / mailto.SCRIPT).is_file()


@pytest.mark.sphinx("text", testroot="privacy", srcdir="privacy-text")
def test_other_writers_keep_the_real_addresses(app: SphinxTestApp) -> None:
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text("utf-8")
    # the text writer shows a link's label, not its URL: the lab's address is not shown
    assert "ada@example.org" in text and "ada.lovelace@example.org" in text
    assert "[at]" not in text


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="privacy", srcdir="privacy-own-icon",
                    confoverrides={"html_favicon": "icon-of-its-own.svg"})
def test_the_site_s_own_icon_wins(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    outdir = Path(app.outdir)
    head = soup_of(outdir / "index.html").head
    assert head is not None
    icons = [str(link["href"]) for link in head.find_all("link") if "icon" in link["rel"]]
    assert icons == ["_static/icon-of-its-own.svg"]
    assert _icon_problems(outdir / "index.html", outdir) == []


# --- the script reads back what Python wrote ---------------------------------------------------

# The script run on a stand-in for the page: one written address, a link made of it.
_FAKE_PAGE = """
const fs = require("fs"), vm = require("vm");
const [script, written] = process.argv.slice(1);
const handlers = {}, address = {textContent: written};
const link = {
  className: "", href: null,
  appendChild(child) { shown.firstChild = null; },
  addEventListener(kind, handler) { handlers[kind] = handler; },
  querySelector(selector) { return selector === ".portfolio-email-address" ? address : null; },
};
const shown = {className: "portfolio-email", firstChild: address,
               replaceWith(node) { shown.replacedBy = node; }};
const document = {
  createElement(tag) { link.tag = tag; return link; },
  querySelectorAll(selector) { return selector === "span.portfolio-email" ? [shown] : []; },
};
vm.runInNewContext(fs.readFileSync(script, "utf8"), {document});
const before = link.href;
const after = Object.fromEntries(Object.entries(handlers).map(
  ([kind, handler]) => { link.href = "#"; handler(); return [kind, link.href]; }));
console.log(JSON.stringify({tag: link.tag, replaced: shown.replacedBy === link,
                            className: link.className, before, after}));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the script")
@pytest.mark.parametrize("address", ["ada@example.org", "first.last+tag@mail.sub.example.org"])
def test_the_script_links_the_address_only_when_used(address: str) -> None:
    result = subprocess.run(["node", "-e", _FAKE_PAGE, str(SCRIPT), mailto.written(address)],
                            capture_output=True, text=True, check=True, timeout=60)
    seen = json.loads(result.stdout)
    assert seen["tag"] == "a" and seen["replaced"]
    assert "portfolio-email" in seen["className"].split()
    assert seen["before"] == "#"  # no address in the page until the link is used
    assert seen["after"] == {kind: f"mailto:{address}"
                             for kind in ("pointerenter", "focus", "click")}
