from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parent.parent
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def squash(text: str) -> str:
    """Text with quotes made straight and all white space removed, for robust matching."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def html_text(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("article") or soup
    return main.get_text(" ")


def pdf_text(path: Path) -> str:
    """The PDF's text without its page footers ("<name> <page>"), which can fall mid-entry."""
    reader = PdfReader(path)
    author = reader.metadata.author if reader.metadata else None
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        lines = (page.extract_text() or "").splitlines()
        pages.append("\n".join(line for line in lines if line.strip() != f"{author} {number}"))
    return "\n".join(pages)


@dataclass
class Built:
    srcdir: Path
    outdir: Path
    warnings: str

    def pdfs(self) -> list[Path]:
        return sorted(self.outdir.glob("*.pdf"))


def build(srcdir: Path, builder: str, outdir: Path, **overrides: object) -> Built:
    """Build ``srcdir`` once with a real Sphinx application; warnings are collected, not raised."""
    warnings = StringIO()
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=outdir, warning=warnings,
                        confoverrides=overrides or None)
    try:
        app.build()
    finally:
        app.cleanup()
    return Built(srcdir, Path(app.outdir), strip_escape_sequences(warnings.getvalue()))


def copy_site(target: Path) -> Path:
    """A copy of the repository's portfolio (docs/ and refs.bib) to build in isolation."""
    shutil.copytree(REPO / "docs", target / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copy2(REPO / "refs.bib", target / "refs.bib")
    return target / "docs"


@dataclass
class Site:
    html: Built
    pdf: Built


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real portfolio, built like `nox -s build` does: the PDF first, then the HTML."""
    root = tmp_path_factory.mktemp("site")
    srcdir = copy_site(root)
    pdf = build(srcdir, "rinoh", root / "build" / "pdf-root")
    html = build(srcdir, "html", root / "build" / "html-root",
                 portfolio_pdf_dir=str(pdf.outdir))
    yield Site(html, pdf)


@pytest.fixture
def copy_root(tmp_path: Path, rootdir: Path) -> Callable[[str], Path]:
    """Copy ``tests/roots/test-NAME`` to a fresh folder (tests may edit its files)."""
    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(rootdir / f"test-{name}", target)
        return target
    return copy
