"""Plain helpers shared by the test modules (fixtures live in conftest.py).

pytest puts ``tests/`` on ``sys.path`` (its default "prepend" import mode, as the folder has
no ``__init__.py``), so the modules ``import helpers`` as they ``import seed_facts``.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_portfolio.config import cv_file_name
from sphinx_portfolio.data import KINDS, load_list, load_profile

REPO = Path(__file__).resolve().parent.parent
#: The extension's full-portfolio test root: a frozen copy of the owner's site (its README.md
#: says which), so that the extension's tests do not follow edits to the owner's content.
PORTFOLIO = REPO / "tests" / "roots" / "test-portfolio"
#: The owner's own site (docs/ and refs.bib of the repository): only the ``owner`` suite
#: (tests/test_site.py) and the checks of the repository's own files read it.
OWNER = REPO
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
#: The themes a page built from untrusted input is checked under: furo, the site's, and one on
#: Sphinx's basic layout (whose relbar, for one, writes page titles as HTML).
THEMES = ("furo", "classic")


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
    """The PDFs the build wrote into its output (the full CV sorts before its variants)."""
    return sorted(Path(app.outdir).glob("*.pdf"), key=lambda path: (len(path.name), path.name))


def build_and_clean_up(app: SphinxTestApp) -> SphinxTestApp:
    """Build ``app``, then give docutils' global registries back, for a test that makes another
    application after this one: that one would otherwise warn that every directive, role and
    node "is already registered". (``make_app`` cleans up too, but only after the test.)"""
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def copy_site(target: Path, source: Path = PORTFOLIO) -> Path:
    """A copy of a portfolio laid out like this repository (its ``docs/`` and the ``refs.bib``
    beside it) to build in isolation; its ``docs/``.

    ``source`` is the extension's full-portfolio root, :data:`PORTFOLIO`, unless a test of
    the owner's own site passes :data:`OWNER` (the repository: its docs/ and refs.bib).
    """
    shutil.copytree(source / "docs", target / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copy2(source / "refs.bib", target / "refs.bib")
    return target / "docs"


@dataclass
class Site:
    """A whole portfolio's build (the ``site`` and ``owner_site`` fixtures): the web site with
    its PDF CVs."""

    html: SphinxTestApp

    @property
    def cv(self) -> Path:
        """The full PDF CV, named as the build names it (its variants are beside it)."""
        return Path(self.html.outdir) / f"{cv_file_name(self.html.config)}.pdf"


# --- pages built from untrusted input hold nothing that runs ---------------------------------

_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster",
                             "data", "srcdoc"})
_EMBEDDING = frozenset({"iframe", "frame", "object", "embed", "base"})


def soup_of(path: Path) -> BeautifulSoup:
    """The page as a browser reads it: html5lib follows the HTML standard, which the standard
    library's parser does not (it does not know that "<!--<script>" in a script hides its end)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def theme_scripts(outdir: Path) -> set[str]:
    """The inline scripts the theme writes on every page, taken from the 404 page (a page
    with no BibTeX or data text on it): the only inline scripts another page may have."""
    return {(script.string or "").strip()
            for script in soup_of(outdir / "404.html").find_all("script")
            if not script.get("src") and script.get("type") != "application/ld+json"}


def active_content(soup: BeautifulSoup, allowed_inline: set[str]) -> list[str]:
    """Whatever on the page could run code: scripts other than JSON-LD, the theme's own and
    Sphinx's files, event handler attributes, script URLs, embedded documents."""
    found: list[str] = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}={text!r}>")
            # Browsers drop control characters and blanks from a URL before reading its scheme.
            url = re.sub(r"[\x00-\x20]", "", unquote(text)).lower()
            if name.lower() in _URL_ATTRIBUTES and url.startswith(_SCRIPT_SCHEMES):
                found.append(f"<{tag.name} {name}={text!r}>")
        if tag.name in _EMBEDDING:
            found.append(f"<{tag.name}>")
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        if tag.name == "script" and tag.get("type") != "application/ld+json":
            src = str(tag.get("src", ""))
            parts = urlsplit(src)
            ours = "_static/" in parts.path or parts.path.endswith("searchindex.js")  # Sphinx's
            if src and (parts.scheme or parts.netloc or not ours):
                found.append(f"<script src={src!r}>")
            if not src and (tag.string or "").strip() not in allowed_inline:
                found.append(f"<script>{tag.string!r}</script>")
    return found


