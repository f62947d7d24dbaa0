"""Typst as our PDF engine: one compile in a sealed folder, its diagnostics as our warnings.

The compile root is a fresh temporary folder holding only the generated ``cv.typ`` and the
design it imports, so nothing else on the machine is readable from Typst code (``read``,
``image``, ``json``, ``#import "../x"`` all stop at the root). Fonts come from the compiler's
bundled families and the site's ``portfolio_pdf_fonts``, never from the system: the same
sources give the same PDF on every machine. Packages are never fetched: a design that
imports ``@preview/...`` or another package is refused before it is compiled
(:func:`imports_a_package`), since Typst would download it.

Every PDF is PDF/UA-1 (tagged: headings, lists, links, formulas with alt text) and PDF/A-2b.
A character that no font can draw fails those standards; it is reported as one
``pdf-font`` warning at the text's source naming the setting that fixes it, and the PDF is
made once more without the standards' check so the build still has one to show.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

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
            # shown relative to the working folder; the root holds only our two files
            file=Path(span["file"]).name if span else "",
            line=int(span["line"]) if span else 0,
            error=error and not first.startswith("warning"),
            missing_glyphs=glyphs["text"] if glyphs else "",
        ))
    return [d for d in found if d.message]


class Typesetter:
    """A sealed compile folder and one compiler for the PDFs of a build.

    The compiler is kept across the build's PDFs: it loads the fonts once, and Typst's own
    cache lets a variant reuse what the full CV already laid out (a second PDF costs a few
    milliseconds, not a fresh ~40).
    """

    def __init__(self, design: str, fonts: Sequence[Path], timestamp: int) -> None:
        import typst  # here, not above: a build whose PDFs are up to date never loads it

        self._typst = typst
        self._folder = tempfile.TemporaryDirectory(prefix="portfolio-cv-")
        self.root = Path(self._folder.name) / "root"
        self.root.mkdir()
        (self.root / DESIGN).write_text(design, encoding="utf-8")
        self.timestamp = timestamp
        self._compiled = 0
        self.compiler = typst.Compiler(
            root=str(self.root),
            font_paths=self._font_folders(fonts, Path(self._folder.name) / "fonts"),
            ignore_system_fonts=True,  # the same PDF on every machine
            # packages: an empty folder, so nothing is found (imports are refused before this)
            package_path=str(self.root / ".packages"),
            package_cache_path=str(self.root / ".packages"),
        )

    @staticmethod
    def _font_folders(fonts: Sequence[Path], files: Path) -> list[str]:
        """The compiler reads fonts from folders: a font file named on its own is linked into
        a folder of its own, outside the compile root."""
        folders = [str(path) for path in fonts if path.is_dir()]
        single = [path for path in fonts if path.is_file()]
        if single:
            files.mkdir()
            for index, path in enumerate(single):
                (files / f"{index}-{path.name}").symlink_to(path.resolve())
            folders.append(str(files))
        return folders

    def __enter__(self) -> Typesetter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._folder.cleanup()

    def _compile(self, main: Path, standards: list[str]) -> Typeset:
        try:
            pdf, warnings = self.compiler.compile_with_warnings(
                input=str(main), format="pdf",
                pdf_standards=standards,  # type: ignore[arg-type]
                timestamp=self.timestamp)
        except self._typst.TypstError as problem:
            return Typeset(None, _parse(problem.diagnostic or problem.message, error=True))
        except Exception as problem:  # the binding's own failures: a warning, no traceback
            return Typeset(None, [Diagnostic(f"{type(problem).__name__}: {problem}")])
        diagnostics = [d for warning in warnings
                       for d in _parse(warning.diagnostic or warning.message, error=False)]
        return Typeset(pdf if isinstance(pdf, bytes) else None, diagnostics)

    def typeset(self, source: str) -> Typeset:
        """The PDF of ``source`` (which imports ``design.typ``): tagged, PDF/UA-1, PDF/A-2b.

        When the only errors are characters no font can draw, the PDF is made again without
        the standards (still tagged), and those errors are kept as the diagnostics to report.
        """
        # a new file each time: the compiler keeps what it read, and a source rewritten
        # within its clock's resolution was taken for the one before (typst 0.15.0)
        self._compiled += 1
        main = self.root / f"{self._compiled}-{MAIN}"
        main.write_text(source, encoding="utf-8")
        result = self._compile(main, PDF_STANDARDS)
        errors = [d for d in result.diagnostics if d.error]
        if result.pdf is None and errors and all(d.missing_glyphs for d in errors):
            again = self._compile(main, [])
            return Typeset(again.pdf, result.diagnostics + again.diagnostics)
        return result
