"""The PDF CV as Typst makes it: in the HTML build, tagged and standard, reproducible, written
again only when its sources change, and safe from the text it is made of."""

from __future__ import annotations

import itertools
import re
import shutil
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    NOTO_CJK,
    PORTFOLIO,
    REPO,
    Site,
    pdf_text,
    pdfs,
    require_cjk_font,
    squash,
    warnings_of,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.pdf.syntax import typst_string, typst_text
from sphinx_portfolio.pdf.typeset import Sealed, Typesetter

pytestmark = pytest.mark.slow  # takes seconds: left out of the quick suite (-m "not slow")

#: Debian's fonts-noto-cjk (installed by .ci/run): a font that draws Korean and Chinese.


def _xmp(path: Path) -> str:
    reader = PdfReader(path)
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


# -- the real CV: standards, metadata, fonts --------------------------------------------------


def test_tagged_pdf_ua_1_and_pdf_a_2b(site: Site) -> None:
    reader = PdfReader(site.cv)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])  # "Tagged: yes"
    assert "/StructTreeRoot" in root  # headings, lists, links in a structure tree
    xmp = _xmp(site.cv)
    assert re.search(r"pdfuaid:part[^0-9]{1,3}1", xmp), xmp
    assert re.search(r"pdfaid:part[^0-9]{1,3}2", xmp)
    assert re.search(r"pdfaid:conformance[^A-Z]{1,3}B", xmp)


def test_headings_nest_without_gaps(site: Site) -> None:
    """The name is the title (H1 is each section, H2 its subsections): no level skipped."""
    reader = PdfReader(site.cv)
    kinds: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                kinds.append(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    levels = [int(kind[2:]) for kind in kinds if re.fullmatch(r"/H\d", kind)]
    assert levels and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert "/Title" in kinds and "/L" in kinds and "/Link" in kinds


def test_every_font_embedded_and_subset(site: Site) -> None:
    reader = PdfReader(site.cv)
    names = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert names
    for name in names:  # a subset's name starts with six capitals and "+"
        assert re.fullmatch(r"/[A-Z]{6}\+\S+", name), name
    assert site.cv.stat().st_size < 150_000  # subset: not whole font files


def test_copied_text_is_clean(site: Site) -> None:
    text = pdf_text(site.cv)
    assert "\N{SOFT HYPHEN}" not in text
    assert [c for c in text if 0xFB00 <= ord(c) <= 0xFB06] == []
    # no word broken at a line end by hyphenation ("opti-" / "mization"): a line may end
    # only at a hyphen the sources have ("e-" / "commerce")
    sources = " ".join(path.read_text("utf-8") for path in (PORTFOLIO / "docs").rglob("*.*")
                       if path.suffix in {".md", ".yaml"})
    for before, after in re.findall(r"(\w+)-\n(\w+)", text):
        assert f"{before}-{after}" in sources, (before, after)


def test_the_pdf_is_linked_from_every_page(site: Site) -> None:
    outdir = Path(site.html.outdir)
    for page in ("index.html", "publications.html", "publications/song2025sgd.html"):
        html = (outdir / page).read_text("utf-8")
        assert re.search(r'href="(\.\./)?Minhak_Song_CV\.pdf"', html), page


# -- one build, written again only when needed ------------------------------------------------


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-reproducible")
def test_same_sources_same_bytes_and_no_op_builds_keep_the_file(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], tmp_path: Path,
) -> None:
    app.build()
    first = pdfs(app)[0]
    written = first.read_bytes()
    stamp = first.stat().st_mtime_ns
    assert PdfReader(first).metadata.creation_date.year == 1970  # no SOURCE_DATE_EPOCH
    # another build from scratch, elsewhere: the same bytes
    other = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "again")
    other.build()
    assert pdfs(other)[0].read_bytes() == written
    other.cleanup()
    # nothing changed: the file stays as it is
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert first.stat().st_mtime_ns == stamp
    again.cleanup()
    # an edit to a page of the CV: written again, with the edit
    projects = Path(app.srcdir, "publications.md")
    projects.write_text(projects.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")
    edited = make_app("html", srcdir=app.srcdir)
    edited.build()
    assert "Asentenceaddedlater." in squash(pdf_text(first))
    edited.cleanup()


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-deleted")
def test_a_deleted_or_interrupted_pdf_is_written_again(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp],
) -> None:
    app.build()
    first = pdfs(app)[0]
    first.unlink()
    (Path(app.doctreedir) / "portfolio-pdf-keys.json").write_text("{trunc", "utf-8")
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert first.is_file() and "AdaExample" in squash(pdf_text(first))


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-source-date")
def test_source_date_epoch_dates_the_pdf(app: SphinxTestApp,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    app.build()
    created = PdfReader(pdfs(app)[0]).metadata.creation_date
    assert (created.year, created.month, created.day) == (2026, 1, 1)


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-off",
                    confoverrides={"portfolio_pdf": False})