def assert_inert(outdir: Path | str) -> None:
    """No page of the HTML build in ``outdir`` holds active content (see :func:`active_content`),
    each read as a browser would (:func:`soup_of`)."""
    outdir = Path(outdir)
    allowed = theme_scripts(outdir)
    pages = sorted(outdir.rglob("*.html"))
    assert pages, outdir
    for path in pages:
        assert active_content(soup_of(path), allowed) == [], path.relative_to(outdir)


def by_theme(*values: object, srcdir: str, id: str = "", **sphinx: Any) -> list[Any]:
    """One ``pytest.param(*values, theme)`` per theme of :data:`THEMES`, each an HTML build in
    its own copy (``{srcdir}-{theme}``) with ``html_theme`` added to its ``confoverrides``.

    The site's theme (the first) is in the quick suite; each other theme's build is marked
    ``slow``: the same checks again, in the full suite.

    ``sphinx`` are the other arguments of the ``sphinx`` marker (``testroot``, ...).
    """
    confoverrides = sphinx.pop("confoverrides", {})
    return [pytest.param(*values, theme, marks=[pytest.mark.sphinx(
        "html", srcdir=f"{srcdir}-{theme}",
        confoverrides={**confoverrides, "html_theme": theme}, **sphinx),
        *([pytest.mark.slow] if theme != THEMES[0] else [])],
        id="-".join(filter(None, (id, theme)))) for theme in THEMES]


def build_twice(
    make_app: Callable[..., SphinxTestApp], app_params: Any,
    between: Callable[[], object] = lambda: None,
) -> SphinxTestApp:
    """Build the marked root, run ``between`` (checks of the first output, an edit), and
    build the same folder again; the second application, built."""
    args, kwargs = app_params
    build_and_clean_up(make_app(*args, **kwargs))
    between()
    again = make_app(*args, **kwargs)
    again.build()
    return again


def quick_first(argvalues: Iterable[Any], quick: int = 1) -> list[Any]:
    """``argvalues`` for ``pytest.mark.parametrize``: the first ``quick`` of them in the quick
    suite, each other one marked ``slow`` (the same check on other inputs, in the full suite).

    A value is a ``pytest.param``, a tuple (one value per argument name) or a lone value.
    """
    params = []
    for index, value in enumerate(argvalues):
        marks = [] if index < quick else [pytest.mark.slow]
        if isinstance(value, type(pytest.param())):
            params.append(pytest.param(*value.values, marks=[*value.marks, *marks], id=value.id))
        else:
            values = value if isinstance(value, tuple) else (value,)
            params.append(pytest.param(*values, marks=marks))
    return params


#: Debian's fonts-noto-cjk (``.ci/run`` installs it): the font a name in Chinese, Japanese or
#: Korean characters needs in the PDF, as the starter's conf.py says.
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def require_cjk_font() -> None:
    """Skip without :data:`NOTO_CJK` on a developer's machine; fail without it in CI."""
    if not NOTO_CJK.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{NOTO_CJK} missing: .ci/run installs fonts-noto-cjk")
        pytest.skip("Debian's fonts-noto-cjk is not installed")


def cjk_font_settings(name: str) -> dict[str, Any]:
    """The PDF's font settings a site needs for the owner's ``name``: none for Latin letters,
    Noto Serif CJK for Chinese characters (skipping, or failing in CI, without the font)."""
    if not re.search(r"[\u4e00-\u9fff]", name):
        return {}
    require_cjk_font()
    return {"portfolio_pdf_fonts": [str(NOTO_CJK)],
            "portfolio_pdf_font_families": ["Noto Serif CJK SC"]}


def leaves(document: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(path, value) of every scalar that says something, paths as the report writes them."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield from leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from leaves(value, f"{path}[{index}]")
    elif document is not None and document != "" and not (
            isinstance(document, str) and not document.strip()):
        yield path, document


def load_written(path: Path, stem: str) -> Any:
    """A data file an import wrote, through our loaders, which may report no problem: the
    profile's fields for "profile", else the entries, as JSON-ready data."""
    if stem == "profile":
        profile, problems = load_profile(path)
        assert problems == [] and profile is not None, (path, problems)
        return profile.model_dump(mode="json")
    records = load_list(path, KINDS[stem])
    assert records.problems == [], (path, records.problems)
    return [record.entry.model_dump(mode="json") for record in records.records]
