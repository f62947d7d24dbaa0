"""Typst as our PDF engine: the compiles in a sealed folder, their diagnostics as our warnings.

The compile root is a fresh temporary folder holding only the design and the generated
sources (one a PDF), so nothing else on the machine is readable from Typst code (``read``,
``image``, ``json``, ``#import "../x"`` all stop at the root). Fonts come from the compiler's
bundled families and the site's ``portfolio_pdf_fonts``, never from the system: the same
sources give the same PDF on every machine. Packages are never fetched: a design that
imports ``@preview/...`` or another package is refused before it is compiled
(:func:`imports_a_package`), since Typst would download it.

Every PDF is PDF/UA-1 (tagged: headings, lists, links, formulas with alt text) and PDF/A-2b.
A character that no font can draw fails those standards; it is reported as one
``pdf-font`` warning at the text's source naming the setting that fixes it, and the PDF is
made once more without the standards' check so the build still has one to show.

The folder (:class:`Sealed`) is made without Typst; :class:`Typesetter` compiles what it
holds, in the build's process or in one of its own: this file run as a script
(``python -P typeset.py FOLDER``, standard library and ``typst`` only, no Sphinx)
compiles every source of the folder and leaves the PDFs and their diagnostics in its
``out/`` (:func:`main`), which the build reads back (:func:`read_results`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import weakref
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Final

__all__ = [
    "DESIGN", "DONE", "Diagnostic", "Sealed", "Typeset", "Typesetter", "imports_a_package",
    "read_results",
]

#: What every PDF is compiled to meet.
PDF_STANDARDS: Final = ["ua-1", "a-2b"]
#: Typst says this of a character no font can draw ("the text `"송"` could not be displayed").
_NOT_DISPLAYED: Final = re.compile(r"the text `\"(?P<text>.*?)\"` could not be displayed")
#: "┌─ cv.typ:10:4": where in which file a diagnostic points.
_SPAN: Final = re.compile(r"┌─ (?P<file>[^:\n]+):(?P<line>\d+):\d+")
#: The start of one diagnostic in Typst's rendered report.
_DIAGNOSTIC: Final = re.compile(r"^(error|warning): ", re.MULTILINE)
#: ``#import "@preview/cetz:0.3.0"``, ``import "@local/x:1.0.0"``: a package Typst would fetch.
_PACKAGE_IMPORT: Final = re.compile(r"""\b(import|include)\s*\(?\s*["']@""")
MAIN: Final = "cv.typ"
DESIGN: Final = "design.typ"
#: In the sealed folder, beside the root: what the compile needs besides the root's files.
JOB: Final = "job.json"
#: In the sealed folder, beside the root: the PDFs and ``RESULTS`` a compile elsewhere made.
OUT: Final = "out"
RESULTS: Final = "results.json"
#: What a compile in another process says when its results are in place.
DONE: Final = b"done\n"


@dataclass
class Diagnostic:
    """One problem Typst reported: its message and where (file name in the root, line)."""

    message: str
    file: str = ""
    line: int = 0
    error: bool = True
    missing_glyphs: str = ""


@dataclass
class Typeset:
    """What one compile gave: the PDF (None after errors) and every diagnostic."""

    pdf: bytes | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def imports_a_package(design_source: str) -> bool:
    """Whether a design imports a Typst package (which Typst would download)."""
    return bool(_PACKAGE_IMPORT.search(design_source))


def _parse(report: str, error: bool) -> list[Diagnostic]:
    """Typst's rendered diagnostics, one :class:`Diagnostic` each."""
    starts = [match.start() for match in _DIAGNOSTIC.finditer(report)] or [0]
    found = []
    for begin, end in zip(starts, [*starts[1:], len(report)], strict=True):
        chunk = report[begin:end]
        first = chunk.splitlines()[0] if chunk.strip() else ""
        message = _DIAGNOSTIC.sub("", first, count=1).strip()
        span = _SPAN.search(chunk)
        glyphs = _NOT_DISPLAYED.search(message)
        found.append(Diagnostic(
            message=message,
            # shown relative to the working folder; the root holds only our files
            file=Path(span["file"]).name if span else "",
            line=int(span["line"]) if span else 0,
            error=error and not first.startswith("warning"),
            missing_glyphs=glyphs["text"] if glyphs else "",
        ))
    return [d for d in found if d.message]


class Sealed:
    """The folder a build's PDFs are compiled in: ``root/`` (the design and each PDF's
    source, all that Typst can read), ``fonts/`` (links to the font files named one by one)
    and what a compile in another process needs (``job.json``) and gives (``out/``).

    Made by the build (:meth:`make`, without Typst), removed by it (:meth:`remove`, or at
    the latest when the process ends); a compiling process opens it (:meth:`load`).
    """

    def __init__(self, folder: Path, font_folders: list[str], timestamp: int,
                 sources: list[str]) -> None:
        self.folder = folder
        self.root = folder / "root"
        self.font_folders = font_folders
        self.timestamp = timestamp
        #: the sources' file names in the root, in the order they are compiled
        self.sources = sources
        self._removal: weakref.finalize[[Path], Sealed] | None = None

    @classmethod
    def make(cls, design: str, fonts: Sequence[Path], timestamp: int) -> Sealed:
        folder = Path(tempfile.mkdtemp(prefix="portfolio-cv-"))
        sealed = cls(folder, [], timestamp, [])
        # removed with this object, or when the process ends: never left behind by a build
        # that failed before removing it
        sealed._removal = weakref.finalize(sealed, _remove, folder)
        sealed.root.mkdir()
        (sealed.root / DESIGN).write_text(design, encoding="utf-8")
        sealed.font_folders = _font_folders(fonts, folder / "fonts")
        return sealed

    @classmethod
    def load(cls, folder: Path) -> Sealed:
        job = json.loads((folder / JOB).read_text("utf-8"))
        return cls(folder, list(job["fonts"]), int(job["timestamp"]), list(job["sources"]))

    def add(self, source: str) -> Path:
        """``source`` (which imports ``design.typ``) as the next file to compile."""
        # a new file each time: a compiler keeps what it read, and a source rewritten
        # within its clock's resolution was taken for the one before (typst 0.15.0)
        main = self.root / f"{len(self.sources) + 1}-{MAIN}"
        main.write_text(source, encoding="utf-8")
        self.sources.append(main.name)
        return main

    def save(self) -> None:
        """What a compile in another process needs, beside the root."""
        job = {"fonts": self.font_folders, "timestamp": self.timestamp, "sources": self.sources}
        (self.folder / JOB).write_text(json.dumps(job), encoding="utf-8")

    def remove(self) -> None:
        if self._removal is not None:
            self._removal()
        else:
            _remove(self.folder)


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _font_folders(fonts: Sequence[Path], files: Path) -> list[str]:
    """The compiler reads fonts from folders: a font file named on its own is linked into a
    folder of its own, outside the compile root."""
    folders = [str(path) for path in fonts if path.is_dir()]
    single = [path for path in fonts if path.is_file()]
    if single:
        files.mkdir()
        for index, path in enumerate(single):
            (files / f"{index}-{path.name}").symlink_to(path.resolve())
        folders.append(str(files))
    return folders


class Typesetter:
    """One compiler on a :class:`Sealed` folder, for the PDFs of a build.

    The compiler is kept across the build's PDFs: it loads the fonts once, and Typst's own
    cache lets a variant reuse what the full CV already laid out (a second PDF costs a few
    milliseconds, not a fresh ~40). Used as a context manager, it removes the folder.
    """

    def __init__(self, sealed: Sealed) -> None:
        import typst  # here, not above: a build whose PDFs are up to date never loads it

        self._typst = typst
        self.sealed = sealed
        self.compiler = typst.Compiler(
            root=str(sealed.root),
            font_paths=sealed.font_folders,
            ignore_system_fonts=True,  # the same PDF on every machine
            # packages: an empty folder, so nothing is found (imports are refused before this)
            package_path=str(sealed.root / ".packages"),
            package_cache_path=str(sealed.root / ".packages"),
        )

    def __enter__(self) -> Typesetter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sealed.remove()

    def _compile(self, main: Path, standards: list[str]) -> Typeset:
        try:
            pdf, warnings = self.compiler.compile_with_warnings(
                input=str(main), format="pdf",
                pdf_standards=standards,  # type: ignore[arg-type]
                timestamp=self.sealed.timestamp)
        except self._typst.TypstError as problem:
            return Typeset(None, _parse(problem.diagnostic or problem.message, error=True))
        except Exception as problem:  # the binding's own failures: a warning, no traceback
            return Typeset(None, [Diagnostic(f"{type(problem).__name__}: {problem}")])
        diagnostics = [d for warning in warnings
                       for d in _parse(warning.diagnostic or warning.message, error=False)]
        return Typeset(pdf if isinstance(pdf, bytes) else None, diagnostics)

    def typeset_file(self, main: Path) -> Typeset:
        """The PDF of ``main``, a source in the root: tagged, PDF/UA-1, PDF/A-2b.

        When the only errors are characters no font can draw, the PDF is made again without
        the standards (still tagged), and those errors are kept as the diagnostics to report.
        """
        result = self._compile(main, PDF_STANDARDS)
        errors = [d for d in result.diagnostics if d.error]
        if result.pdf is None and errors and all(d.missing_glyphs for d in errors):
            again = self._compile(main, [])
            return Typeset(again.pdf, result.diagnostics + again.diagnostics)
        return result

    def typeset(self, source: str) -> Typeset:
        """The PDF of ``source`` (which imports ``design.typ``)."""
        return self.typeset_file(self.sealed.add(source))

    def typeset_all(self) -> list[Typeset]:
        """The PDF of each source the folder holds, in order."""
        return [self.typeset_file(self.sealed.root / name) for name in self.sealed.sources]


# -- a compile in a process of its own -----------------------------------------------------------


def write_results(sealed: Sealed, results: list[Typeset]) -> None:
    """The PDFs and their diagnostics into ``out/``, the list of them last (its presence says
    that all are there)."""
    out = sealed.folder / OUT
    out.mkdir(exist_ok=True)
    listed = []
    for index, result in enumerate(results):
        name = None
        if result.pdf is not None:
            name = f"{index + 1}.pdf"
            (out / name).write_bytes(result.pdf)
        listed.append({"pdf": name, "diagnostics": [asdict(d) for d in result.diagnostics]})
    part = out / f".{RESULTS}.part"
    part.write_text(json.dumps(listed), encoding="utf-8")
    os.replace(part, out / RESULTS)


def read_results(sealed: Sealed) -> list[Typeset] | None:
    """What :func:`write_results` left, one per source; None when it is not all there."""
    out = sealed.folder / OUT
    try:
        listed = json.loads((out / RESULTS).read_text("utf-8"))
        results = [Typeset((out / entry["pdf"]).read_bytes() if entry["pdf"] else None,
                           [Diagnostic(**d) for d in entry["diagnostics"]])
                   for entry in listed]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return results if len(results) == len(sealed.sources) else None


def main(argv: Sequence[str]) -> int:
    """``typeset.py FOLDER [TYPST_PATH]``: compile every source of the sealed FOLDER into
    its ``out/``, say :data:`DONE` on the standard output, wait for the standard input to
    close and remove the folder. The build closes it once it has read the results, or the
    system does when the build is killed (nobody will read them then): either way the
    folder goes. Nothing is written outside it."""
    folder = Path(argv[1])
    if len(argv) > 2 and argv[2] and argv[2] not in sys.path:
        sys.path.insert(0, argv[2])  # the Typst the build would load, and only it
    sealed = Sealed.load(folder)
    # a failure here leaves its traceback in the folder (stderr.txt), for the build to show
    write_results(sealed, Typesetter(sealed).typeset_all())
    try:
        os.write(1, DONE)
        while os.read(0, 64):
            pass
    except OSError:  # a pipe's other end is closed: the build is gone
        pass
    sealed.remove()
    return 0


if __name__ == "__main__":
    status = main(sys.argv)
    os._exit(status)  # the build waits for this: no ~15 ms of Typst's compiler taken apart
