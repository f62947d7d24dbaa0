"""Real-world BibTeX: every readable entry renders, every mistake is one located warning."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import OWNER, PORTFOLIO, build_and_clean_up, squash, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import read_bib_files, read_bib_text

ROOT = Path(__file__).parent / "roots" / "test-bib-real-world"
_WARNING = re.compile(r"^(?P<location>\S+?): WARNING: (?P<message>.*) \[(?P<type>[\w.-]+)\]$")


def line_of(key: str) -> int:
    """The line of the last ``@type{key,`` in the root's refs.bib."""
    lines = (ROOT / "refs.bib").read_text(encoding="utf-8").splitlines()
    return max(number for number, line in enumerate(lines, 1) if re.match(rf"@\w+\{{{key},", line))


def field_line(key: str, name: str, occurrence: int = 1) -> int:
    lines = (ROOT / "refs.bib").read_text(encoding="utf-8").splitlines()
    start = line_of(key)
    found = [n for n, line in enumerate(lines, 1)
             if n > start and re.match(rf"\s*{name}\s*=", line)]
    return found[occurrence - 1]


#: (line, subtype, key) of each mistake in the root's refs.bib.
EXPECTED = {
    (line_of("good-article"), "bib-duplicate-key", "good-article"),
    (field_line("dup-field", "year", 2), "bib-duplicate-field", "dup-field"),
    (line_of("no-title"), "bib-missing-field", "no-title"),
    (line_of("no-year"), "bib-missing-field", "no-year"),
    (field_line("bad-name", "author"), "bib-name", "bad-name"),
    (field_line("open-brace", "title"), "bib-syntax", "open-brace"),
    (field_line("extra-brace", "title"), "bib-syntax", "extra-brace"),
    (field_line("early-string", "journal"), "bib-string", "early-string"),
    (line_of("bad-crossref"), "bib-crossref", "bad-crossref"),
}
RENDERED = {
    "good-article": "A Good Article on",
    "good-conference": "A Conference Paper",
    "good-online": "An Online Resource",
    "good-mvbook": "Collected Examples",
    "good-report": "A Technical Report",
    "good-thesis": "A Thesis on Examples",
    "good-patent": "A Patented Example",
    "good-dataset": "An Example Dataset",
    "good-software": "examplekit",
    "good-preprint": "A Preprint Without a Year",
    "good-proceedings": "Proceedings of the Example Workshop",
    "good-crossref": "A Workshop Paper",
    "dup-field": "Two Years",
    "no-year": "No Year At All",
    "bad-crossref": "A Crossref to Nowhere",
    "last-good": "The Last Good Entry",
}
SKIPPED = ("The Same Key Again", "Too Many Commas", "An Unclosed Brace", "An Extra Brace",
           "A String Used Too Early")

pytestmark = pytest.mark.sphinx("html", testroot="bib-real-world")
#: The tests so marked share one build of the root (see ``built``).
one_build = pytest.mark.test_params(shared_result="bib-real-world")


@pytest.fixture
def built(docs_app: SphinxTestApp) -> SphinxTestApp:
    """The root, built for the first test marked `one_build`; the others rebuild it
    incrementally (nothing to read; the .bib warnings come again)."""
    docs_app.build()
    return docs_app


def warnings(text: str) -> list[tuple[str, str, str]]:
    found = []
    for line in text.splitlines():
        match = _WARNING.match(line)
        assert match, f"unexpected output: {line}"
        found.append((match["location"], match["type"], match["message"]))
    return found


@one_build
def test_each_mistake_is_one_warning_at_its_line(built: SphinxTestApp) -> None:
    assert "Traceback" not in warnings_of(built)
    got = warnings(warnings_of(built))
    assert all(kind.startswith("portfolio.bib-") for _, kind, _ in got), got
    assert all(location.startswith("refs.bib:") for location, _, _ in got), got
    located = {(int(location.split(":")[1]), kind.removeprefix("portfolio."))
               for location, kind, _ in got}
    assert located == {(line, subtype) for line, subtype, _ in EXPECTED}
    assert len(got) == len(EXPECTED)
    for line, _, key in EXPECTED:
        message = next(message for location, _, message in got if location == f"refs.bib:{line}")
        assert f"'{key}'" in message


@one_build
def test_every_other_entry_renders(built: SphinxTestApp) -> None:
    soup = BeautifulSoup((built.outdir / "publications.html").read_text("utf-8"), "html.parser")
    entries = [squash(c.get_text(" ")) for c in soup.select(".citation")]
    for title in RENDERED.values():
        assert any(squash(title) in entry for entry in entries), title
    for title in SKIPPED:
        assert not any(squash(title) in entry for entry in entries), title
    # the set stands for its first member; the entry without a title still shows its author
    assert len(entries) == len(RENDERED) + 2


def _build_again(first: SphinxTestApp, make_app: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    """A second application on the same sources and build folder, like a second sphinx-build."""
    return build_and_clean_up(make_app("html", srcdir=first.srcdir,
                                       builddir=Path(first.outdir).parent))


@pytest.mark.slow  # two builds
@pytest.mark.sphinx(srcdir="bib-real-world-rebuilt")
def test_problems_are_reported_again_on_a_rebuild(
    docs_app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    first = build_and_clean_up(docs_app)
    assert len(warnings(warnings_of(first))) == len(EXPECTED)
    again = _build_again(first, make_app)
    assert len(warnings(warnings_of(again))) == len(EXPECTED)


@pytest.mark.slow  # two builds
@pytest.mark.sphinx(srcdir="bib-real-world-edited")
def test_an_edit_to_refs_bib_is_read_again(
    docs_app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    first = build_and_clean_up(docs_app)
    assert len(warnings(warnings_of(first))) == len(EXPECTED)
    bib = Path(first.srcdir).parent / "refs.bib"
    bib.write_text("@misc{only, title = {Only}, year = 2020}\n", encoding="utf-8")
    again = _build_again(first, make_app)
    assert warnings_of(again) == ""  # the old mistakes are gone with the old file
    soup = BeautifulSoup((again.outdir / "publications.html").read_text("utf-8"), "html.parser")
    entries = [squash(c.get_text(" ")) for c in soup.select(".citation")]
    assert len(entries) == 1 and "Only" in entries[0]
    assert (again.outdir / "publications" / "only.html").is_file()


@pytest.mark.parametrize("root", [
    pytest.param(PORTFOLIO, id="portfolio"),
    pytest.param(OWNER, id="owner", marks=pytest.mark.owner)])
def test_the_portfolio_refs_bib_is_clean(root: Path) -> None:
    """The full portfolio's .bib file (tests/roots/test-portfolio), and the owner's own."""
    bib = root / "refs.bib"
    assert read_bib_files([bib]).data.entries and read_bib_files([bib]).problems == []



# --- the reader on its own ------------------------------------------------------------------


def test_first_value_and_first_entry_win() -> None:
    checked = read_bib_text(
        "@misc{k, title = {First}, title = {Second}, year = 2020}\n"
        "@misc{K, title = {Other}, year = 2021}\n"
    )
    assert [e.fields["title"] for e in checked.data.entries.values()] == ["First"]
    assert [p.subtype for p in checked.problems] == ["bib-duplicate-field", "bib-duplicate-key"]


def test_crossref_gives_the_parent_title_as_booktitle() -> None:
    checked = read_bib_text(
        "@inproceedings{paper, title = {Paper}, author = {A, B}, crossref = {proc}}\n"
        "@proceedings{proc, title = {Proc}, year = 2019, editor = {E, D}, url = {https://x.org}}\n"
    )
    paper = checked.data.entries["paper"]
    assert paper.fields["booktitle"] == "Proc" and paper.fields["year"] == "2019"
    assert "url" not in paper.fields and [str(p) for p in paper.persons["editor"]] == ["E, D"]
    assert checked.problems == []


@pytest.mark.parametrize(
    ("authors", "reason"),
    [
        ("Song and and Yun", "stray 'and'"),
        ("Song, Minhak and", "stray 'and'"),
        ("Song and {} and Yun", "empty name"),
        ("and Song", "stray 'and'"),
        (", Minhak", "no family name"),
        ("A, B, C, D", "too many commas"),
    ],
)
def test_malformed_names(authors: str, reason: str) -> None:
    checked = read_bib_text(f"@misc{{k,\n title = {{T}},\n author = {{{authors}}}, year = 2020}}")
    assert not checked.data.entries
    [problem] = checked.problems
    assert (problem.line, problem.subtype) == (3, "bib-name")
    assert reason in problem.message


def test_an_undefined_string_is_named() -> None:
    [problem] = read_bib_text("@misc{k, title = {T}, journal = nope, year = 2020}").problems
    assert problem.subtype == "bib-string" and "'nope' is not a defined @string" in problem.message


def test_an_at_sign_in_a_comment_line_does_not_start_an_entry() -> None:
    checked = read_bib_text("% mail me@example.org\n@misc{k, title = {T}, year = 2020}\n")
    assert list(checked.data.entries) == ["k"] and checked.problems == []


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read"),  # the configured file does not exist
    ("", None),             # a new, empty refs.bib: nothing to say
])
def test_missing_or_empty_bib_file(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, content: str | None,
    message: str | None,
) -> None:
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_portfolio"]\nbibtex_bibfiles = ["refs.bib"]\n', encoding="utf-8"
    )
    (tmp_path / "index.md").write_text("# Empty\n", encoding="utf-8")
    if content is not None:
        (tmp_path / "refs.bib").write_text(content, encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)  # a project of its own, not a test root
    app.build()
    lines = [line for line in warnings_of(app).splitlines() if line]
    if message is None:
        assert lines == []
    else:
        assert len(lines) == 1 and message in lines[0]
        assert "refs.bib:1: WARNING" in lines[0] and "[portfolio.bib-file]" in lines[0]
