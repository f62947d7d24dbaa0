"""sphinxcontrib-bibtex gets its entries from :mod:`.bibcheck`, with each problem located.

Runs at ``builder-inited`` just before sphinxcontrib-bibtex's own handler and hands
it a bibliography whose file times are current, so that it keeps ours instead of
parsing the files again with pybtex (which stops at the first bad entry and logs
one unlocated warning). Problems are reported on every build, as data problems are.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

from .bibcheck import CheckedBib, read_bib_files
from .store import warn_at

#: Run before sphinxcontrib-bibtex's ``builder-inited`` handler (default priority 500).
PRIORITY = 400

_cache: dict[tuple[tuple[Path, ...], str], tuple[tuple[float, ...], CheckedBib]] = {}
# The bibliography of the build under way (set at builder-inited; parallel workers fork later).
_this_build: CheckedBib | None = None


def bib_paths(app: Sphinx) -> list[Path]:
    """The configured .bib files, resolved the way sphinxcontrib-bibtex resolves them."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or ()]


def checked_bib(paths: list[Path], encoding: str) -> CheckedBib:
    """The files read by :func:`read_bib_files`, again only when one of them changed."""
    mtimes = tuple(get_mtime(path) for path in paths)
    key = (tuple(paths), encoding)
    cached = _cache.get(key)
    if cached is None or cached[0] != mtimes:
        cached = (mtimes, read_bib_files(paths, encoding))
        _cache[key] = cached
    return cached[1]


def entry_location(key: str) -> tuple[Path, int] | None:
    """Where the entry ``key`` of this build's bibliography is written (file, line)."""
    return _this_build.lines.get(key.lower()) if _this_build else None


def load_bibliography(app: Sphinx) -> None:
    """``builder-inited``: read the .bib files leniently and report what is wrong in them."""
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex reports the missing setting itself
    paths = bib_paths(app)
    encoding = str(app.config.bibtex_encoding)
    checked = checked_bib(paths, encoding)
    global _this_build
    _this_build = checked
    app.env.get_domain("cite").data["bibdata"] = BibData(
        encoding=encoding,
        bibfiles={
            path: BibFile(mtime=get_mtime(path), keys=dict.fromkeys(checked.keys.get(path, [])))
            for path in paths
        },
        data=checked.data,
    )
    report_bib_problems(app.env, checked)


def report_bib_problems(env: BuildEnvironment, checked: CheckedBib) -> None:
    for problem in checked.problems:
        warn_at(env, problem.path, problem.line, problem.message, problem.subtype)
