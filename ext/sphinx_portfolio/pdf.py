"""PDF CV output through rinohtype's ``rinoh`` Sphinx builder.

Everything here is specific to the ``rinoh`` builder; HTML output is untouched.
``setup()`` registers:

* config values ``portfolio_pdf_*`` (paper, target, title, subject, keywords,
  variants);
* a ``config-inited`` hook that fills ``rinoh_documents`` (or completes the
  user's entries), so conf.py needs no rinohtype settings at all;
* post-transforms that reshape the single doctree rinoh assembles from the root
  document and its toctree (name heading, contact block, web-only nodes,
  citations; math in :mod:`.pdfmath`, variants in :mod:`.pdfvariant`);
* the ``portfolio-cv`` rinohtype document template (:mod:`.pdftemplate`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Final

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from . import pdfvariant
from .data import load_profile
from .pdfmath import MathToText
from .pdftemplate import register_rinoh_resources

logger = logging.getLogger(__name__)

#: Folder holding the rinohtype template configurations and style sheet.
RINOH_DIR: Final = Path(__file__).parent / "rinoh"
#: ``portfolio_pdf_paper`` value -> template configuration file.
TEMPLATES: Final = {
    "A4": RINOH_DIR / "portfolio_cv.rtt",
    "LETTER": RINOH_DIR / "portfolio_cv_letter.rtt",
}
WEB_ONLY_CLASS: Final = "portfolio-web-only"
BIBLIOGRAPHY_CLASS: Final = "portfolio-bibliography"
NAME_CLASS: Final = "portfolio-cv-name"
CONTACT_CLASS: Final = "portfolio-cv-contact"


def template_path(paper: str = "A4") -> str:
    """Absolute path of the ``.rtt`` file for *paper* (``"A4"`` or ``"LETTER"``)."""
    return str(TEMPLATES[paper.upper()])


# --------------------------------------------------------------------------
# configuration
# --------------------------------------------------------------------------


def default_target(owner: str) -> str:
    """File name (without ``.pdf``) for the owner's CV, e.g. ``Ada_Lovelace_CV``."""
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
    the keys they lack (template, subject, keywords).  A selected variant
    (:mod:`.pdfvariant`) gets its own file name, so it never overwrites the full CV.
    """
    pdfvariant.select_variant(app, config)
    owner = str(config.author or config.project or "")
    defaults: dict[str, Any] = {
        "template": template_path(_paper(config)),
        "subject": config.portfolio_pdf_subject,
        "keywords": list(config.portfolio_pdf_keywords or _interests(app, config)),
    }
    if config.rinoh_documents:
        for entry in config.rinoh_documents:
            if isinstance(entry, dict):
                for key, value in defaults.items():
                    entry.setdefault(key, value)
                if "target" in entry:
                    entry["target"] = pdfvariant.variant_target(config, str(entry["target"]))
        return
    title = config.portfolio_pdf_title or (
        f"{owner} \N{EN DASH} Curriculum Vitae" if owner else "Curriculum Vitae"
    )
    config.rinoh_documents = [
        {
            "doc": config.root_doc,
            "target": pdfvariant.variant_target(config, pdf_target(config)),
            "title": title,
            "author": owner,
            **defaults,
        }
    ]


def _interests(app: Sphinx, config: Config) -> list[str]:
    """Default PDF keywords: the research interests in profile.yaml.

    Read here, when the configuration is made, and not later: a value changed after
    Sphinx compares configurations would make every build re-read every page.
    Problems in the file are reported by the data checks, so they are ignored here.
    """
    path = Path(app.srcdir) / str(config.portfolio_data_dir) / "profile.yaml"
    profile = load_profile(path)[0] if path.is_file() else None
    return [str(interest) for interest in profile.interests] if profile else []


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
        # tables are full width: the slack goes to the longest column, so short
        # ones (dates) keep their width and sit flush right as in other tables
        widest = natural.index(max(natural))
        natural[widest] += TABLE_LINE_CHARS - sum(natural)
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

# --------------------------------------------------------------------------
# setup
# --------------------------------------------------------------------------


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the PDF CV support; also loads ``rinoh.frontend.sphinx``."""
    app.setup_extension("rinoh.frontend.sphinx")
    register_rinoh_resources()
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
        description="PDF keywords metadata (list of strings); empty: the profile's interests",
    )  # fmt: skip
    pdfvariant.setup(app)
    app.connect("config-inited", configure_rinoh_documents)
    for transform in (RemoveWebOnly, CVHeader, CitationsForPDF, MathToText, TableColumnWidths):
        app.add_post_transform(transform)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
