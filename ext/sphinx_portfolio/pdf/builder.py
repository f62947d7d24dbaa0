"""``cvpdf``, the builder that writes only the PDF CVs, and the PDFs of every HTML build.

``sphinx-build -b cvpdf`` writes the full CV and each variant (Read the Docs' PDF download,
people who want just the CV); every HTML build writes the same PDFs beside its pages once
they are written. Both go through :mod:`.write`.

The PDFs are written in the build's own process, after the pages. Writing them in a forked
process beside the pages was tried: the Typst compiler keeps the GIL (a thread gains
nothing), and a process forked after Typst has run in it (a test session, a notebook) waits
forever on the thread pool it copied.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri

from .translator import TypstTranslator


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

        # Sphinx 9 keeps the application as ``_app`` (``app`` is deprecated); 8 as ``app``
        app: Sphinx = self._app if hasattr(self, "_app") else self.app
        write_cvs(app, self, Path(self.outdir))

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass  # write_documents writes the whole CV at once


def write_with_the_site(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: every HTML build (html, dirhtml, singlehtml, EPUB's folder)
    writes the PDF CVs into its output, so the pages' CV links work in the build they
    come from."""
    if exception is not None or app.builder.format != "html" or not app.config.portfolio_pdf:
        return
    from .write import write_cvs

    write_cvs(app, CVPDFBuilder(app, app.env), Path(app.outdir))
