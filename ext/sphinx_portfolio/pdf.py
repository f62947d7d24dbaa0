"""PDF CV output through rinohtype's ``rinoh`` Sphinx builder.

Everything here is specific to the ``rinoh`` builder; HTML output is untouched.
``setup()`` registers:

* config values ``portfolio_pdf_*`` (paper, target, title, subject, keywords);
* a ``config-inited`` hook that fills ``rinoh_documents`` (or completes the
  user's entries), so conf.py needs no rinohtype settings at all;
* post-transforms that reshape the single doctree rinoh assembles from the root
  document and its toctree (name heading, contact block, web-only nodes,
  citations, math);
* the ``portfolio-cv`` rinohtype document template (no title page, no TOC,
  continuous sections, one layout pass when possible).
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import unicodedata
from pathlib import Path
from typing import Any, Final

import rinoh
from docutils import nodes
from docutils.utils.math import latex2mathml, mathml_elements
from rinoh.attribute import OverrideDefault, Var
from rinoh.dimension import PERCENT
from rinoh.flowable import FlowableWidth
from rinoh.font import Typeface
from rinoh.font.opentype import OpenTypeFont
from rinoh.font.style import FontSlant, FontWeight
from rinoh.reference import ReferenceType
from rinoh.table import Table as RinohTable
from rinoh.template import BodyPageTemplate, ContentsPartTemplate, DocumentTemplate
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Folder holding the rinohtype template configurations and style sheet.
RINOH_DIR: Final = Path(__file__).parent / "rinoh"
#: ``portfolio_pdf_paper`` value -> template configuration file.
TEMPLATES: Final = {
    "A4": RINOH_DIR / "portfolio_cv.rtt",
    "LETTER": RINOH_DIR / "portfolio_cv_letter.rtt",
}
TEMPLATE_NAME: Final = "portfolio-cv"
FALLBACK_TYPEFACE: Final = "Portfolio Fallback"
WEB_ONLY_CLASS: Final = "portfolio-web-only"
NAME_CLASS: Final = "portfolio-cv-name"
CONTACT_CLASS: Final = "portfolio-cv-contact"
BIBLIOGRAPHY_CLASS: Final = "portfolio-bibliography"
MATH_BLOCK_CLASS: Final = "portfolio-math-block"


def template_path(paper: str = "A4") -> str:
    """Absolute path of the ``.rtt`` file for *paper* (``"A4"`` or ``"LETTER"``)."""
    return str(TEMPLATES[paper.upper()])


# --------------------------------------------------------------------------
# rinohtype document template
# --------------------------------------------------------------------------


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


_rinoh_size_columns = RinohTable._size_columns


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


def _register_rinoh_resources() -> None:
    # ValueError: already registered (setup() ran before in this process)
    with contextlib.suppress(ValueError):
        rinoh.register_template(TEMPLATE_NAME, PortfolioCVTemplate)
    RinohTable._size_columns = _size_given_columns  # idempotent; see its docstring
    typeface = _fallback_typeface()  # None only if rinohtype's own dependency is gone
    if typeface is not None:
        with contextlib.suppress(ValueError):
            rinoh.register_typeface(FALLBACK_TYPEFACE, typeface)


# --------------------------------------------------------------------------
# configuration
# --------------------------------------------------------------------------


def default_target(owner: str) -> str:
    """File name (without ``.pdf``) for the owner's CV, e.g. ``Minhak_Song_CV``."""
    # ASCII where possible ("Sönke" -> "Sonke"): safer in URLs and on servers
    folded = unicodedata.normalize("NFKD", owner).encode("ascii", "ignore").decode()
    for candidate in (folded, owner):
        stem = re.sub(r"[^\w.-]+", "_", candidate).strip("_.")
        if stem:
            return f"{stem}_CV"
    return "CV"