def test_the_pdf_can_be_left_to_the_cvpdf_builder(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    assert pdfs(app) == []


# -- untrusted text never becomes Typst code --------------------------------------------------


@pytest.mark.sphinx("html", testroot="pdf-hostile", srcdir="pdf-hostile")
def test_hostile_text_is_printed_as_it_is(app: SphinxTestApp) -> None:
    started = time.perf_counter()
    app.build()
    assert time.perf_counter() - started < 30  # bounded: nothing runs, nothing is fetched
    assert warnings_of(app) == ""
    text = squash(pdf_text(pdfs(app)[0]))
    # a YAML value: every Typst mark, printed (quotes made typographic by docutils, as on
    # the web)
    assert squash('#panic("x") #read("/etc/passwd") #import "@preview/cetz:0.3.0" $x$ \\ '
                  "<lbl> @lbl ] ` // /* * _") in text
    assert squash("= a heading? - a list? + an enum?") in text
    assert squash('Researcher #panic("profile")') in text
    # BibTeX: an author, a title, a venue
    assert squash('#panic("author") Jones') in text
    assert squash("Closing ] brackets, // comments, /* blocks, <lbl> labels, @lbl refs, * and "
                  "_ and `raw`") in text
    assert squash('Journal of #read("/etc/passwd") Studies') in text
    # a page's paragraph, and a line that is a heading in Typst
    assert squash('#panic("x") and #read("/etc/passwd") and #import "@preview/cetz:0.3.0"') \
        in text
    assert squash('@lbl and ] and // and /* and #eval("1")') in text
    assert squash("= not a heading") in text
    assert "root:x:0" not in text  # /etc/passwd was never read


#: What Libertinus Serif draws, but combining marks: a mark that no letter takes in
#: (n + U+0308) is copied out of a PDF twice, by every reader (composable ones are composed).
_PRINTABLE = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"),
                           exclude_characters="\N{NO-BREAK SPACE}",
                           max_codepoint=0x24F).filter(
                               lambda c: not unicodedata.category(c).startswith("M"))


@pytest.fixture(scope="module")
def typesetter() -> Any:
    design = '#let cv(meta, body) = { set document(title: "t"); set text(lang: "en"); body }'
    with Typesetter(Sealed.make(design, [], 0)) as typesetter:
        yield typesetter


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(text=st.text(_PRINTABLE, min_size=1, max_size=60))
def test_any_text_comes_out_as_it_went_in(typesetter: Typesetter, text: str) -> None:
    """One function writes all text into Typst source: whatever the text, the PDF shows it
    and nothing in it is evaluated."""
    source = ('#import "design.typ": *\n#show: body => cv((:), body)\n'
              f"#par[{typst_text(text)}]\n")
    result = typesetter.typeset(source)
    assert result.pdf is not None, result.diagnostics
    from io import BytesIO

    shown = PdfReader(BytesIO(result.pdf)).pages[0].extract_text() or ""
    assert squash(shown) == squash(text)


