"""Nothing lost, nothing leaked, nothing stale: a build killed at any point, or one whose
files could not be written, is followed by a build whose output is exactly a clean build's.

The site is the starter (``sphinx-portfolio new``: pages, data files, refs.bib, the PDF
CV) with two more papers; between its first build and the next, two titles in refs.bib and
a data file are edited. Each build is ``sphinx-build -b html docs OUT`` in a process of its
own, so it can be killed (SIGKILL: no ``finally``, no handler runs): at fractions of one
uninterrupted build's duration, and as soon as it writes the file that starts each step
(the environment, a page, a paper page, the search index, the feed, the PDF), as timing
alone hits the short steps only by chance. Then a normal build runs, and its output is
compared with a clean build of the same sources in a fresh folder, file by file and byte by
byte. The incremental build is killed, and the first build too.

What is not compared: ``.buildinfo`` (Sphinx's record of the settings, rewritten by every
build) and ``OUT/.doctrees`` (the cache, not the output). No timestamp needs normalising:
``SOURCE_DATE_EPOCH`` is fixed, which dates the PDFs and an undated feed, and the pages
show no build date. ``searchindex.js`` is compared as its data, less the words that point
to no page: Sphinx's incremental index keeps a word whose pages no longer have it, with no
page, where a clean build has no such word (an uninterrupted incremental build does the
same; no search finds anything by it).

The files a build could not write (read-only folders, emulated: the tests run as root, to
whom ``chmod`` forbids nothing) are one ``output`` warning each writer, and the next build
writes them. And two inputs that no page's reading shows: a .bib edit where no page lists
the papers (the feed's stamp), and a PDF that two builders sharing a doctree folder write
(its key).
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import build_and_clean_up, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.starter import write_site

pytestmark = pytest.mark.slow  # takes seconds: left out of the quick suite (-m "not slow")

#: Fixed, so the PDFs (and an undated feed) are the same bytes in every build.
SOURCE_DATE_EPOCH = "1700000000"

#: Two more papers, so pages list co-authors' papers and the feed has a few entries.
MORE_PAPERS = """
@inproceedings{doe2024second,
  title     = {A Second Look at Step Sizes},
  author    = {Doe, Jane and Roe, John and Poe, Richard},
  booktitle = {Proceedings of the Example Workshop},
  year      = {2024},
  eprint    = {2401.00001},
}