def pdf_target(config: Config) -> str:
    """PDF file name without ``.pdf``: ``portfolio_pdf_filename`` or ``<Author>_CV``.

    ``portfolio_pdf_filename`` is registered by the main package (which links
    the PDF from the site); unset or empty, the name follows the owner.
    """
    filename = getattr(config, "portfolio_pdf_filename", None)
    return str(filename) if filename else default_target(str(config.author or config.project))


def _paper(config: Config) -> str:
    paper = str(config.portfolio_pdf_paper or "A4").upper()
    if paper not in TEMPLATES:
        logger.warning(
            "portfolio_pdf_paper must be one of %s, not %r; using A4",
            ", ".join(TEMPLATES),
            config.portfolio_pdf_paper,
            type="portfolio",
            subtype="config",
        )
        return "A4"
    return paper


def configure_rinoh_documents(app: Sphinx, config: Config) -> None:
    """Derive ``rinoh_documents`` from the portfolio settings.

    An explicit ``rinoh_documents`` in conf.py wins; its dict entries only get
    the keys they lack (template, subject, keywords).
    """
    owner = str(config.author or config.project or "")
    defaults: dict[str, Any] = {
        "template": template_path(_paper(config)),
        "subject": config.portfolio_pdf_subject,
        "keywords": list(config.portfolio_pdf_keywords or ()),
    }
    if config.rinoh_documents:
        for entry in config.rinoh_documents:
            if isinstance(entry, dict):
                for key, value in defaults.items():
                    entry.setdefault(key, value)
        return
    title = config.portfolio_pdf_title or (
        f"{owner} \N{EN DASH} Curriculum Vitae" if owner else "Curriculum Vitae"
    )
    config.rinoh_documents = [
        {
            "doc": config.root_doc,
            "target": pdf_target(config),
            "title": title,
            "author": owner,
            **defaults,
        }
    ]


# --------------------------------------------------------------------------
# post-transforms (rinoh builder only)
# --------------------------------------------------------------------------


class RemoveWebOnly(SphinxPostTransform):
    """Drop nodes classed ``portfolio-web-only`` (details, BibTeX blocks, widgets)."""

    # late: other post-transforms (e.g. the package's publication extras, at 6)
    # add web-only nodes; the PDF transforms below run after this one
    default_priority = 900
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if WEB_ONLY_CLASS in node.get("classes", ()) and node.parent is not None:
                node.parent.remove(node)
        # A page whose whole body is web-only (the CV download page) leaves a bare
        # heading behind; print has no use for it.
        for section in list(self.document.findall(nodes.section)):
            bare = all(isinstance(child, nodes.title | nodes.target) for child in section.children)
            if bare and section.parent is not None:
                section.parent.remove(section)


class CVHeader(SphinxPostTransform):
    """Put the root document's title back on top and mark the contact block.

    The rinoh builder drops the root document's title (it expects a title
    page); for a CV the name *is* the title of page one.  The root document's
    paragraphs before its first section or included page form the contact block.
    """

    default_priority = 910
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        docname = self.document.get("docname")
        title = self.env.titles.get(docname) if docname else None
        if title is None or docname not in _rinoh_roots(self.config):
            return
        if not title.astext() or title.astext() == "<no title>":  # Sphinx placeholder
            title = None
        for child in self.document.children:
            # included pages sit in a toctree wrapper (compound), not at the top
            if any(child.findall(_is_section_or_page)):
                break
            # also inside containers (e.g. the package's profile block)
            for paragraph in child.findall(nodes.paragraph):
                paragraph["classes"].append(CONTACT_CLASS)
        if title is not None:
            name = nodes.paragraph("", "", *(c.deepcopy() for c in title.children))
            name["classes"].append(NAME_CLASS)
            self.document.insert(0, name)


def _is_section_or_page(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Structural | addnodes.start_of_file)


def _rinoh_roots(config: Config) -> set[str]:
    roots = set()
    for entry in config.rinoh_documents or ():
        roots.add(entry["doc"] if isinstance(entry, dict) else entry[0])
    return roots


