"""The ``portfolio-cv`` rinohtype document template and the rinoh resources it needs.

Registered once per process by :func:`register_rinoh_resources`: the template
class and a lazily loaded fallback typeface. While one of our CVs is laid out (and
only then: rinohtype is left as it was afterwards), two of rinohtype's slow paths are
replaced: column sizing of tables whose widths are all given, and the walk up to a
container's document.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import rinoh
from rinoh.attribute import OverrideDefault, Var
from rinoh.dimension import PERCENT
from rinoh.flowable import FlowableWidth
from rinoh.font import Typeface
from rinoh.font.opentype import OpenTypeFont
from rinoh.font.style import FontSlant, FontWeight
from rinoh.layout import Container, FlowableTarget
from rinoh.reference import ReferenceType
from rinoh.table import Table as RinohTable
from rinoh.template import BodyPageTemplate, ContentsPartTemplate, DocumentTemplate
from sphinx.util import logging

logger = logging.getLogger(__name__)

TEMPLATE_NAME: Final = "portfolio-cv"
FALLBACK_TYPEFACE: Final = "Portfolio Fallback"


class PortfolioCVTemplate(DocumentTemplate):  # type: ignore[misc]  # rinoh is untyped
    """One-part CV: no title page, no table of contents, no blank pages."""

    parts = OverrideDefault(["contents"])
    contents = ContentsPartTemplate(page_number_format="number", end_at_page="any")
    page = BodyPageTemplate(page_size=Var("paper_size"))
    contents_page = BodyPageTemplate(base="page")

    # rinohtype renders until page numbers and page references stop changing.
    # Without a cache from an earlier run, its first pass can never compare
    # equal, so every clean build costs two full layouts.  Only page
    # references and "number of pages" fields depend on the previous pass;
    # if the current pass looked up neither, its output is already final.
    _forced_single_pass = False
    _cross_pass_lookup = False
    _rendering = False
    _part_page_counts: Any = None

    @property
    def _single_pass(self) -> bool:
        return self._forced_single_pass or not self._cross_pass_lookup

    @_single_pass.setter
    def _single_pass(self, value: bool) -> None:  # set from RINOH_SINGLE_PASS
        self._forced_single_pass = value

    @property
    def part_page_counts(self) -> Any:
        if self._rendering:  # read by {NUMBER_OF_PAGES} fields
            self._cross_pass_lookup = True
        return self._part_page_counts

    @part_page_counts.setter
    def part_page_counts(self, value: Any) -> None:
        self._part_page_counts = value

    def get_reference(self, id: Any, reference_type: Any, *args: Any) -> Any:
        if reference_type == ReferenceType.PAGE:
            self._cross_pass_lookup = True
        return super().get_reference(id, reference_type, *args)

    def _render_pages(self) -> Any:
        self._cross_pass_lookup = False
        self._rendering = True
        try:
            return super()._render_pages()
        finally:
            self._rendering = False

    def progress(self, flowable: Any, container: Any) -> None:
        """Skip rinoh's stdout progress bar: noise in Sphinx logs (and O(n) per call)."""

    # rinohtype print()s its banner and pass messages; as Sphinx info messages
    # they follow Sphinx's verbosity (hidden by -q) like the rest of the build.
    def _print_version_and_license(self) -> None:
        with contextlib.redirect_stdout(_SphinxInfo()):
            super()._print_version_and_license()

    def render(self, *args: Any, **kwargs: Any) -> Any:
        with contextlib.redirect_stdout(_SphinxInfo()), _layout_shortcuts():
            return super().render(*args, **kwargs)

    def _create_outlines(self, backend_document: Any) -> None:
        super()._create_outlines(backend_document)
        # rinohtype writes no document language; screen readers and text extraction
        # (hyphenation, search) read it from the catalogue's /Lang.
        from rinoh.backend.pdf import cos

        code = getattr(self.language, "code", None) or "en"
        backend_document.cos_document.catalog["Lang"] = cos.String(code)

    def _get_backend_metadata(self) -> dict[str, str]:
        # rinohtype only forwards title and author to the PDF info dictionary
        metadata: dict[str, str] = super()._get_backend_metadata()
        for key in ("subject", "keywords"):
            value = self.metadata.get(key)
            if isinstance(value, list | tuple):
                value = ", ".join(str(item) for item in value)
            if value:
                metadata[key] = " ".join(str(value).split())
        return metadata


class _SphinxInfo(io.TextIOBase):
    """A text stream whose lines become Sphinx ``logger.info`` messages."""

    def __init__(self) -> None:
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            if line.strip():
                logger.info(line.strip("\r"))
        return len(text)