def test_accents_typed_apart_are_copied_out_as_one_letter(typesetter: Typesetter) -> None:
    typed_apart = "Jose\N{COMBINING ACUTE ACCENT} Nun\N{COMBINING TILDE}ez"
    source = ('#import "design.typ": *\n#show: body => cv((:), body)\n'
              f"#par[{typst_text(typed_apart)}]\n")
    result = typesetter.typeset(source)
    assert result.pdf is not None
    from io import BytesIO

    assert PdfReader(BytesIO(result.pdf)).pages[0].extract_text().strip() == "José Nuñez"


def test_typst_string_escapes_only_its_quote_and_backslash() -> None:
    assert typst_string('a"b\\c') == '"a\\"b\\\\c"'
    assert typst_string("line\none\tand\u2028more") == '"line one and more"'
    assert typst_string("x\N{SOFT HYPHEN}y\x00z") == '"xyz"'
    assert typst_string("45,000\N{NO-BREAK SPACE}USD") == '"45,000\N{NO-BREAK SPACE}USD"'
    assert typst_text("") == ""


# -- fonts ---------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pdf-cjk", srcdir="pdf-cjk-no-font")
def test_a_character_no_font_draws_is_one_warning_naming_the_setting(
    app: SphinxTestApp,
) -> None:
    app.build()
    warnings = warnings_of(app)
    found = [line for line in warnings.splitlines() if "[portfolio.pdf-font]" in line]
    assert len(found) == 2, warnings  # one a place, however many characters
    # at the line each text comes from: a paragraph between others, a table's row
    assert "notes.md:5: WARNING: Song_Minhak_CV.pdf: no font of the PDF CV can draw " \
        "'과학'" in found[0]
    assert "honors.md:3: WARNING: Song_Minhak_CV.pdf: no font of the PDF CV can draw " \
        "'한국과학상大学'" in found[1]
    assert "portfolio_pdf_fonts" in warnings and "portfolio_pdf_font_families" in warnings
    assert pdfs(app)  # still written, for the warning to be looked at


@pytest.mark.sphinx("html", testroot="pdf-cjk", srcdir="pdf-cjk-font", confoverrides={
    "portfolio_pdf_fonts": [str(NOTO_CJK)],
    "portfolio_pdf_font_families": ["Noto Serif CJK KR"]})
def test_a_cjk_font_from_the_setting_draws_the_name(app: SphinxTestApp) -> None:
    require_cjk_font()
    app.build()
    assert warnings_of(app) == ""
    text = pdf_text(pdfs(app)[0])
    assert "한국 과학 상" in text and "大学" in text and "The prize 과학 in a sentence" in text
    names = {str(font.get_object()["/BaseFont"]) for page in PdfReader(pdfs(app)[0]).pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("NotoSerifCJK" in name for name in names), names


# -- designs -------------------------------------------------------------------------------------


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-modern",
                    confoverrides={"portfolio_pdf_design": "modern"})
def test_the_modern_design(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    reader = PdfReader(pdfs(app)[0])
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("NewCM" in font for font in fonts), fonts
    assert "AdaExample" in squash(pdf_text(pdfs(app)[0]))


def _with_design(app_params: Any, make_app: Callable[..., SphinxTestApp],
                 design: str) -> SphinxTestApp:
    args, kwargs = app_params
    srcdir = kwargs["srcdir"]
    (srcdir / "_templates").mkdir(exist_ok=True)
    (srcdir / "_templates" / "portfolio-cv.typ").write_text(design, "utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8") + 'templates_path = ["_templates"]\n', "utf-8")
    built = make_app(*args, **kwargs)
    built.build()
    return built


