"""Tailored PDF CVs ("variants") from the same pages and data, set up in conf.py.

A variant is a named set of cuts applied to the PDF doctree only::

    portfolio_pdf_variants = {
        "short": {
            "limit": {"projects": 4, "awards": 6},  # rows kept per table kind
            "notes": False,                         # drop bullet details in table cells
            "drop": ["teaching"],                   # pages left out
            "filename": "Ada_Lovelace_CV_short",    # optional; default <CV name>_<variant>
        },
    }

The settings are declared and checked in :mod:`sphinx_portfolio.config`.
Every build writes the full CV and each variant, one PDF each; while a variant is made,
its name is a tag, so pages can use ``{only}`` for prose. A table kind is its data file's
stem (``projects``, ``awards``, ...); rows are kept in the order the page's table shows them.
Nothing is copied: the default CV and every variant render the same sources.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import _shared
from ..config import PdfVariant, conf_location
from ..warnings_ import Subtype
from .transforms import PDF_FORMAT, VARIANT_KEY

__all__ = ["ApplyVariant", "check_dropped_pages", "cut_to_variant"]


def check_dropped_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: each page a variant drops is a page of the site."""
    for variant, settings in app.config.portfolio_pdf_variants.items():
        for name in settings["drop"]:
            if name not in env.found_docs:
                where = conf_location(app.confdir, "pdf_variants", variant, "drop")
                _shared.warn(f"portfolio_pdf_variants[{variant!r}]: page {name!r} to drop is "
                             "not a page of the site", Subtype.PDF_VARIANT, where)


class ApplyVariant(SphinxPostTransform):
    """Cut the PDF doctree down to the selected variant (pages, table rows, cell notes)."""

    # after the web-only nodes are gone; before the header, citations and column
    # widths, which then see only what is left
    default_priority = _shared.PDF_APPLY_VARIANT
    formats = (PDF_FORMAT,)

    def run(self, **kwargs: Any) -> None:
        name = self.document.get(VARIANT_KEY)
        settings = self.config.portfolio_pdf_variants.get(name) if name else None
        if settings is not None:
            cut_to_variant(self.document, settings)


def cut_to_variant(document: nodes.document, settings: dict[str, Any]) -> None:
    """The variant's cuts (its ``portfolio_pdf_variants`` entry) made in ``document``."""
    variant = PdfVariant.model_validate(settings)
    for page in list(document.findall(addnodes.start_of_file)):
        if page["docname"] in variant.drop and page.parent is not None:
            page.parent.remove(page)
    for table in list(document.findall(nodes.table)):
        if _shared.TABLE in table["classes"]:
            _cut_table(table, variant.limit, notes=variant.notes)


def _cut_table(table: nodes.table, limits: dict[str, int], notes: bool) -> None:
    kinds = [c.removeprefix("portfolio-") for c in table["classes"] if c != _shared.TABLE]
    limit = next((limits[kind] for kind in kinds if kind in limits), None)
    for body in table.findall(nodes.tbody):
        rows = [row for row in body.children if isinstance(row, nodes.row)]
        for row in rows[limit:] if limit is not None else ():
            body.remove(row)
        if limit == 0 and table.parent is not None:
            table.parent.remove(table)
            return
    if not notes:
        for entry in table.findall(nodes.entry):
            for bullets in list(entry.findall(nodes.bullet_list)):
                if bullets.parent is not None:
                    bullets.parent.remove(bullets)
