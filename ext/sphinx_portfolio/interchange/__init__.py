"""CVs in other formats: import JSON Resume and RenderCV files and al-folio and Hugo Blox
sites, export JSON Resume.

Import turns a file (or a site's folder: :mod:`._alfolio`, :mod:`._hugoblox`) into the text
of our ``_data/*.yaml`` files and a ``.bib`` file, and says what it could not map; export
turns a site's data and ``.bib`` files into a JSON Resume. The ``sphinx-portfolio import``
and ``export`` commands are thin shells over these functions (:mod:`sphinx_portfolio.cli`);
into a site that has data already, an import adds the entries the site lacks and keeps the
site's own, and replaces the starter's examples (:mod:`._merge`).

The mappings are written by hand: no maintained Python library maps JSON Resume or
RenderCV onto models like ours (partial dates and academic terms, ``research``/``industry``
kinds, BibTeX publications). The ``rendercv`` package's own models check a file for
rendering it, would bring its renderer's dependencies, and still map nothing onto ours.
What maps where is each format's ``MAPPING`` table (:data:`._jsonresume.MAPPING`,
:data:`._rendercv.MAPPING`, :data:`._alfolio.MAPPING`, :data:`._hugoblox.MAPPING`), which the
guide shows. Where a format does not say what our
data needs (whether a position is research or industry, an award's kind, who wrote a
publication), the import decides from the entry's own words and says so, entry by entry
(:attr:`ImportResult.decisions`).

Both sources are untrusted. A file is read only up to :data:`MAX_SOURCE_BYTES` (a RenderCV
file, YAML, only up to our data files' bound, through the same bounded reader), and its
entries are counted (at most :data:`._source_reader.MAX_SOURCE_ENTRIES`) before any is
mapped; every value is checked before it is kept; nothing is dropped unsaid (each value that
has no place in our data is a line of :attr:`ImportResult.unmapped`: a key given twice, with
the value kept and the one dropped; control characters taken out of a text; Markdown that is
kept as written); the YAML and BibTeX written read back, through our own readers, as the
very text of the source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from . import _alfolio, _hugoblox, _jsonresume, _rendercv
from ._importer import ImportResult
from ._jsonresume import export_jsonresume as _export_jsonresume
from ._jsonresume import export_left_out
from ._merge import Merge, bib_examples, data_examples, file_examples, merge_bib, merge_data
from ._report import plural
from ._source_reader import MAX_SOURCE_BYTES, InterchangeError

__all__ = [
    "MAX_SOURCE_BYTES",
    "SOURCES",
    "ImportResult",
    "InterchangeError",
    "Merge",
    "Source",
    "bib_examples",
    "data_examples",
    "export_jsonresume",
    "export_left_out",
    "file_examples",
    "import_resume",
    "merge_bib",
    "merge_data",
    "plural",
]



@dataclass(frozen=True)
class Source:
    """One kind of source ``sphinx-portfolio import`` reads: its command word, its argument
    (``FILE`` or ``DIR``) and what that is, its title in the guide, the module that maps it
    (its docstring and ``MAPPING`` are the guide's) and the function that imports it."""

    command: str
    argument: str
    reads: str
    title: str
    module: ModuleType
    run: Callable[[Path], ImportResult]


#: Every source an import reads, in the order the command and the guide list them.
SOURCES: tuple[Source, ...] = (
    Source("jsonresume", "FILE", "a JSON Resume file", "JSON Resume", _jsonresume,
           _jsonresume.import_jsonresume),
    Source("rendercv", "FILE", "a RenderCV file", "RenderCV", _rendercv,
           _rendercv.import_rendercv),
    Source("al-folio", "DIR", "an al-folio site's folder", "al-folio", _alfolio,
           _alfolio.import_alfolio),
    Source("hugo-blox", "DIR", "a Hugo Blox (Wowchemy) site's folder",
           "Hugo Blox (Wowchemy, Hugo Academic)", _hugoblox, _hugoblox.import_hugoblox),
)
_BY_COMMAND = {source.command: source for source in SOURCES}


def import_resume(fmt: str, source: Path) -> ImportResult:
    """Our data files and BibTeX from a JSON Resume (``.json``) or RenderCV (``.yaml``) file,
    or from the folder of an al-folio or Hugo Blox site.

    Raises :class:`InterchangeError` when the file cannot be read at all (too large, not
    JSON or YAML, aliases or nesting past the bounds); everything else is mapped or reported.
    """
    if fmt not in _BY_COMMAND:
        raise InterchangeError(f"unknown format '{fmt}': {', '.join(_BY_COMMAND)}")
    return _BY_COMMAND[fmt].run(Path(source))


def export_jsonresume(data_dir: Path, bib_files: list[Path],
                      default_language: str = "en") -> dict[str, Any]:
    """A JSON Resume of the site's data (``data_dir/*.yaml``, missing files skipped) and
    publications (``bib_files``); a value given in several languages as its text in
    ``default_language`` (the site's ``portfolio_default_language``: JSON Resume has one
    language).

    Raises :class:`InterchangeError` when a data file or .bib file has a problem that leaves
    something out, so that an export is never silently short.
    """
    return _export_jsonresume(Path(data_dir), [Path(path) for path in bib_files],
                              default_language)
