"""Math from a .bib file anyone wrote: a formula too long or too deep for docutils' converter is
one warning at the entry's line in the .bib file, quoting a bounded part of it, and is shown as
code (web) or text (PDF); the build stays fast and the other entries render.

Each case writes its formula into a copy of ``tests/roots/test-untrusted-math`` (the big ones are
made here, not stored). The .bib reader keeps a field to 10,000 characters, so the long formula
stays under that, and far over the converters' own bound (``MATH_MAX_CHARS``). The web site is
built under each theme of ``helpers.THEMES``, and its pages must hold nothing that runs
(``helpers.assert_inert``).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_inert, by_theme, pdf_text, pdfs, quick_first, squash, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio import formulas

# A generous bound: each build takes about a second; before the bounds, 20,000 ``\sqrt`` took
# 18 s to convert, once per page showing it.
SECONDS = 20
# A warning quotes 80 characters of the formula and of the parser's message: a line is short.
WARNING_CHARS = 400
NO_PAPER_PAGES = {"portfolio_paper_pages": ""}  # the paper page has a test of its own

# name: (formula, what the warning says)
FORMULAS = {
    # 9,500 characters: quadratic in docutils' parser, and its MathML too deep to write
    "long": ("\\sqrt" * 1900 + " x", "longer than 2,000 characters"),
    # short enough, but 300 roots inside each other: a RecursionError in writing MathML / text
    "nested-roots": ("\\sqrt" * 300 + " x", "nested more than 50 levels deep"),
    # x^x^x^...: each script inside the one before
    "script-chain": ("x" + "^x" * 600, "nested more than 50 levels deep"),
    # ^^^^: docutils cannot read it; its message is cut too
    "carets": ("x" + "^" * 5000 + "y", "cannot"),
    # an ordinary mistake: still located at the entry, not at the page listing it
    "unreadable": ("x^", "math 'x^'"),
}


def _bad_entry_line(srcdir: Path) -> int:
    lines = (srcdir / "refs.bib").read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if "@misc{bad2021" in line)


def _write_formula(srcdir: Path, formula: str) -> None:
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text("utf-8").replace("FORMULA", f"${formula}$"), "utf-8")


def _timed_build(app: SphinxTestApp) -> float:
    start = time.perf_counter()
    app.build()
    return time.perf_counter() - start


def _math_warnings(app: SphinxTestApp) -> list[str]:
    warnings = warnings_of(app)
    assert "Traceback" not in warnings and "RecursionError" not in warnings, warnings[:2000]
    return [line for line in warnings.splitlines() if "[portfolio.math]" in line]


def _assert_one_bounded_warning(warnings: list[str], where: str, says: str) -> None:
    assert len(warnings) == 1, [w[:300] for w in warnings]
    warning = warnings[0]
    assert f"{where}: WARNING: cannot" in warning, warning[:300]
    assert says in warning, warning[:300]
    assert len(warning) < WARNING_CHARS, warning[:300]


def _assert_others_render(app: SphinxTestApp, builder: str) -> None:
    if builder == "html":
        html = (Path(app.outdir) / "index.html").read_text("utf-8")
        assert "A Good Paper on" in html and html.count("<math") >= 3  # page, title, abstract
    else:
        text = squash(pdf_text(pdfs(app)[0])).casefold()  # the style lowers titles' case
        assert squash("A good paper on ℓ∞ bounds").casefold() in text, text[:300]  # noqa: RUF001


def _html_and_pdf(*values: object, srcdir: str, id: str) -> list[Any]:
    """The parameters (builder, *values, theme) of an HTML build per theme and one PDF build."""
    return [
        *by_theme("html", *values, testroot="untrusted-math", srcdir=f"{srcdir}-html",
                  confoverrides=NO_PAPER_PAGES, id=f"{id}-html"),
        pytest.param("cvpdf", *values, None, marks=pytest.mark.sphinx(
            "cvpdf", testroot="untrusted-math", srcdir=f"{srcdir}-cvpdf",
            confoverrides=NO_PAPER_PAGES), id=f"{id}-cvpdf"),
    ]


@pytest.mark.parametrize(("builder", "case", "theme"), quick_first([
    param for case in FORMULAS
    for param in _html_and_pdf(case, srcdir=f"untrusted-math-{case}", id=case)
], quick=3))  # the first formula, on the web (under furo) and in the PDF, in the quick suite
def test_bad_math_in_a_title_is_one_located_warning(
    app_params: Any, make_app: Callable[..., SphinxTestApp], builder: str, case: str,
    theme: str | None,
) -> None:
    formula, says = FORMULAS[case]
    args, kwargs = app_params
    _write_formula(kwargs["srcdir"], formula)
    app = make_app(*args, **kwargs)
    assert _timed_build(app) < SECONDS
    warnings = _math_warnings(app)
    _assert_one_bounded_warning(warnings, f"refs.bib:{_bad_entry_line(app.srcdir)}", says)
    _assert_others_render(app, builder)
    if builder == "html":  # the formula's source, as code
        assert_inert(app.outdir)
        html = (Path(app.outdir) / "index.html").read_text("utf-8")
        assert "<code>" + formula[:20] in html.replace("\\sqrt ", "\\sqrt")
    elif case == "long":  # its start, as text: a long formula is not laid out as math
        text = pdf_text(pdfs(app)[0])
        assert "\\sqrt\\sqrt" in text and "…" in text and len(text) < 3_000, len(text)


@pytest.mark.parametrize("theme", by_theme(testroot="untrusted-math",
                                            srcdir="untrusted-math-abstract",
                                            confoverrides=NO_PAPER_PAGES))
def test_bad_math_in_an_abstract_is_one_located_warning(
    app_params: Any, make_app: Callable[..., SphinxTestApp], theme: str,
) -> None:
    formula, says = FORMULAS["long"]
    args, kwargs = app_params
    bib = kwargs["srcdir"] / "refs.bib"
    bib.write_text(bib.read_text("utf-8").replace(
        "FORMULA", f"Nothing,\n  abstract = {{We bound it by ${formula}$.}}"), "utf-8")
    app = make_app(*args, **kwargs)
    assert _timed_build(app) < SECONDS
    _assert_one_bounded_warning(_math_warnings(app),
                                f"refs.bib:{_bad_entry_line(app.srcdir)}", says)
    _assert_others_render(app, "html")
    assert_inert(app.outdir)


@pytest.mark.parametrize(("builder", "formula", "says", "theme"), quick_first([
    param for name, formula, says in (
        ("braces-10000", "{" * 10_000 + "x" + "}" * 10_000, "longer than 2,000 characters"),
        ("open-braces", "{" * 1500 + "x", "nested more than 50 levels deep"),
    )
    for param in _html_and_pdf(formula, says, srcdir=f"untrusted-math-page-{name}", id=name)
], quick=3))
def test_deep_math_on_a_page_is_one_located_warning(
    app_params: Any, make_app: Callable[..., SphinxTestApp], builder: str, formula: str,
    says: str, theme: str | None,
) -> None:
    args, kwargs = app_params
    _write_formula(kwargs["srcdir"], "y")
    index = kwargs["srcdir"] / "index.md"
    index.write_text(index.read_text("utf-8").replace(
        "# Untrusted math\n", f"# Untrusted math\n\nDeep: ${formula}$.\n"), "utf-8")
    app = make_app(*args, **kwargs)
    assert _timed_build(app) < SECONDS
    _assert_one_bounded_warning(_math_warnings(app), "index.md:3", says)
    _assert_others_render(app, builder)
    if builder == "html":
        assert_inert(app.outdir)


@pytest.mark.parametrize("theme", by_theme(testroot="untrusted-math",
                                            srcdir="untrusted-math-paper-page"))
def test_the_paper_page_reports_its_math_at_the_entry_too(
    app_params: Any, make_app: Callable[..., SphinxTestApp], theme: str,
) -> None:
    formula, says = FORMULAS["nested-roots"]
    args, kwargs = app_params
    _write_formula(kwargs["srcdir"], formula)
    app = make_app(*args, **kwargs)
    assert _timed_build(app) < SECONDS
    # the list and the paper's page (its heading and its entry): one warning in all
    _assert_one_bounded_warning(_math_warnings(app),
                                f"refs.bib:{_bad_entry_line(app.srcdir)}", says)
    page = (Path(app.outdir) / "publications" / "bad2021.html").read_text("utf-8")
    assert page.count("<code>\\sqrt") == 1  # the title, shown once
    assert_inert(app.outdir)


@pytest.mark.sphinx("html", testroot="untrusted-math", srcdir="untrusted-math-once")
def test_a_formula_is_converted_once_however_often_it_is_shown(
    app_params: Any, make_app: Callable[..., SphinxTestApp], monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsed: Counter[str] = Counter()
    parse = formulas.parse_latex_math

    def counting(root: Any, latex: str) -> Any:
        parsed[latex] += 1
        return parse(root, latex)

    monkeypatch.setattr(formulas, "parse_latex_math", counting)
    # Unique to this test: the conversions are cached for the whole process.
    args, kwargs = app_params
    _write_formula(kwargs["srcdir"], "\\Upsilon_q \\cdot \\varpi_z")
    app = make_app(*args, **kwargs)
    app.build()
    assert not _math_warnings(app)
    shown = [latex for latex in parsed if "varpi" in latex]
    assert shown, parsed  # the list, the paper's heading and its entry, the PDF
    # once for the web's MathML and once for the PDF's Typst math (the full CV and its
    # variants share that one)
    assert all(parsed[latex] <= 2 for latex in shown), parsed