class CitationsForPDF(SphinxPostTransform):
    """Bibliography as an aligned, in-place list; in-text citations as links.

    sphinxcontrib-bibtex gives the rinoh builder ``citation_reference`` nodes
    holding only the label (``SY25``) between the brackets its referencing
    style already printed; rinohtype treats them as note markers, whose stock
    style adds ``[`` ``]`` again (``[[SY25]]``).  rinohtype also renders each
    ``citation`` as a footnote-like note labelled by its first marker, so
    entries that are never cited get an empty/unknown label.  Plain internal
    references and a field list (label -> entry) avoid both problems.
    """

    default_priority = 920  # after sphinxcontrib-bibtex resolved the citations (10)
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        # any id: bibliographies with ``:list:`` make list items the targets
        targets = {id_ for node in self.document.findall(nodes.Element) for id_ in node["ids"]}
        for ref in list(self.document.findall(nodes.citation_reference)):
            # refids look like "%docname#id"; citations get qualified later by rinoh
            refid = str(ref.get("refid", ""))
            text = ref.astext()
            if refid.rpartition("#")[2] in targets:
                link = nodes.reference(text, "", *ref.children, refid=refid)
                ref.replace_self(link)
            else:  # target not in the PDF: keep the label, drop the link
                ref.replace_self(nodes.inline(text, "", *ref.children))
        for citation in list(self.document.findall(nodes.citation)):
            self._to_field(citation)

    @staticmethod
    def _to_field(citation: nodes.citation) -> None:
        parent = citation.parent
        if parent is None:
            return
        index = parent.index(citation)
        previous = parent[index - 1] if index else None
        if isinstance(previous, nodes.field_list) and BIBLIOGRAPHY_CLASS in previous["classes"]:
            field_list = previous
            parent.remove(citation)
        else:
            field_list = nodes.field_list(classes=[BIBLIOGRAPHY_CLASS])
            parent.replace(citation, field_list)
        labels = [child for child in citation.children if isinstance(child, nodes.label)]
        label = labels[0].astext() if labels else ""
        body = [child for child in citation.children if not isinstance(child, nodes.label)]
        field = nodes.field(
            "",
            nodes.field_name("", f"[{label}]" if label else ""),
            nodes.field_body("", *body),
            ids=citation["ids"],
            classes=citation["classes"],
        )
        field_list += field


#: Characters of 9.5 pt Pagella on one table line of the A4/Letter text width.
TABLE_LINE_CHARS: Final = 95
_COLUMN_GAP_CHARS: Final = 2


class TableColumnWidths(SphinxPostTransform):
    """Give tables explicit relative column widths, sized like HTML auto layout.

    rinohtype's automatic sizing splits the width by the geometric mean of
    each column's wrapped and unwrapped content width, so a short "Period"
    column next to a long description gets squeezed and wraps mid-date
    ("10/2023 - 05" / "/2024", rinoh breaks after slashes).  Here columns
    whose content fits their fair share keep their natural width and only
    the long-text columns wrap.  Widths the author gave are kept.
    """

    default_priority = 940
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if "colwidths-given" in table["classes"]:
                continue
            for tgroup in table.findall(nodes.tgroup):
                colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
                widths = column_widths(tgroup, len(colspecs))
                if widths is None:
                    continue
                for colspec, width in zip(colspecs, widths, strict=True):
                    colspec["colwidth"] = width
                table["classes"] = [c for c in table["classes"] if c != "colwidths-auto"]
                table["classes"].append("colwidths-given")


