"""The message catalogue made from the code: extract, update, compile (``nox -s catalogue``).

Every string the extension writes is marked ``_("...")``, ``ngettext("...", "...", n)`` (the
Sphinx side, :mod:`sphinx_portfolio.locale`) or ``N_("...")`` (the pure layers,
:mod:`sphinx_portfolio.data.words`). :func:`extract` finds them all in the package's Python
files (the designs, the scripts and the templates hold no words of their own: Python hands
them theirs); :func:`update` writes the template ``sphinx_portfolio.pot``, merges it into each
language's ``.po`` (a new message arrives untranslated, which the catalogue tests fail on) and
compiles each ``.mo``. Babel (which Sphinx depends on) does the work.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

__all__ = ["LANGUAGES", "TEMPLATE", "extract", "po_path", "read"]

LOCALE_DIR = Path(__file__).parent
PACKAGE = LOCALE_DIR.parent
CATALOGUE = "sphinx_portfolio"
TEMPLATE = LOCALE_DIR / f"{CATALOGUE}.pot"
#: The languages with a catalogue: Korean, Japanese, Chinese (Simplified), German, French,
#: Spanish.
LANGUAGES = ("ko", "ja", "zh_CN", "de", "fr", "es")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
_UNDATED = datetime(2000, 1, 1, tzinfo=UTC)
# What is not the extension's own words: a new site's files (written in its own language).
_NOT_OURS = ("starter/template/",)


def extract() -> Catalog:
    """Every marked message of the package's Python files, located, without dates (so a
    fresh extraction equals the committed template)."""
    catalog = Catalog(project="sphinx-portfolio", domain=CATALOGUE, fuzzy=False,
                      creation_date=None, revision_date=None)
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")],
                             keywords=KEYWORDS, comment_tags=("Translators:",),
                             strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        if filename.startswith(_NOT_OURS):
            continue
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments,
                    context=context)
    return catalog


def pot_text(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False)
    return _without_dates(out.getvalue().decode("utf-8"))


def _without_dates(text: str) -> str:
    """The header's dates and Babel's version left out, as are line numbers: the files change
    only with the messages (and another helper's edit of a file moves no test)."""
    return "".join(line for line in text.splitlines(keepends=True)
                   if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:',
                                           '"Generated-By:')))


def read(path: Path, language: str | None = None) -> Catalog:
    """The catalogue in ``path``, dated at a fixed time (the files carry no date, and Babel
    would put today's in the .mo)."""
    with path.open("rb") as file:
        catalog = read_po(file, locale=language, domain=CATALOGUE)
    catalog.creation_date = catalog.revision_date = _UNDATED
    return catalog


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{CATALOGUE}.po"


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    """The template from the code; each .po merged with it; each .mo compiled."""
    template = extract()
    TEMPLATE.write_text(pot_text(template), "utf-8")
    template = read(TEMPLATE)
    for language in LANGUAGES:
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = read(path, language) if path.exists() else Catalog(
            locale=language, domain=CATALOGUE, project="sphinx-portfolio",
            header_comment=f"# The words sphinx-portfolio writes, in {language}.")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False  # a fuzzy header is left out of the .mo, Plural-Forms with it
        out = io.BytesIO()
        write_po(out, catalog, width=100, sort_output=True, ignore_obsolete=True,
                 include_lineno=False)
        path.write_text(_without_dates(out.getvalue().decode("utf-8")), "utf-8")
        path.with_suffix(".mo").write_bytes(mo_bytes(read(path, language)))


if __name__ == "__main__":
    update()