_OWN_DESIGN = (REPO / "ext/sphinx_portfolio/pdf/designs/classic.typ").read_text("utf-8")


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-own-design")
def test_a_sites_own_design_replaces_ours(app_params: Any,
                                          make_app: Callable[..., SphinxTestApp]) -> None:
    built = _with_design(app_params, make_app, _OWN_DESIGN.replace(
        "#let name(body) = title(body)", "#let name(body) = title[Dr. #body, own design]"))
    assert warnings_of(built) == ""
    assert "Dr.AdaExample,owndesign" in squash(pdf_text(pdfs(built)[0]))


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-broken-design")
def test_a_typst_error_in_a_design_is_a_located_warning(
        app_params: Any, make_app: Callable[..., SphinxTestApp]) -> None:
    built = _with_design(app_params, make_app, _OWN_DESIGN.replace(
        "#let cv(meta, body) = {", "#let cv(meta, body) = {\n  undefined-thing"))
    warnings = warnings_of(built)
    line = 1 + next(number for number, text in enumerate(_OWN_DESIGN.splitlines(), start=1)
                    if text.startswith("#let cv(meta, body) = {"))
    assert f"_templates/portfolio-cv.typ:{line}: WARNING: Ada_Example_CV.pdf: Typst: " \
           "unknown variable: undefined-thing" in warnings
    assert "[portfolio.pdf]" in warnings and "Traceback" not in warnings
    assert "Ada_Example_CV.pdf" not in [p.name for p in pdfs(built)]  # no broken file


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-package-design")
def test_a_design_that_imports_a_package_is_refused(
        app_params: Any, make_app: Callable[..., SphinxTestApp]) -> None:
    built = _with_design(app_params, make_app,
                         '#import "@preview/cetz:0.3.0": canvas\n' + _OWN_DESIGN)
    warnings = warnings_of(built)
    assert "portfolio-cv.typ:1: WARNING: portfolio-cv.typ imports a Typst package" in warnings
    assert "[portfolio.pdf-design]" in warnings
    assert "AdaExample" in squash(pdf_text(pdfs(built)[0]))  # with the built-in design


# -- nothing the data can hold breaks the PDF -------------------------------------------------


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-long-name")
def test_a_very_long_name_gives_a_file_name_within_bounds(
        app_params: Any, make_app: Callable[..., SphinxTestApp]) -> None:
    args, kwargs = app_params
    conf = kwargs["srcdir"] / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('author = "Ada Example"',
                                                    f'author = "{"Ada " * 75}"'), "utf-8")
    built = make_app(*args, **kwargs)
    built.build()
    assert warnings_of(built) == ""
    names = [path.name for path in pdfs(built)]
    assert names and all(len(name) <= 120 for name in names), names


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-bad-filename",
                    confoverrides={"portfolio_pdf_filename": "../../outside"})
def test_a_file_name_with_a_folder_is_refused(app: SphinxTestApp) -> None:
    app.build()
    assert "portfolio_pdf_filename: value error, must be a file name" in warnings_of(app)
    assert [p.name for p in pdfs(app)] == ["Ada_Example_CV.pdf", "Ada_Example_CV_short.pdf"]
    assert not (Path(app.outdir).parent.parent / "outside.pdf").exists()


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-variant-key",
                    confoverrides={"portfolio_pdf_variants": {5: {}, "short": {}}})
