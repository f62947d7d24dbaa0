"""``cvpdf``, the builder that writes only the PDF CVs, and the PDFs of every HTML build.

``sphinx-build -b cvpdf`` writes the full CV and each variant (Read the Docs' PDF download,
people who want just the CV); every HTML build writes the same PDFs beside its pages once
they are written. Both go through :mod:`.write`.

An HTML build makes the PDFs' Typst sources at ``write-started`` (the environment is
complete, no page is written yet), and Typst compiles them in a process of its own
(:mod:`._compile`) while this one writes the pages: the compile holds the GIL (a thread
would gain nothing), and a process *forked* after Typst has run in it (a test session, a
notebook) waits forever on the thread pool it copied, so the process is a fresh interpreter.
At ``build-finished`` the build waits for it and writes the PDFs, as ``cvpdf`` does after
compiling them itself (it has no pages to overlap).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri

from .._compat.sphinx import builder_app
from .._shared import writes_html
from ..buildstate import build_state
from .translator import TypstTranslator

if TYPE_CHECKING:
    from ._compile import Compile
    from .write import CVs

__all__ = ["CVPDFBuilder", "start_pdf_compile", "write_pdfs_into_site"]


class CVPDFBuilder(Builder):
    """Writes ``<CV>.pdf`` and each variant's PDF into the output folder."""

    name = "cvpdf"
    format = "pdf"
    epilog = "The PDF CVs are in %(outdir)s."
    default_translator_class = TypstTranslator

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        #: the pages the CV being made holds (set while it is assembled)
        self.docnames: set[str] = set()

    def get_outdated_docs(self) -> str | Iterable[str]:
        return "the PDF CVs"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        if docname not in self.docnames:
            raise NoUri(docname, typ)
        return "%" + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        # one document: every page is the same file
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        from .write import write_cvs  # Typst, only when writing

        write_cvs(builder_app(self), self, Path(self.outdir))

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass  # write_documents writes the whole CV at once


def _writes_pdfs(app: Sphinx, builder: Builder) -> bool:
    return writes_html(builder) and bool(app.config.portfolio_pdf)


def start_pdf_compile(app: Sphinx, builder: Builder) -> None:
    """``write-started``: every HTML build (html, dirhtml, singlehtml, EPUB's folder) makes
    the sources of the PDF CVs that are due, and starts their compile beside the pages."""
    if not _writes_pdfs(app, builder):
        return
    from .write import make_sources

    state = build_state(app.env)
    cvs = make_sources(app, CVPDFBuilder(app, app.env), Path(app.outdir))
    if cvs is None:  # up to date
        state.pdf_under_way = ()
        return
    from ._compile import Compile

    # no process: they are compiled here (Compile.start says why it could not start one)
    state.pdf_under_way = (cvs, Compile.start(cvs.sealed))


def write_pdfs_into_site(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the PDF CVs into the HTML output, so the pages' CV links work in
    the build they come from."""
    state = build_state(app.env)
    if exception is None and state.pdf_under_way is None and _writes_pdfs(app, app.builder):
        # no write-started: Sphinx 8 skips writing when no page is out of date, and a
        # missing PDF is due all the same (nothing to overlap: all here)
        from .write import write_cvs

        write_cvs(app, CVPDFBuilder(app, app.env), Path(app.outdir))
        return
    under_way: tuple[CVs, Compile | None] | tuple[()] | None = state.pdf_under_way
    state.pdf_under_way = None
    if not under_way:  # not an HTML build with PDFs, or they are up to date
        return
    cvs, compile_ = under_way
    if exception is not None:  # no PDF from a failed build (nor a key: the next makes them)
        if compile_ is not None:
            compile_.stop()
        cvs.remove()
        return
    from ._compile import CompileFailed

    if compile_ is None:  # no process could be started
        cvs.write(cvs.typeset_here())
        return
    try:
        results = compile_.results()
    except CompileFailed as failed:
        cvs.fail(str(failed))
    else:
        cvs.write(results)  # while the process ends
    finally:
        compile_.end()
        cvs.remove()