def column_widths(tgroup: nodes.tgroup, count: int) -> list[int] | None:
    """Relative widths (in characters) for *tgroup*'s columns; None if it has spans."""
    natural = [1] * count
    for row in tgroup.findall(nodes.row):
        entries = [e for e in row.children if isinstance(e, nodes.entry)]
        if len(entries) != count or any(e.get("morecols") for e in entries):
            return None  # column spans: leave the table to rinohtype
        for index, entry in enumerate(entries):
            lines = [p.astext() for p in entry.findall(nodes.paragraph)] or [entry.astext()]
            longest = max(len(" ".join(line.split())) for line in lines)
            natural[index] = max(natural[index], longest + _COLUMN_GAP_CHARS)
    if sum(natural) <= TABLE_LINE_CHARS:
        return natural
    # columns that fit their share of what is left keep their natural width
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(count) if i not in fixed]
        share = (TABLE_LINE_CHARS - sum(fixed.values())) / max(len(free), 1)
        fits = {i: natural[i] for i in free if natural[i] <= share}
        if not fits:
            break
        fixed.update(fits)
    free = [i for i in range(count) if i not in fixed]
    left = max(TABLE_LINE_CHARS - sum(fixed.values()), 10 * len(free))
    free_total = sum(natural[i] for i in free) or 1
    return [fixed.get(i, max(1, round(left * natural[i] / free_total))) for i in range(count)]


# ---- math ------------------------------------------------------------------

# Spacing that LaTeX adds around relations and binary operators (not in scripts).
_SPACED_OPERATORS: Final = frozenset("=<>≤≥≠≈≃≅∼≡∝∈∉⊂⊆⊃⊇→←↔⇒⇐⇔↦+−±∓×·∘⊗⊕∪∩∧∨")  # noqa: RUF001
_APPLY_FUNCTION: Final = "\u2061"
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u2061\u2062\u2063\u2064"))
# accent characters in docutils' MathML -> combining marks
_OVER_ACCENTS: Final = {
    "\u02c6": "\u0302", "^": "\u0302",  # hat, widehat
    "\u02dc": "\u0303", "~": "\u0303",  # tilde, widetilde
    "\u00af": "\u0304", "\u02c9": "\u0304",  # bar
    "_": "\u0305", "\u203e": "\u0305",  # overline
    "\u02d8": "\u0306", "\u02d9": "\u0307", "\u00a8": "\u0308",  # breve, dot, ddot
    "\u02da": "\u030a", "\u02c7": "\u030c",  # mathring, check
    "\u00b4": "\u0301", "`": "\u0300", "\u2192": "\u20d7",  # acute, grave, vec
}  # fmt: skip
_UNDER_ACCENTS: Final = {"_": "\u0332", "\u203e": "\u0332"}  # underline
_SCRIPTS: Final[dict[str, list[type[nodes.TextElement]]]] = {
    "msub": [nodes.subscript],
    "msup": [nodes.superscript],
    "msubsup": [nodes.subscript, nodes.superscript],
}
_BIG_OPERATORS: Final = frozenset("∑∏∐∫∬∭∮⋃⋂⋁⋀⨁⨂")  # noqa: RUF001


def latex_to_nodes(latex: str) -> list[nodes.Node]:
    """Inline docutils nodes (text, emphasis, sub/superscript) for *latex*.

    Uses docutils' own LaTeX -> MathML parser (pure Python, no extra
    dependency) and flattens the MathML tree to Unicode text, so that the PDF
    has real, extractable text (``\\ell_\\infty``: script l, subscript infinity).
    """
    root = mathml_elements.math()
    latex2mathml.parse_latex_math(root, latex.strip())
    result = _merge_text(_row(root, tight=False))
    if result and isinstance(result[-1], nodes.Text):  # from _operator_space
        result[-1] = nodes.Text(result[-1].astext().rstrip())
    return [node for node in result if not isinstance(node, nodes.Text) or node.astext()]


def _row(element: Any, tight: bool) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    kids = list(element)
    for index, child in enumerate(kids):
        if child.tag == "mo" and child.text == _APPLY_FUNCTION:
            # "log n" needs a space, "Tr(A)" does not
            following = kids[index + 1].text if index + 1 < len(kids) else None
            if following and following[0] not in "([{|‖":
                out.append(nodes.Text(" "))
            continue
        out.extend(_mathml(child, tight=tight, first=index == 0))
    return out


