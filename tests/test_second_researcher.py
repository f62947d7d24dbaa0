"""The co-author's site (seed 003) with the same extension: nothing in it knows one person."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Built, build, pdf_text, squash


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Built:
    import shutil

    srcdir = tmp_path_factory.mktemp("second") / "second-researcher"
    shutil.copytree(rootdir / "test-second-researcher", srcdir)
    return build(srcdir, "html", srcdir / "_build")


def test_the_source_gives_no_year_for_two_papers_and_the_build_says_so(html: Built) -> None:
    lines = sorted(line for line in html.warnings.splitlines() if line)
    assert len(lines) == 2
    where = "second-researcher/refs.bib"
    assert lines[0].startswith(f"{where}:3: WARNING: entry 'kim-amuse' has no year")
    assert lines[1].startswith(f"{where}:9: WARNING: entry 'yu-cmdp' has no year")


def test_the_owner_is_bold_wherever_listed(html: Built) -> None:
    soup = BeautifulSoup((html.outdir / "publications.html").read_text("utf-8"), "html.parser")
    entries = soup.select("div.citation")
    assert len(entries) == 4
    bold = [entry.select_one("strong") for entry in entries]
    texts = [entry.get_text(" ") for entry in entries]
    # "AMUSE" lists three authors and "et al.": the owner is not among those shown.
    for text, strong in zip(texts, bold, strict=True):
        if "AMUSE" in text:
            assert strong is None and "Jihun Yun et al." in text
        else:
            assert strong is not None and strong.get_text() == "Beomhan Baek"
    assert "missing" not in " ".join(texts)


def test_abstract_math_becomes_mathml(html: Built) -> None:
    soup = BeautifulSoup((html.outdir / "publications.html").read_text("utf-8"), "html.parser")
    abstracts = soup.select("details.portfolio-abstract")
    assert len(abstracts) == 4
    cmdp = next(a for a in abstracts if "CMDPs" in a.get_text())
    assert cmdp.select("math") and "\\widetilde" not in cmdp.get_text()


def test_the_pdf_lists_every_paper(copy_root: Callable[[str], Path]) -> None:
    srcdir = copy_root("second-researcher")
    pdf = build(srcdir, "rinoh", srcdir / "_build")
    assert [path.name for path in pdf.pdfs()] == ["Beomhan_Baek_CV.pdf"]
    text = squash(pdf_text(pdf.pdfs()[0]))
    for title in ("AMUSE: Anytime Muon with Stable Gradient Evaluation",
                  "Learning Weakly Communicating Average-Reward CMDPs",
                  "Implicit Bias of Per-sample Adam on Separable Data",
                  "Through the River: Understanding the Benefit of Schedule-Free Methods"):
        assert squash(title) in text


def test_the_extension_brings_its_own_style_sheet(html: Built) -> None:
    soup = BeautifulSoup((html.outdir / "publications.html").read_text("utf-8"), "html.parser")
    assert soup.select_one('link[href^="_static/sphinx-portfolio.css"]') is not None
    assert (html.outdir / "_static" / "sphinx-portfolio.css").is_file()
