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

It is selected with ``-D portfolio_pdf_variant=short`` or the Sphinx tag
``-t short``; either way the variant's name is also a tag, so pages can use
``{only}`` for prose.  A table kind is its data file's stem (``projects``,
``awards``, ...); rows are kept in the order the page's table shows them.
Nothing is copied: the default CV and every variant render the same sources.
"""

from __future__ import annotations

from typing import Any, Final

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

TABLE_CLASS: Final = "portfolio-table"
#: variant key -> expected type (checked once, at config-inited)
VARIANT_KEYS: Final[dict[str, type]] = {
    "limit": dict,
    "notes": bool,
    "drop": list,
    "filename": str,
}


def _warn(message: str, *args: object) -> None:
    logger.warning(message, *args, type="portfolio", subtype="pdf-variant")


def select_variant(app: Sphinx, config: Config) -> dict[str, Any] | None:
    """``config-inited`` helper: the selected variant's settings (validated), or None.

    Sets ``config.portfolio_pdf_variant`` to the variant's name and adds the
    name as a Sphinx tag, so ``-D`` and ``-t`` selection behave the same.
    """
    variants: dict[str, Any] = config.portfolio_pdf_variants or {}
    name = str(config.portfolio_pdf_variant or "")
    if not name:
        tagged = [variant for variant in variants if app.tags.has(variant)]
        if len(tagged) > 1:
            _warn("tags select several PDF variants (%s); using %r", ", ".join(tagged), tagged[0])
        name = tagged[0] if tagged else ""
    if not name:
        return None
    if name not in variants:
        known = ", ".join(sorted(variants)) or "none defined in portfolio_pdf_variants"
        _warn("unknown PDF variant %r (known: %s); building the full CV", name, known)
        config.portfolio_pdf_variant = ""
        return None
    settings = variants[name]
    if not isinstance(settings, dict):
        _warn("portfolio_pdf_variants[%r] must be a dict, not %s", name, type(settings).__name__)
        settings = {}
    checked: dict[str, Any] = {}
    for key, value in settings.items():
        expected = VARIANT_KEYS.get(key)
        if expected is None:
            _warn("portfolio_pdf_variants[%r]: unknown key %r (known: %s)",
                  name, key, ", ".join(VARIANT_KEYS))
        elif not isinstance(value, expected):
            _warn("portfolio_pdf_variants[%r][%r] must be a %s, not %s",
                  name, key, expected.__name__, type(value).__name__)
        else:
            checked[key] = value
    for kind, count in checked.get("limit", {}).items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            _warn("portfolio_pdf_variants[%r]['limit'][%r] must be a whole number, not %r",
                  name, kind, count)
            checked["limit"] = {k: v for k, v in checked["limit"].items() if k != kind}
    # invalid settings were reported; the build uses only the valid ones
    config.portfolio_pdf_variants = {**variants, name: checked}
    config.portfolio_pdf_variant = name
    app.tags.add(name)
    return checked


def variant_settings(config: Config) -> dict[str, Any]:
    """Settings of the selected variant ({} for the full CV), as checked by ``select_variant``."""
    name = config.portfolio_pdf_variant
    settings = (config.portfolio_pdf_variants or {}).get(name) if name else None
    return settings if isinstance(settings, dict) else {}


def variant_target(config: Config, target: str) -> str:
    """File name (no ``.pdf``) of the selected variant: its ``filename`` or ``<target>_<name>``."""
    name = config.portfolio_pdf_variant
    if not name:
        return target
    filename = variant_settings(config).get("filename")
    return filename if isinstance(filename, str) and filename else f"{target}_{name}"


class ApplyVariant(SphinxPostTransform):
    """Cut the PDF doctree down to the selected variant (pages, table rows, cell notes)."""

    # after RemoveWebOnly (900); before the header (910), citations (920) and
    # column widths (940), which then see only what is left
    default_priority = 905
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        settings = variant_settings(self.config)
        if not settings or not isinstance(self.document.get("docname"), str):
            return
        self._drop_pages(settings.get("drop", []))
        limits = settings.get("limit", {})
        for table in list(self.document.findall(nodes.table)):
            if TABLE_CLASS in table["classes"]:
                self._cut_table(table, limits, notes=settings.get("notes", True))
        self._unlink_dangling()

    def _drop_pages(self, docnames: list[Any]) -> None:
        pages = {str(name) for name in docnames}
        for page in list(self.document.findall(addnodes.start_of_file)):
            if page["docname"] in pages and page.parent is not None:
                page.parent.remove(page)
                pages.discard(page["docname"])
        for name in sorted(pages):
            _warn("portfolio_pdf_variants: page %r to drop is not in the PDF", name)

    @staticmethod
    def _cut_table(table: nodes.table, limits: dict[str, int], notes: bool) -> None:
        kinds = [c.removeprefix("portfolio-") for c in table["classes"] if c != TABLE_CLASS]
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

    def _unlink_dangling(self) -> None:
        # links into dropped rows or pages would point nowhere in the PDF
        ids = {id_ for node in self.document.findall(nodes.Element) for id_ in node["ids"]}
        for ref in list(self.document.findall(nodes.reference)):
            refid = ref.get("refid")
            if refid and str(refid).rpartition("#")[2] not in ids:
                ref.replace_self(nodes.inline(ref.rawsource, "", *ref.children))


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "portfolio_pdf_variants", {}, "env", types=frozenset({dict}),
        description="name -> tailored PDF CV settings (limit, notes, drop, filename)",
    )  # fmt: skip
    app.add_config_value(
        "portfolio_pdf_variant", "", "env", types=frozenset({str}),
        description="variant of portfolio_pdf_variants to build; also selected by a tag",
    )  # fmt: skip
    app.add_post_transform(ApplyVariant)