def test_a_variant_key_that_is_not_a_string_is_reported(app: SphinxTestApp) -> None:
    app.build()
    assert "portfolio_pdf_variants" in warnings_of(app)
    assert "[portfolio.config]" in warnings_of(app)
    assert "Traceback" not in warnings_of(app)
    assert pdfs(app)


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-empty-table")
def test_an_empty_table_leaves_nothing_behind(
        app_params: Any, make_app: Callable[..., SphinxTestApp]) -> None:
    args, kwargs = app_params
    honors = kwargs["srcdir"] / "honors.md"
    honors.write_text("# Honors\n\n```{award-table}\n:tag: none-such\n```\n\nNothing yet.\n",
                      "utf-8")
    built = make_app(*args, **kwargs)
    built.build()
    assert "Traceback" not in warnings_of(built)
    text = squash(pdf_text(pdfs(built)[0]))
    assert "HonorsNothingyet." in text


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-image")
def test_a_node_the_pdf_cannot_show_is_a_located_warning(
        app_params: Any, make_app: Callable[..., SphinxTestApp]) -> None:
    args, kwargs = app_params
    srcdir = kwargs["srcdir"]
    shutil.copy(Path(__file__).parent / "roots" / "test-home-profile" / "portrait.png",
                srcdir / "picture.png")
    honors = srcdir / "honors.md"
    honors.write_text(honors.read_text("utf-8") + "\n![A picture](picture.png)\n", "utf-8")
    built = make_app(*args, **kwargs)
    built.build()
    warnings = warnings_of(built)
    assert re.search(r"honors\.md:\d+: WARNING: the PDF CV leaves images out", warnings), warnings
    assert "[portfolio.pdf-node]" in warnings


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-display-rows")
def test_a_displayed_formula_of_several_rows_is_math(
        app_params: Any, make_app: Callable[..., SphinxTestApp]) -> None:
    args, kwargs = app_params
    honors = kwargs["srcdir"] / "honors.md"
    honors.write_text(honors.read_text("utf-8") + "\n$$\nx = 1 \\\\\ny = 2\n$$\n", "utf-8")
    built = make_app(*args, **kwargs)
    built.build()
    assert warnings_of(built) == ""
    text = unicodedata.normalize("NFKC", pdf_text(pdfs(built)[0]))
    assert "x = 1" in text and "y = 2" in text and "\\\\" not in text


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-font-missing",
                    confoverrides={"portfolio_pdf_fonts": ["_fonts/nowhere.otf"]})
def test_a_font_path_that_does_not_exist_is_reported(app: SphinxTestApp) -> None:
    app.build()
    (warning,) = warnings_of(app).splitlines()
    assert "conf.py:1: WARNING: portfolio_pdf_fonts: '_fonts/nowhere.otf' does not exist " \
           "(relative to conf.py); left out [portfolio.config]" in warning
    assert pdfs(app)


@pytest.mark.sphinx("cvpdf", testroot="pdf", srcdir="pdf-bad-variant-filename",
                    confoverrides={"portfolio_pdf_variants": {"short": {"filename": "/tmp/x"}}})
def test_a_variant_file_name_with_a_folder_is_refused(app: SphinxTestApp) -> None:
    app.build()
    assert "portfolio_pdf_variants['short']['filename']: value error, must be a file name" \
        in warnings_of(app)
    assert [p.name for p in pdfs(app)] == ["Ada_Example_CV.pdf", "Ada_Example_CV_short.pdf"]


def test_two_variants_due_without_the_full_cv_each_cut_only_their_own(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    """With no ``{only}`` in the pages a variant is the full CV resolved once, then cut. When
    the variants were due but the full CV was not (their files deleted), they all cut the
    one tree: the second also lost what the first drops."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-pdf", srcdir)
    service = srcdir / "service.md"
    service.write_text(service.read_text("utf-8").split("```{only}")[0], "utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace(
        '    "short": {', '    "nosvc": {"drop": ["service"]},\n    "short": {'), "utf-8")

    def build() -> dict[str, str]:
        app = make_app("cvpdf", srcdir=srcdir)
        app.build()
        app.cleanup()
        assert warnings_of(app) == ""
        return {path.name: pdf_text(path) for path in pdfs(app)}

    first = build()
    assert len(first) == 3, sorted(first)
    for name in first:
        if name.endswith(("_nosvc.pdf", "_short.pdf")):
            (srcdir / "_build" / "cvpdf" / name).unlink()
    assert build() == first