@article{roe2022survey,
  title    = {A Survey of Examples},
  author   = {Roe, John and Doe, Jane},
  journal  = {Example Review},
  year     = {2022},
  abstract = {Examples, surveyed.},
}
"""

#: The edit between the builds: two titles (the list, the paper pages, their neighbours'
#: "More with these co-authors", the feed, the downloads, the PDF) and a data file.
EDITS = {
    "docs/refs.bib": [("Faster Training with Fewer Steps", "Fast Training in Few Steps"),
                      ("A Survey of Examples", "A Short Survey of Examples")],
    "docs/_data/experience.yaml": [("role: Graduate Researcher", "role: Doctoral Researcher")],
}


def _site(where: Path) -> Path:
    write_site(where)
    with (where / "docs" / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(MORE_PAPERS)
    return where


def _edit(site: Path) -> None:
    for name, replacements in EDITS.items():
        path = site / name
        text = path.read_text("utf-8")
        for old, new in replacements:
            assert old in text, (name, old)
            text = text.replace(old, new)
        path.write_text(text, "utf-8")


def _start(site: Path) -> subprocess.Popen[bytes]:
    """``sphinx-build -b html docs OUT`` (``python -m sphinx`` is sphinx-build) in ``site``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    return subprocess.Popen([sys.executable, "-m", "sphinx", "-q", "-b", "html", "docs", "OUT"],
                            cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _build(site: Path) -> float:
    """A normal build; how long it took. It must succeed and warn of nothing."""
    started = time.perf_counter()
    process = _start(site)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0 and not stderr, stderr.decode()
    return time.perf_counter() - started


def _killed(site: Path, after: float | None, watched: tuple[str, ...]) -> bool:
    """A build killed ``after`` seconds, or as soon as one of the ``watched`` files of its
    output changed (was written, replaced or made); whether it was still running then."""
    def state(name: str) -> tuple[int, int] | None:
        try:
            stat = (site / "OUT" / name).stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns

    before = {name: state(name) for name in watched}
    process = _start(site)
    started = time.perf_counter()
    while process.poll() is None:
        if (time.perf_counter() - started >= after if after is not None
                else any(state(name) != before[name] for name in watched)):
            process.kill()  # SIGKILL
            process.wait()
            return True
        time.sleep(0.002)
    return False


#: Not output (see the module's docstring).
_NOT_COMPARED = {".buildinfo"}


def _output(site: Path) -> dict[str, bytes]:
    """Every file of the site's output, by its path in it, as compared."""
    return _files(site / "OUT")


def _files(out: Path) -> dict[str, bytes]:
    files = {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*")
             if path.is_file() and ".doctrees" not in path.relative_to(out).parts}
    for name in _NOT_COMPARED:
        files.pop(name, None)
    if "searchindex.js" in files:
        files["searchindex.js"] = _search_index(files["searchindex.js"])
    return files


def _search_index(script: bytes) -> bytes:
    """The index's data, without words that point to no page (see the docstring)."""
    text = script.decode("utf-8")
    data = json.loads(text[text.index("(") + 1:text.rindex(")")])
    for terms in ("terms", "titleterms"):
        data[terms] = {word: pages for word, pages in data[terms].items() if pages != []}
    return json.dumps(data, sort_keys=True).encode()


def _differences(got: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    """What is missing, extra or different (with the first lines that differ, to read)."""
    return ([f"missing {name}" for name in sorted(expected.keys() - got.keys())]
            + [f"extra {name}" for name in sorted(got.keys() - expected.keys())]
            + [f"differs {name}: {_first_difference(got[name], expected[name])}"
               for name in sorted(got.keys() & expected.keys()) if got[name] != expected[name]])


def _first_difference(got: bytes, expected: bytes) -> str:
    """Around the first character that differs: expected, then got."""
    at = next((i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
              min(len(got), len(expected)))
    return (f"expected ...{expected[max(at - 80, 0):at + 80]!r}... "
            f"got ...{got[max(at - 80, 0):at + 80]!r}...")


@dataclass
class Sites:
    root: Path
    built: Path  # the original sources, built once (copied for each run)
    clean: dict[str, bytes]  # a clean build of the edited sources
    clean_time: float
    incremental_time: float  # one uninterrupted incremental build after the edit

    def copy(self, name: str, *, output: bool = True) -> Path:
        target = self.root / name
        shutil.copytree(self.built, target, symlinks=True,  # copy2: the times Sphinx reads
                        ignore=None if output else shutil.ignore_patterns("OUT"))
        _edit(target)
        return target


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    root = tmp_path_factory.mktemp("killed")
    clean = _site(root / "clean")
    _edit(clean)
    clean_time = _build(clean)
    built = _site(root / "built")
    _build(built)
    sites = Sites(root, built, _output(clean), clean_time, 0.0)
    uninterrupted = sites.copy("uninterrupted")
    sites.incremental_time = _build(uninterrupted)
    # the yardstick itself: an incremental build gives the clean build's output
    assert _differences(_output(uninterrupted), sites.clean) == []
    return sites


#: The starter's pages and papers (their output files).
PAGES = tuple(f"{name}.html" for name in (
    "cv", "experience", "honors", "index", "projects", "publications", "skills", "teaching"))
PAPERS = tuple(f"publications/{key}.html" for key in (
    "doe2025faster", "doe2024second", "doe2023first", "roe2022survey"))


@dataclass(frozen=True)
class Kill:
    """When a build is killed: ``fraction`` of one uninterrupted build's duration (timing,
    from Python starting to the PDF at the end, is the machine's), or as soon as one of the
    ``watched`` output files is written (the moments when what is saved and what is written
    differ most)."""

    name: str
    fraction: float | None = None
    watched: tuple[str, ...] = ()


#: Spread over the build, and at each step that saves or writes something.
KILLS = (
    Kill("at 0.3 of its time", fraction=0.3),
    Kill("at 0.6 of its time", fraction=0.6),
    Kill("at 0.9 of its time", fraction=0.9),
    # the environment is saved (read, not written): the pages still to be written
    Kill("environment saved", watched=(".doctrees/environment.pickle",)),
    # one page written, the others not
    Kill("first page written", watched=PAGES),
    Kill("first paper page written", watched=PAPERS),
    # every page written; the feed, the downloads and the PDF still to come
    Kill("search index written", watched=("searchindex.js",)),
    Kill("feed written", watched=("publications.atom",)),
    Kill("PDF written", watched=("Jane_Doe_CV.pdf",)),
)
#: A first build: fewer points (each costs a build and a half).
FIRST_KILLS = (KILLS[1], KILLS[4], KILLS[5], KILLS[7])


def _kill_then_build(sites: Sites, name: str, kill: Kill, *, first: bool) -> None:
    """Copy, kill a build of the edited sources as ``kill`` says, build normally and
    compare with the clean build."""
    site = sites.copy(name, output=not first)
    duration = sites.clean_time if first else sites.incremental_time
    after = kill.fraction * duration if kill.fraction is not None else None
    killed = _killed(site, after, kill.watched)
    if kill.watched:  # these moments are well before the end: the test tests something
        assert killed, f"the build finished before it was killed ({kill.name})"
    _build(site)
    assert _differences(_output(site), sites.clean) == [], f"killed {kill.name}"


@pytest.mark.parametrize("kill", KILLS, ids=[kill.name for kill in KILLS])
def test_a_build_killed_during_an_incremental_build_is_made_good_by_the_next(
        sites: Sites, kill: Kill) -> None:
    """After an edit of refs.bib and a data file: killed, then one normal build: the clean
    build's output, and not a file more (no half-written file, no part of one beside it)."""
    _kill_then_build(sites, f"incremental {kill.name}", kill, first=False)


@pytest.mark.parametrize("kill", FIRST_KILLS, ids=[kill.name for kill in FIRST_KILLS])
def test_a_first_build_killed_is_made_good_by_the_next(sites: Sites, kill: Kill) -> None:
    _kill_then_build(sites, f"first {kill.name}", kill, first=True)


# --- files that could not be written ----------------------------------------------------------

_OUTPUT_WARNING = re.compile(r"^(?P<where>\S+):(?P<line>\d+): WARNING: (?P<text>.*) "
                             r"\[portfolio\.output\]$")


def _read_only(monkeypatch: pytest.MonkeyPatch, folder: Path,
               names: Callable[[str], bool] = lambda name: True) -> None:
    """Make files in ``folder`` (those whose name ``names`` takes) fail to be created,
    written, replaced or removed, as a read-only folder does for a user who is not root."""
    folder = folder.resolve()

    def guarded(path: Any) -> None:
        try:
            where = Path(os.fsdecode(path)).resolve()
        except (TypeError, ValueError):
            return
        if where.parent == folder and names(where.name):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    def opener(real: Callable[..., Any]) -> Callable[..., Any]:
        def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, bytes, os.PathLike)) and set(mode) & set("wax+"):
                guarded(file)
            return real(file, mode, *args, **kwargs)
        return open_

    def os_open(real: Callable[..., Any]) -> Callable[..., Any]:
        def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                guarded(path)
            return real(path, flags, *args, **kwargs)
        return open_

    def moving(real: Callable[..., Any]) -> Callable[..., Any]:
        def move(source: Any, target: Any, *args: Any, **kwargs: Any) -> Any:
            guarded(source)
            guarded(target)
            return real(source, target, *args, **kwargs)
        return move

    def removing(real: Callable[..., Any]) -> Callable[..., Any]:
        def remove(path: Any, *args: Any, **kwargs: Any) -> Any:
            guarded(path)
            return real(path, *args, **kwargs)
        return remove

    monkeypatch.setattr(builtins, "open", opener(builtins.open))
    monkeypatch.setattr(io, "open", opener(io.open))
    monkeypatch.setattr(os, "open", os_open(os.open))
    monkeypatch.setattr(os, "replace", moving(os.replace))
    monkeypatch.setattr(os, "rename", moving(os.rename))
    monkeypatch.setattr(os, "unlink", removing(os.unlink))
    monkeypatch.setattr(os, "remove", removing(os.remove))


def _output_warnings(app: SphinxTestApp) -> list[re.Match[str]]:
    lines = warnings_of(app).splitlines()
    matches = [_OUTPUT_WARNING.match(line) for line in lines]
    assert len(matches) == len(lines) and all(matches), lines  # only these, no traceback
    return [match for match in matches if match]


def _outputs_of(app: SphinxTestApp) -> dict[str, bytes]:
    return _files(Path(app.outdir))


def _retitle(srcdir: Path) -> None:
    bib = srcdir / "refs.bib"
    text = bib.read_text("utf-8")
    assert "Sharpness and {Edge} of Stability" in text
    bib.write_text(text.replace("Sharpness and {Edge} of Stability", "Renamed Later"), "utf-8")


def _clean_build(make_app: Callable[..., SphinxTestApp], srcdir: Path,
                 builddir: Path) -> dict[str, bytes]:
    return _outputs_of(build_and_clean_up(make_app("html", srcdir=srcdir, builddir=builddir)))


@pytest.mark.sphinx("html", testroot="feeds", srcdir="killed-page-unwritable")
def test_a_paper_page_that_could_not_be_written_is_written_by_the_next_build(
    make_app: Callable[..., SphinxTestApp], app_params: Any, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """One paper's page cannot be written (its title changed, so it is due): one located
    ``output`` warning and the build goes on; the next build, with nothing changed, writes
    it, as a clean build does."""
    args, kwargs = app_params
    srcdir = Path(kwargs["srcdir"])
    build_and_clean_up(make_app(*args, **kwargs))
    _retitle(srcdir)
    with monkeypatch.context() as patch:
        outdir = srcdir / "_build" / "html"
        _read_only(patch, outdir / "publications", lambda name: "example2024conf.html" in name)
        failed = build_and_clean_up(make_app(*args, **kwargs))
    (warning,) = _output_warnings(failed)
    assert "publications/example2024conf.html" in warning["text"], warning["text"]
    assert Path(warning["where"]).name == "conf.py"
    assert "Renamed Later" not in (outdir / "publications/example2024conf.html").read_text("utf-8")
    again = build_and_clean_up(make_app(*args, **kwargs))
    assert warnings_of(again) == ""
    assert "0 source files that are out of date" in again.status.getvalue()
    written = _outputs_of(again)
    assert _differences(written, _clean_build(make_app, srcdir, tmp_path / "clean")) == []
    assert b"Renamed Later" in written["publications/example2024conf.html"]


@pytest.mark.sphinx("html", testroot="feeds", srcdir="killed-folder-unwritable")
def test_a_read_only_paper_folder_is_one_warning_a_writer_then_written_by_the_next_build(
    make_app: Callable[..., SphinxTestApp], app_params: Any, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """``publications/`` cannot be written: the paper pages are one warning, their BibTeX
    downloads (the feed writer) another, no error; the next build writes them all."""
    args, kwargs = app_params
    srcdir = Path(kwargs["srcdir"])
    build_and_clean_up(make_app(*args, **kwargs))
    _retitle(srcdir)
    with monkeypatch.context() as patch:
        _read_only(patch, srcdir / "_build" / "html" / "publications")
        failed = build_and_clean_up(make_app(*args, **kwargs))
    warnings = _output_warnings(failed)
    assert len(warnings) == 2, [match["text"] for match in warnings]
    pages, downloads = sorted(warnings, key=lambda match: "paper page" not in match["text"])
    assert "publications/example2024conf.html" in pages["text"], pages["text"]
    assert "publications/example2024conf.bib" in downloads["text"], downloads["text"]
    again = build_and_clean_up(make_app(*args, **kwargs))
    assert warnings_of(again) == ""
    written = _outputs_of(again)
    assert _differences(written, _clean_build(make_app, srcdir, tmp_path / "clean")) == []
    assert b"Renamed Later" in written["publications/example2024conf.bib"]


@pytest.mark.sphinx("html", testroot="killed-no-list", srcdir="killed-no-list")
def test_an_edit_no_page_reads_is_published_by_the_next_build(
    make_app: Callable[..., SphinxTestApp], app_params: Any, tmp_path: Path,
) -> None:
    """No page lists the papers, so a .bib edit reads no page again: the paper pages, the
    feed and the downloads still show it, as a clean build does (the feed's stamp had said
    "made", for other entries)."""
    args, kwargs = app_params
    build_and_clean_up(make_app(*args, **kwargs))
    _retitle(Path(kwargs["srcdir"]))
    again = build_and_clean_up(make_app(*args, **kwargs))
    assert "0 source files that are out of date" in again.status.getvalue()
    written = _outputs_of(again)
    assert _differences(written, _clean_build(make_app, Path(kwargs["srcdir"]),
                                              tmp_path / "clean")) == []
    assert b"Renamed Later" in written["publications.atom"]


@pytest.mark.sphinx("html", testroot="pdf", srcdir="killed-shared-doctrees")
def test_builders_that_share_the_doctree_folder_each_write_the_current_pdf(
    make_app: Callable[..., SphinxTestApp], app_params: Any, tmp_path: Path,
) -> None:
    """``-M html`` and ``-M cvpdf`` keep one doctree folder: after an edit, the html build
    writes its PDF, and the cvpdf build still writes its own (the first's record of the
    PDF it wrote says nothing of the second's file)."""
    srcdir = Path(app_params.kwargs["srcdir"])
    build_and_clean_up(make_app("html", srcdir=srcdir))
    build_and_clean_up(make_app("cvpdf", srcdir=srcdir))
    projects = srcdir / "projects.md"
    projects.write_text(projects.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")
    html = build_and_clean_up(make_app("html", srcdir=srcdir))
    cvpdf = build_and_clean_up(make_app("cvpdf", srcdir=srcdir))
    assert Path(html.doctreedir) == Path(cvpdf.doctreedir)
    clean = _clean_build(make_app, srcdir, tmp_path / "clean")
    for name in ("Ada_Example_CV.pdf", "Ada_Example_CV_short.pdf"):
        assert (Path(cvpdf.outdir) / name).read_bytes() == clean[name], name
        assert (Path(html.outdir) / name).read_bytes() == clean[name], name
