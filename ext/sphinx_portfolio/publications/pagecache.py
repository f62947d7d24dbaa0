"""Paper pages written only when what they show has changed: a no-op build writes none.

Paper pages are not documents (see :mod:`.pages`), so Sphinx's own check of what is out of
date does not cover them, and it renders every page it is handed. Each page gets a digest of
what it is made from: its entry as read, how the style formats it, its entry in the list (page
and anchor), the projects that cite it and the papers with its co-authors that it lists
(their titles, years and pages), and what every page of the site shows around it (the
configuration and tags, as Sphinx's ``.buildinfo`` hashes them; the documents' titles and
toctrees, which the navigation lists). A page whose digest is the last build's, and whose
file is still there, is not handed to Sphinx again: the same rule by which Sphinx leaves a
document alone.

The digests live in the doctree folder, the build's cache (never published), and are kept
only once every due page was handed over: a build killed before leaves the last build's,
so the next writes the same pages again. A page that could not be written is kept with no
digest, so it is due until a build writes it (its file may be the old page, or none). A page
whose entry has left the .bib files is deleted with its BibTeX download: only pages recorded
here, so nothing else in the folder is touched.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Final

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .._version import __version__
from ..bib.export import paper_bibtex_filename
from ..files import read_record, write_record

__all__ = ["PaperPageCache", "bib_paths", "writes_due"]

_FILE: Final = "portfolio-paper-pages.json"
#: What is kept for a page that is due whatever it is made from (a digest is never empty).
_DUE: Final = ""
#: Under this name (no page's: pagenames are paths), what the .bib files were when the pages
#: were made: their names, sizes and times.
_BIB_FILES: Final = "\x00bib-files"


class PaperPageCache:
    """The digests of the last build's paper pages, and this build's as they are made."""

    def __init__(self, app: Sphinx) -> None:
        assert isinstance(app.builder, StandaloneHTMLBuilder)
        self._builder = app.builder
        self._path = Path(app.doctreedir) / _FILE
        self._site = _site_digest(app)
        self._last: dict[str, str] = read_record(self._path)
        self._last.pop(_BIB_FILES, None)
        self._now: dict[str, str] = {_BIB_FILES: _bib_files_stamp(app)}

    def unchanged(self, pagename: str, *made_from: str) -> bool:
        """Record the page's digest; whether the last build wrote the same page, still there."""
        digest = hashlib.sha256("\x00".join((self._site, *made_from)).encode(
            "utf-8", "surrogatepass")).hexdigest()
        self._now[pagename] = digest
        written = Path(self._builder.get_outfilename(pagename))
        return self._last.get(pagename) == digest and written.is_file()

    def failed(self, pagename: str) -> None:
        """The page could not be written: due until a build writes it."""
        self._now[pagename] = _DUE

    def finish(self) -> None:
        """Delete the pages of entries that are gone; keep this build's digests."""
        outdir = Path(self._builder.outdir).resolve()
        for pagename in self._last.keys() - self._now.keys():
            for path in (Path(self._builder.get_outfilename(pagename)),
                         outdir / paper_bibtex_filename(pagename)):
                if path.resolve().is_relative_to(outdir):  # recorded names only, but still
                    try:
                        path.unlink(missing_ok=True)
                    except OSError:  # a read-only folder: still recorded, the next build tries
                        self._now[pagename] = _DUE
        write_record(self._path, self._now)



def writes_due(app: Sphinx) -> bool:
    """Whether a paper page is due though no document is: one that could not be written,
    or .bib files that changed since the pages were made when no page lists their entries
    (so none is read again). Sphinx 8.1 skips writing when no document is out of date, and
    with it the paper pages; :func:`.pages.reread_root_for_due_paper_pages` then has one
    document read."""
    last = read_record(Path(app.doctreedir) / _FILE)
    if not last:
        return False  # no pages made yet: the first build writes them all
    return _DUE in last.values() or last.get(_BIB_FILES) != _bib_files_stamp(app)


def bib_paths(app: Sphinx) -> list[Path]:
    """The configured .bib files, resolved the way sphinxcontrib-bibtex resolves them (read by
    :mod:`.bibliography` and stamped here)."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or ()]


def _bib_files_stamp(app: Sphinx) -> str:
    """The .bib files as the file system sees them: a stat each, no reading."""
    parts = []
    for path in bib_paths(app):
        try:
            status = path.stat()
        except OSError:
            parts.append(f"{path}\tmissing")
        else:
            parts.append(f"{path}\t{status.st_size}\t{status.st_mtime_ns}")
    return "\n".join(parts)


def _site_digest(app: Sphinx) -> str:
    """What every page shows around its own content."""
    env = app.env
    build_info = getattr(app.builder, "build_info", None)
    parts = [
        __version__, app.builder.name,
        str(getattr(build_info, "config_hash", "")), str(getattr(build_info, "tags_hash", "")),
        *(f"{doc}\t{env.titles[doc].astext()}" for doc in sorted(env.titles)),
        *(f"{doc}\t{' '.join(env.toctree_includes[doc])}" for doc in sorted(env.toctree_includes)),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
