"""The PDFs of an HTML build, compiled in a process of their own while the pages are written
(pdf/_compile.py): the same bytes as a compile in the build's process, the same located
warnings, one warning and no PDF when that process fails, and nothing left half-written or
behind when the build is killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, build_and_clean_up, pdfs, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.pdf import _compile
from sphinx_portfolio.pdf._compile import Compile

pytestmark = pytest.mark.slow  # takes seconds: left out of the quick suite (-m "not slow")

_DESIGN = (REPO / "ext/sphinx_portfolio/pdf/designs/classic.typ").read_text("utf-8")


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[Compile]]:
    """Every compile started in another process, its temporary folder in ``tmp_path/tmp``
    (to see that none is left behind)."""
    started: list[Compile] = []
    start = Compile.start.__func__  # type: ignore[attr-defined]

    def spy(cls: type[Compile], sealed: Any) -> Compile | None:
        compile_ = start(cls, sealed)
        if compile_ is not None:
            started.append(compile_)
        return compile_

    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setattr(Compile, "start", classmethod(spy))
    yield started
    assert list((tmp_path / "tmp").iterdir()) == []  # each sealed folder removed


def _failing_python(tmp_path: Path, script: str) -> str:
    """An "interpreter" that runs ``script`` (a shell script) instead of the compile."""
    if os.name == "nt":
        pytest.skip("a shell script as the interpreter")
    path = tmp_path / "python"
    path.write_text(f"#!/bin/sh\n{script}\n", "utf-8")
    path.chmod(0o755)
    return str(path)


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-overlap-bytes")
def test_the_pdfs_are_the_bytes_of_a_compile_in_the_builds_process(
        app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], tmp_path: Path,
        compiles: list[Compile]) -> None:
    build_and_clean_up(app)
    assert warnings_of(app) == ""
    assert len(compiles) == 1 and compiles[0].process.pid != os.getpid()
    assert compiles[0].process.returncode == 0  # ended, waited for
    written = {path.name: path.read_bytes() for path in pdfs(app)}
    assert len(written) == 2  # the CV and its variant, from one process
    here = make_app("cvpdf", srcdir=app.srcdir, builddir=tmp_path / "cvpdf")
    here.build()  # cvpdf compiles in its own process: nothing to overlap
    assert len(compiles) == 1
    assert {path.name: path.read_bytes() for path in pdfs(here)} == written
    here.cleanup()


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-overlap-fails")
def test_a_compile_that_fails_is_one_located_warning_and_no_pdf(
        app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], tmp_path: Path,
        compiles: list[Compile], monkeypatch: pytest.MonkeyPatch) -> None:
    build_and_clean_up(app)
    written = {path.name: path.read_bytes() for path in pdfs(app)}
    assert len(written) == 2
    page = Path(app.srcdir, "honors.md")
    page.write_text(page.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    monkeypatch.setattr(sys, "executable", _failing_python(tmp_path, "echo boom >&2; exit 3"))
    failed = make_app("html", srcdir=app.srcdir)
    failed.build()
    found = [line for line in warnings_of(failed).splitlines() if "WARNING" in line]
    assert len(found) == 1, found
    assert "index.md: WARNING: the PDF CVs were not made: Typst's process failed (exit " \
           "status 3): boom [portfolio.pdf]" in found[0]
    assert pdfs(failed) == []  # no stale CV beside pages it no longer matches
    failed.cleanup()
    monkeypatch.undo()  # the real interpreter: the next build makes them again
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert warnings_of(again) == ""
    assert sorted(path.name for path in pdfs(again)) == sorted(written)
    again.cleanup()


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-overlap-timeout")
def test_a_compile_that_does_not_end_is_stopped(
        app: SphinxTestApp, tmp_path: Path, compiles: list[Compile],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", _failing_python(tmp_path, "exec sleep 60"))
    monkeypatch.setattr(_compile, "TIMEOUT", 0.5)
    started = time.perf_counter()
    app.build()
    assert time.perf_counter() - started < 30
    found = [line for line in warnings_of(app).splitlines() if "WARNING" in line]
    assert len(found) == 1 and "Typst's process did not finish in 0.5 s" in found[0], found
    assert compiles[0].process.returncode is not None  # stopped, not left running
    assert pdfs(app) == []


@pytest.mark.sphinx("html", testroot="pdf-cjk", srcdir="pdf-overlap-located")
def test_typsts_diagnostics_are_located_at_the_page_lines(
        app: SphinxTestApp, compiles: list[Compile]) -> None:
    app.build()
    assert len(compiles) == 1
    found = [line for line in warnings_of(app).splitlines() if "[portfolio.pdf-font]" in line]
    assert len(found) == 2, found
    assert "notes.md:5: WARNING: Song_Minhak_CV.pdf: no font of the PDF CV can draw " \
        "'과학'" in found[0]
    assert "honors.md:3: WARNING:" in found[1]
    assert pdfs(app)


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-overlap-design")
def test_a_typst_error_in_a_design_is_located_in_it(
        app_params: Any, make_app: Callable[..., SphinxTestApp],
        compiles: list[Compile]) -> None:
    args, kwargs = app_params
    srcdir = kwargs["srcdir"]
    (srcdir / "_templates").mkdir()
    (srcdir / "_templates" / "portfolio-cv.typ").write_text(_DESIGN.replace(
        "#let cv(meta, body) = {", "#let cv(meta, body) = {\n  undefined-thing"), "utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8") + 'templates_path = ["_templates"]\n', "utf-8")
    built = make_app(*args, **kwargs)
    built.build()
    assert len(compiles) == 1
    line = 1 + next(number for number, text in enumerate(_DESIGN.splitlines(), start=1)
                    if text.startswith("#let cv(meta, body) = {"))
    warnings = warnings_of(built)
    assert f"_templates/portfolio-cv.typ:{line}: WARNING: Ada_Example_CV.pdf: Typst: " \
           "unknown variable: undefined-thing" in warnings
    assert pdfs(built) == []


_KILL = '''
import glob, os, signal, tempfile, time

def _kill(app, *args):
    if os.environ["KILL_AT"] == "build-finished":  # once the compile's results are in place
        deadline = time.monotonic() + 60
        while not glob.glob(os.path.join(tempfile.gettempdir(), "*", "out", "results.json")):
            assert time.monotonic() < deadline
            time.sleep(0.01)
    os.kill(os.getpid(), signal.SIGKILL)

def setup(app):
    if os.environ.get("KILL_AT"):  # after the compile started (500), before it is read (500)
        app.connect(os.environ["KILL_AT"], _kill,
                    priority=900 if os.environ["KILL_AT"] == "write-started" else 100)
'''


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
@pytest.mark.parametrize("when", ["write-started", "build-finished"])
def test_a_build_killed_while_typst_compiles_leaves_nothing(
        rootdir: Path, tmp_path: Path, when: str) -> None:
    """The build is killed as soon as the compile is started, or once its results are in
    place, not yet read: the process finds its build gone and removes its folder; nothing is
    in the output, and the next build writes the PDFs a clean build writes."""
    site = tmp_path / "site"
    shutil.copytree(rootdir / "test-pdf", site)
    conf = site / "conf.py"
    conf.write_text(conf.read_text("utf-8") + _KILL, "utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary), "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(site), str(site / "OUT")]
    killed = subprocess.run(command, env={**env, "KILL_AT": when},
                            capture_output=True, timeout=300, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    deadline = time.monotonic() + 60
    while any(temporary.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(temporary.iterdir()) == []  # the compile's process removed its folder
    assert not [path for path in (site / "OUT").rglob("*")
                if path.suffix == ".pdf" or path.name.endswith(".part")]
    finished = subprocess.run(command, env=env, capture_output=True, timeout=300, check=False)
    assert finished.returncode == 0 and not finished.stderr, finished.stderr.decode()
    clean = subprocess.run([*command[:-1], str(tmp_path / "clean")], env=env,
                           capture_output=True, timeout=300, check=False)
    assert clean.returncode == 0, clean.stderr.decode()
    written = {path.name: path.read_bytes() for path in (site / "OUT").glob("*.pdf")}
    assert len(written) == 2
    assert written == {path.name: path.read_bytes() for path in (tmp_path / "clean").glob("*.pdf")}
    assert list(temporary.iterdir()) == []