def _mathml(element: Any, tight: bool, first: bool = False) -> list[nodes.Node]:
    tag: str = element.tag
    text = (element.text or "").translate(_INVISIBLE)
    kids = list(element)
    if tag == "mi":
        if element.get("mathvariant") != "normal" and _italic_letter(text):
            return [nodes.emphasis(text, text)]  # math italic, as in LaTeX
        return [nodes.Text(text)] if text else []
    if tag == "mo":
        if text in _SPACED_OPERATORS and not (first or tight):
            text = f" {text} "
        return [nodes.Text(text)] if text else []
    if tag in ("mn", "mtext"):
        return [nodes.Text(text)] if text else []
    if tag == "mspace":
        return [nodes.Text(" ")]
    if tag == "mphantom":
        return []
    if tag in ("msub", "msup", "msubsup"):
        scripts = _SCRIPTS[tag]
        return (
            _mathml(kids[0], tight)
            + [_script(cls, kid) for cls, kid in zip(scripts, kids[1:], strict=True)]
            + _operator_space(kids[0])
        )
    if tag in ("mover", "munder", "munderover"):
        base = _mathml(kids[0], tight)
        under = kids[1] if tag != "mover" else None
        over = kids[-1] if tag != "munder" else None
        if under is not None and not len(under) and under.text in _UNDER_ACCENTS:
            base, under = _combine(base, _UNDER_ACCENTS[under.text]), None
        if over is not None and not len(over) and over.text in _OVER_ACCENTS:
            base, over = _combine(base, _OVER_ACCENTS[over.text]), None
        return (
            base
            + [
                _script(cls, kid)
                for cls, kid in ((nodes.subscript, under), (nodes.superscript, over))
                if kid is not None
            ]
            + _operator_space(kids[0])
        )
    if tag == "mfrac":
        return [*_grouped(kids[0], tight), nodes.Text("/"), *_grouped(kids[1], tight)]
    if tag == "msqrt":
        inner = _row(element, tight)
        return [nodes.Text("√"), *_parenthesised(inner, len(kids) > 1)]
    if tag == "mroot":
        return [_script(nodes.superscript, kids[1]), nodes.Text("√"), *_grouped(kids[0], tight)]
    if tag == "mtr":
        return _joined([_row(cell, tight) for cell in kids], "  ")
    if tag == "mtable":
        return _joined([_mathml(row, tight) for row in kids], "; ")
    return _row(element, tight)  # math, mrow, mstyle, menclose, mpadded, ...


def _italic_letter(text: str) -> bool:
    """Plain Latin/Greek letter: italic as in TeX (not double-struck or script ones)."""
    return (
        len(text) == 1
        and text.isalpha()
        and unicodedata.name(text, "").startswith(("LATIN", "GREEK"))
    )


def _operator_space(base: Any) -> list[nodes.Node]:
    """Space after a scripted big operator or function name: "∑ᵢ xᵢ", "max_x f"."""
    text = base.text or ""
    if len(base) == 0 and (text in _BIG_OPERATORS or (len(text) > 1 and text.isalpha())):
        return [nodes.Text(" ")]
    return []


def _combine(base: list[nodes.Node], mark: str) -> list[nodes.Node]:
    """Append a combining *mark* to the last character of *base*, same style."""
    if base and isinstance(base[-1], nodes.emphasis):
        last = base[-1].astext() + mark
        return [*base[:-1], nodes.emphasis(last, last)]
    return [*base, nodes.Text(mark)]


def _grouped(element: Any, tight: bool) -> list[nodes.Node]:
    """Content of *element*, parenthesised when it is more than one token."""
    return _parenthesised(_mathml(element, tight), element.tag == "mrow" and len(element) > 1)


def _parenthesised(inner: list[nodes.Node], compound: bool) -> list[nodes.Node]:
    return [nodes.Text("("), *inner, nodes.Text(")")] if compound else inner


def _joined(parts: list[list[nodes.Node]], separator: str) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            out.append(nodes.Text(separator))
        out.extend(part)
    return out


def _script(cls: type[nodes.TextElement], element: Any) -> nodes.Node:
    return cls("", "", *_merge_text(_mathml(element, tight=True)))


