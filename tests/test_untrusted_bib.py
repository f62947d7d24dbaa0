"""Untrusted BibTeX (publishers, Google Scholar, co-authors, pull requests): whatever one entry
holds, the build finishes quickly, says what is wrong at its line, and the other entries render.

Each case puts one hostile piece of BibTeX between the two good entries of the root
``test-untrusted-bib`` and builds it: the web site under each theme of ``helpers.THEMES``, whose
pages must hold nothing that runs (``helpers.assert_inert``), and for some cases the PDF. The
bounds themselves are in ``bib/reader.py``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import assert_inert, by_theme, pdf_text, pdfs, quick_first, squash, warnings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import entry_links, equal_contribution_positions, read_bib_text
from sphinx_portfolio.bib.reader import MAX_ENTRIES, MAX_FILE_BYTES

#: What the root's refs.bib holds outside the hostile part: both must always render.
GOOD = ("The First Good Paper", "The Last Good Paper")
#: A build of this small root takes about a second; a hostile entry must not make it slow.
BUILD_SECONDS = 20
_WARNING = re.compile(
    r"^(?P<path>\S+?):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<type>[\w.-]+)\]$")

pytestmark = pytest.mark.sphinx("html", testroot="untrusted-bib")


@dataclass(frozen=True)
class Case:
    """One hostile piece of BibTeX and what the build must say about it."""

    hostile: bytes
    #: (a text on the warning's line, or a line number; subtype; part of the message)
    warnings: list[tuple[bytes | int, str, str]]
    rendered: tuple[str, ...] = ()  # titles from the hostile part that still render
    left_out: tuple[str, ...] = ()  # titles that must not
    good: tuple[str, ...] = GOOD
    extra: dict[str, Any] = field(default_factory=dict)


def _doubling() -> bytes:
    # Each @string twice the one before: 2 ** 30 copies at the end, unless bounded.
    strings = "".join(f"@string{{s{i} = s{i - 1} # s{i - 1}}}\n" for i in range(1, 31))
    return (
        "@string{s0 = {ab}}\n" + strings
        + "@article{doubled,\n  title = {Doubled Strings},\n  author = {Example, Ada},\n"
        "  journal = s30,\n  year = {2020},\n}\n"
    ).encode()


def _big_file() -> bytes:
    # Past MAX_FILE_BYTES in all: lines of @comment, each a command the cut can stop before.
    line = b"@comment{" + b"x" * 90 + b"}\n"
    return line * (MAX_FILE_BYTES // len(line) + 1000)


CASES: dict[str, Case] = {
    "crossref-self": Case(
        b"@misc{self-loop,\n  title = {A Self Loop},\n  year = {2020},\n"
        b"  crossref = {self-loop},\n}\n",
        [(b"@misc{self-loop", "bib-crossref", "crossref 'self-loop' leads back to the entry")],
        rendered=("A Self Loop",),
    ),
    "crossref-cycle": Case(
        b"@misc{loop-a,\n  title = {Loop A},\n  year = {2020},\n  crossref = {loop-b},\n}\n"
        b"@misc{loop-b,\n  title = {Loop B},\n  year = {2021},\n  crossref = {loop-a},\n}\n",
        [(b"@misc{loop-a", "bib-crossref", "('loop-a' -> 'loop-b' -> 'loop-a')"),
         (b"@misc{loop-b", "bib-crossref", "('loop-b' -> 'loop-a' -> 'loop-b')")],
        rendered=("Loop A", "Loop B"),
    ),
    "entryset-cycle": Case(
        b"@set{set-loop,\n  entryset = {set-loop, good-first},\n}\n",
        [(b"@set{set-loop", "bib-crossref", "entryset 'set-loop' leads back to the entry"),
         (b"@set{set-loop", "bib-missing-field", "'set-loop' has no title")],
    ),
    "author-an-digits": Case(
        b"@misc{equal,\n  title = {Equal Authors},\n  author = {Example, Ada and Sample, Bob},\n"
        b"  author+an = {" + b"9" * 5000 + b"=equal; 2=equal},\n  year = {2020},\n}\n",
        [(b"author+an", "bib-name", "(5,000 digits) is not one of the 2 authors")],
        rendered=("Equal Authors",),
    ),
    "string-doubling": Case(
        _doubling(),
        [(b"@string{s13 ", "bib-size", "@string 's13' is 16,384 characters long"),
         (b"journal = s30", "bib-size", "field 'journal' uses an @string past the limit")],
        rendered=("Doubled Strings",),
    ),
    "long-abstract": Case(
        b"@misc{long-abstract,\n  title = {A Long Abstract},\n  year = {2020},\n"
        b"  abstract = {" + b"word " * 4000 + b"},\n}\n",
        [(b"abstract = {", "bib-size", "field 'abstract' is 20,000 characters long")],
        rendered=("A Long Abstract",),
    ),
    "huge-title": Case(
        b"@misc{huge-title,\n  title = {" + b"Huge " * 40_000 + b"},\n  year = {2020},\n}\n",
        [(b"@misc{huge-title", "bib-size", "'huge-title' is not closed within 64,000")],
        left_out=("Huge Huge",),
    ),
    "big-file": Case(
        _big_file(),
        [(0, "bib-size", "larger than 8 MB, the limit: the entries from this line on")],
        good=GOOD[:1],  # what comes after the limit is left out, the last good entry too
        left_out=GOOD[1:],
    ),
    "links": Case(
        b"@misc{bad-links,\n  title = {Bad Links},\n  year = {2020},\n"
        b"  url = {javascript:alert(1)},\n  pdf = {data:text/html,<script>x</script>},\n"
        b"  code = {file:///etc/passwd},\n  slides = {//evil.example/x},\n"
        b"  video = {https://example.org/a b},\n  poster = {https://example.org/poster},\n}\n",
        [(b"javascript:", "bib-url", "the url link 'javascript:alert(1)' is not an http(s)"),
         (b"data:text", "bib-url", "the pdf link 'data:text/html"),
         (b"file:///", "bib-url", "the code link 'file:///etc/passwd'"),
         (b"//evil", "bib-url", "the slides link '//evil.example/x'"),
         (b"a b}", "bib-url", "the video link 'https://example.org/a b'")],
        rendered=("Bad Links",),
    ),
    "encoding": Case(
        b"@misc{latin,\n  title = {Caf\xe9 Society},\n  year = {2020},\n}\n",
        [(b"Caf\xe9", "bib-encoding", "byte 0xe9 is not utf-8-sig text")],
        rendered=("Caf\ufffd Society",),
    ),
    "string-name": Case(
        b"@string{journalname = {Journal of {Examples}\n\n"
        b"@misc{after-string,\n  title = {After a Bad String},\n  year = {2020},\n}\n",
        [(b"@string{journalname", "bib-syntax", "@string 'journalname': unbalanced braces")],
        rendered=("After a Bad String",),
    ),
}
#: The cases that make the PDF slow if unbounded: built with cvpdf as well.
PDF_CASES = ("long-abstract", "huge-title", "string-doubling")


def _line_of(data: bytes, where: bytes | int) -> int:
    if isinstance(where, int):
        return where
    return data[: data.index(where)].count(b"\n") + 1


def _big_file_cut_line(data: bytes) -> int:
    """The line of the last entry starting within MAX_FILE_BYTES: the cut is made before it."""
    return data[: data[:MAX_FILE_BYTES].rindex(b"\n@") + 1].count(b"\n") + 1


def _build(name: str, builder: str, app_params: Any,
           make_app: Callable[..., SphinxTestApp]) -> tuple[SphinxTestApp, bytes, float]:
    case = CASES[name]
    _, kwargs = app_params
    bib = Path(kwargs["srcdir"]) / "refs.bib"
    data = bib.read_bytes().replace(b"%% HOSTILE %%\n", case.hostile)
    bib.write_bytes(data)
    app = make_app(builder, **{**kwargs, "srcdir": Path(kwargs["srcdir"]) / "docs"})
    start = time.perf_counter()
    app.build()
    return app, data, time.perf_counter() - start


def _check_warnings(app: SphinxTestApp, name: str, data: bytes) -> None:
    text = warnings_of(app)
    assert "Traceback" not in text and "Exception" not in text, text
    got = []
    for line in text.splitlines():
        match = _WARNING.match(line)
        assert match, f"unexpected output: {line}"
        assert match["path"].endswith("refs.bib"), line
        got.append((int(match["line"]), match["type"], match["message"]))
    expected = []
    for where, subtype, message in CASES[name].warnings:
        line = _big_file_cut_line(data) if name == "big-file" else _line_of(data, where)
        expected.append((line, f"portfolio.{subtype}"))
        assert any(
            (got_line, got_type) == (line, f"portfolio.{subtype}") and message in got_message
            for got_line, got_type, got_message in got
        ), (line, subtype, message, got)
    assert sorted((line, kind) for line, kind, _ in got) == sorted(expected), got


def _citations(app: SphinxTestApp) -> list[str]:
    soup = BeautifulSoup((app.outdir / "publications.html").read_text("utf-8"), "html.parser")
    return [squash(citation.get_text(" ")) for citation in soup.select(".citation")]


@pytest.mark.parametrize(("name", "theme"), quick_first([
    param for name in CASES for param in by_theme(name, srcdir=f"untrusted-bib-{name}", id=name)
], quick=4))  # the first two cases (under furo) in the quick suite
def test_hostile_entry_is_one_located_warning(
    name: str, theme: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    app, data, seconds = _build(name, "html", app_params, make_app)
    assert seconds < BUILD_SECONDS
    _check_warnings(app, name, data)
    assert_inert(app.outdir)
    case = CASES[name]
    citations = _citations(app)
    for title in (*case.good, *case.rendered):
        assert any(squash(title) in citation for citation in citations), (title, citations)
    for title in case.left_out:
        assert not any(squash(title) in citation for citation in citations), title


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.sphinx("cvpdf", srcdir=f"untrusted-bib-pdf-{name}"))
    for name in PDF_CASES
])
def test_hostile_entry_leaves_the_pdf_quick(
    name: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    app, data, seconds = _build(name, "cvpdf", app_params, make_app)
    assert seconds < BUILD_SECONDS
    _check_warnings(app, name, data)
    pdf = pdfs(app)[0]
    text = squash(pdf_text(pdf))
    for title in (*CASES[name].good, *CASES[name].rendered):
        assert squash(title) in text, title


@pytest.mark.parametrize("theme", by_theme(srcdir="untrusted-bib-links-html"))
def test_no_rejected_link_reaches_the_pages(
    theme: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    app, _, _ = _build("links", "html", app_params, make_app)
    assert_inert(app.outdir)
    pages = [app.outdir / "publications.html", *sorted((app.outdir / "publications").glob("*"))]
    links = []
    for page in pages:  # the BibTeX shown on a paper's page has them, as inert text
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        links += [str(tag.get(name)) for tag in soup.find_all(True) for name in ("href", "src")
                  if tag.get(name)]
    for scheme in ("javascript:", "data:", "file:", "//evil.example", "a b"):
        assert not any(scheme in link for link in links), scheme
    assert "https://example.org/poster" in (app.outdir / "publications.html").read_text("utf-8")


# --- the reader on its own ------------------------------------------------------------------


@pytest.mark.slow  # reads and checks one more entry than the bound allows
def test_entries_past_the_limit_are_left_out_with_one_warning() -> None:
    entry = "@misc{{k{0}, title = {{T{0}}}, year = 2020}}\n"
    text = "".join(entry.format(i) for i in range(MAX_ENTRIES + 3))
    checked = read_bib_text(text)
    assert len(checked.data.entries) == MAX_ENTRIES
    [problem] = checked.problems
    assert (problem.line, problem.subtype) == (MAX_ENTRIES + 1, "bib-size")


@pytest.mark.slow  # reads 7.5 MB of BibTeX
def test_the_bounds_leave_a_large_real_bibliography_whole() -> None:
    # 5,000 entries of 1.5 KB, abstracts included: 7.5 MB, under every bound.
    abstract = "We study the dynamics of gradient descent near the edge of stability. " * 19
    entry = ("@inproceedings{{key{0},\n  title = {{A Study of Example {0}}},\n"
             "  author = {{Example, Ada and Sample, Bob}},\n  booktitle = {{ICLR}},\n"
             "  year = {{2020}},\n  url = {{https://example.org/{0}}},\n"
             f"  abstract = {{{{{abstract}}}}},\n}}}}\n\n")
    text = "".join(entry.format(i) for i in range(5000))
    assert 7_000_000 < len(text) < MAX_FILE_BYTES
    start = time.perf_counter()
    checked = read_bib_text(text)
    assert time.perf_counter() - start < 10  # about 1.5 s; before the bounds about 5 s
    assert len(checked.data.entries) == 5000 and checked.problems == []


def test_equal_contribution_ignores_impossible_positions() -> None:
    checked = read_bib_text(
        "@misc{k, title = {T}, year = 2020, author = {A, B and C, D},\n"
        " author+an = {" + "1" * 5000 + "=equal; 0=equal; 3=equal; 2=equal}}"
    )
    assert equal_contribution_positions(checked.data.entries["k"]) == {1}
    assert [p.line for p in checked.problems] == [2, 2, 2]


def test_links_keep_only_http() -> None:
    checked = read_bib_text("@misc{k, title = {T}, year = 2020, url = {ftp://x.org/a},"
                            " pdf = {https://x.org/a.pdf}}")
    assert entry_links(checked.data.entries["k"]) == [("PDF", "https://x.org/a.pdf")]
    assert [p.subtype for p in checked.problems] == ["bib-url"]


# A small BibTeX-like alphabet, so that random text often is almost BibTeX.
_PIECES = st.sampled_from([
    "@", "@misc{", "@string{", "@set{", "@preamble{", "@comment{", "{", "}", "(", ")", '"',
    ",", "=", "#", "%", "\n", " ", "\\", "$", "k", "a1", "title", "year", "author",
    "crossref", "entryset", "url", "author+an", "1=equal", "and", "9" * 50, "jan",
    "javascript:", "https://x.org", "\ufffd", "\udc80", "é", "\r\n", "\r",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=80).map("".join))
def test_any_text_gives_entries_and_located_problems(text: str) -> None:
    checked = read_bib_text(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1  # a lone CR too
    for problem in checked.problems:
        assert 1 <= problem.line <= lines, (problem, text)
    for key in checked.data.entries:
        assert checked.lines[key.lower()][1] >= 1
