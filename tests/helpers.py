"""Plain helpers shared by the test modules (fixtures live in conftest.py).

pytest puts ``tests/`` on ``sys.path`` (its default "prepend" import mode, as the folder has
no ``__init__.py``), so the modules ``import helpers`` as they ``import seed_facts``.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

REPO = Path(__file__).resolve().parent.parent
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


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


def warnings_of(app: SphinxTestApp) -> str:
    """What the build reported as warnings, without terminal colours."""
    return strip_escape_sequences(app.warning.getvalue())


def pdfs(app: SphinxTestApp) -> list[Path]:
    return sorted(Path(app.outdir).glob("*.pdf"))


def build_and_clean_up(app: SphinxTestApp) -> SphinxTestApp:
    """Build ``app``, then give docutils' global registries back, for a test that makes another
    application after this one: that one would otherwise warn that every directive, role and
    node "is already registered". (``make_app`` cleans up too, but only after the test.)"""
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def copy_site(target: Path) -> Path:
    """A copy of the repository's portfolio (docs/ and refs.bib) to build in isolation.

    Not a sphinx.testing root: it is the real site, with its .bib file outside docs/.
    """
    shutil.copytree(REPO / "docs", target / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copy2(REPO / "refs.bib", target / "refs.bib")
    return target / "docs"


@dataclass
class Site:
    """The real portfolio's two builds (the ``site`` fixture): the PDF CV, then the web site."""

    html: SphinxTestApp
    pdf: SphinxTestApp