class _LazyTypeface(Typeface):  # type: ignore[misc]  # rinoh is untyped
    """Typeface whose font files are parsed on first use.

    Used as the style sheet's fallback for glyphs TeX Gyre Pagella lacks
    (e.g. element-of, double-struck R).  rinoh's stock fallback, DejaVu Serif, parses all
    eight of its TrueType files on first use (~0.65 s, a quarter of a CV
    build); this one parses the four non-condensed styles, and only when a
    glyph is actually missing.
    """

    def __new__(cls, name: str, *files: tuple[Path, dict[str, Any]]) -> _LazyTypeface:
        return dict.__new__(cls)  # skip Typeface.__new__'s lookup by name

    def __init__(self, name: str, *files: tuple[Path, dict[str, Any]]) -> None:
        self.name = name
        self._files = files
        self._loaded = False

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            fonts = [OpenTypeFont(str(path), **style) for path, style in self._files]
            super().__init__(self.name, *fonts)

    def get_font(self, *args: Any, **kwargs: Any) -> Any:
        self._load()
        return super().get_font(*args, **kwargs)

    def fonts(self) -> Any:
        self._load()
        return super().fonts()


def _fallback_typeface() -> _LazyTypeface | None:
    # find_spec, not import: importing the package parses all eight fonts
    spec = importlib.util.find_spec("rinoh_typeface_dejavuserif")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent
    styles: list[tuple[str, dict[str, Any]]] = [
        ("", {"weight": FontWeight.REGULAR}),
        ("-Italic", {"weight": FontWeight.REGULAR, "slant": FontSlant.ITALIC}),
        ("-Bold", {"weight": FontWeight.BOLD}),
        ("-BoldItalic", {"weight": FontWeight.BOLD, "slant": FontSlant.ITALIC}),
    ]
    files = [(folder / f"DejaVuSerif{suffix}.ttf", style) for suffix, style in styles]
    if not all(path.is_file() for path, _ in files):
        return None
    return _LazyTypeface(FALLBACK_TYPEFACE, *files)


_rinoh_size_columns = RinohTable._size_columns  # rinohtype's own, called for other cases


def _size_given_columns(self: Any, container: Any) -> Any:
    """``rinoh.table.Table._size_columns``, skipping wasted work in our CVs.

    rinohtype flows every cell twice (unwrapped and fully wrapped) to size
    columns, even when all widths are given as relative numbers and the
    table width is fixed; its result is then just the given proportions.
    That measuring was ~60% of a real CV's layout time.  TableColumnWidths
    gives every table relative widths and the style sheet sets 100% width,
    so scale them directly.  Other documents and cases: rinoh's own code.
    """
    if isinstance(container.document, PortfolioCVTemplate):
        widths = self.column_widths or self.get_style("column_widths", container)
        width = self._width(container)
        count = (self.body or self.head).num_columns
        relative = (
            bool(widths)
            and len(widths) == count
            and all(
                isinstance(w, int | float) and not isinstance(w, bool) and w > 0 for w in widths
            )
        )
        if relative and width != FlowableWidth.AUTO:
            if width == FlowableWidth.FILL:
                width = 100 * PERCENT
            available = width.to_points(container.width)
            return [w * available / sum(widths) for w in widths]
    return _rinoh_size_columns(self, container)


def _cached_document(self: Any) -> Any:
    """``Container.document``, looked up once per container.

    rinohtype walks the whole parent chain (``document_part`` of the parent's
    parent ...) on every style lookup; in a CV's nested table cells that walk
    was the largest single cost of layout.  A container never changes document
    (``VirtualContainer.place_at`` changes its parent, within the same one).
    """
    try:
        return self._portfolio_document
    except AttributeError:
        self._portfolio_document = document = self.document_part.document
        return document


@contextlib.contextmanager
def _layout_shortcuts() -> Iterator[None]:
    """:func:`_size_given_columns` and :func:`_cached_document` in place during one layout."""
    saved = (RinohTable._size_columns, vars(Container)["document"],
             vars(FlowableTarget)["document"])
    RinohTable._size_columns = _size_given_columns
    Container.document = FlowableTarget.document = property(_cached_document)
    try:
        yield
    finally:
        RinohTable._size_columns, Container.document, FlowableTarget.document = saved


def register_rinoh_resources() -> None:
    # ValueError: already registered (setup() ran before in this process)
    with contextlib.suppress(ValueError):
        rinoh.register_template(TEMPLATE_NAME, PortfolioCVTemplate)
    typeface = _fallback_typeface()  # None only if rinohtype's own dependency is gone
    if typeface is not None:
        with contextlib.suppress(ValueError):
            rinoh.register_typeface(FALLBACK_TYPEFACE, typeface)