def _merge_text(items: list[nodes.Node]) -> list[nodes.Node]:
    merged: list[nodes.Node] = []
    for item in items:
        if isinstance(item, nodes.Text) and merged and isinstance(merged[-1], nodes.Text):
            merged[-1] = nodes.Text(merged[-1].astext() + item.astext())
        else:
            merged.append(item)
    return merged


def _math_fallback(latex: str) -> list[nodes.Node]:
    text = re.sub(r"\\([A-Za-z]+)\s*", r"\1 ", latex)
    text = re.sub(r"[{}$\\]", "", text)
    return [nodes.Text(text)]


def math_to_nodes(latex: str, node: nodes.Node | None = None) -> list[nodes.Node]:
    try:
        return latex_to_nodes(latex)
    except Exception as exc:  # docutils' parser raises SyntaxError, IndexError, ...
        logger.warning(
            "cannot convert math %r for the PDF (%s); printing it as text",
            latex,
            exc,
            location=node,
            type="portfolio",
        )
        return _math_fallback(latex)


_DOLLAR_MATH: Final = re.compile(r"\$([^$]+)\$")


class MathToText(SphinxPostTransform):
    """Render math as Unicode text in the PDF.

    rinohtype's own math support (ziamath + cairosvg) draws each formula as
    an embedded vector image: no extractable/searchable text, a native
    cairo dependency, and much slower layout.  A CV only has short inline
    formulas, which Unicode text handles well.  ``$...$`` left verbatim by
    pybtex in bibliography entries is converted as well.
    """

    default_priority = 930  # after the bibliography entries are in place
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        for math in list(self.document.findall(nodes.math)):
            math.replace_self(nodes.inline("", "", *math_to_nodes(math.astext(), math)))
        for block in list(self.document.findall(nodes.math_block)):
            paragraphs = [
                nodes.paragraph("", "", *math_to_nodes(row, block), classes=[MATH_BLOCK_CLASS])
                for row in block.astext().split("\\\\")
                if row.strip()
            ]
            block.replace_self(paragraphs)
        for bib in self.document.findall(nodes.field_list):
            if BIBLIOGRAPHY_CLASS not in bib["classes"]:
                continue
            for text in list(bib.findall(nodes.Text)):
                if "$" in text and isinstance(text.parent, nodes.Element):
                    text.parent.replace(text, self._dollar_math(str(text), bib))

    @staticmethod
    def _dollar_math(text: str, node: nodes.Node) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        pos = 0
        for match in _DOLLAR_MATH.finditer(text):
            out.append(nodes.Text(text[pos : match.start()]))
            out.extend(math_to_nodes(match.group(1), node))
            pos = match.end()
        out.append(nodes.Text(text[pos:]))
        return [n for n in out if not isinstance(n, nodes.Text) or n.astext()]


# --------------------------------------------------------------------------
# setup
# --------------------------------------------------------------------------


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the PDF CV support; also loads ``rinoh.frontend.sphinx``."""
    app.setup_extension("rinoh.frontend.sphinx")
    _register_rinoh_resources()
    app.add_config_value(
        "portfolio_pdf_paper", "A4", "env", types=frozenset({str}),
        description='paper size of the PDF CV: "A4" or "LETTER"',
    )  # fmt: skip
    app.add_config_value(
        "portfolio_pdf_title", None, "env", types=frozenset({str, type(None)}),
        description="PDF title metadata; None: '<author> - Curriculum Vitae' (with an en dash)",
    )  # fmt: skip
    app.add_config_value(
        "portfolio_pdf_subject", "Curriculum Vitae", "env", types=frozenset({str}),
        description="PDF subject metadata",
    )  # fmt: skip
    app.add_config_value(
        "portfolio_pdf_keywords", [], "env", types=frozenset({list, tuple}),
        description="PDF keywords metadata (list of strings)",
    )  # fmt: skip
    app.connect("config-inited", configure_rinoh_documents)
    for transform in (RemoveWebOnly, CVHeader, CitationsForPDF, MathToText, TableColumnWidths):
        app.add_post_transform(transform)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
