"""The PDF CV: rinohtype's ``rinoh`` builder with our template, style sheet and transforms.

Imported only when the rinoh builder runs, so HTML builds never load rinohtype (about a
third of their start-up). Once ``sphinx-build -b rinoh`` has loaded rinohtype's builder
(through rinohtype's own ``sphinx.builders`` entry point, or ours for the rinohtype
releases that lack one), the package's ``config-inited`` handler calls
:func:`set_up_cv`, which adds the CV parts:

* ``rinoh_documents`` derived from the ``portfolio_pdf_*`` settings (conf.py needs no
  rinohtype settings at all);
* post-transforms that reshape the single doctree rinoh assembles (:mod:`.transforms`,
  :mod:`.variants`, math as text in :mod:`.math`), leaving the web's publication
  metrics out;
* the ``portfolio-cv`` document template (:mod:`.template`) and style sheet (``rinoh/``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from sphinx.application import Sphinx
from sphinx.config import Config

from ..config import cv_name, profile_at_config_time, variant_name
from .math import MathToText
from .template import register_rinoh_resources
from .transforms import (
    CitationsForPDF,
    CVHeader,
    LeaveOutWebSummaries,
    TableColumnWidths,
    UnlinkDangling,
)
from .variants import ApplyVariant, check_dropped_pages

#: Folder holding the rinohtype template configurations and style sheet.
RINOH_DIR: Final = Path(__file__).parent / "rinoh"
#: ``portfolio_pdf_paper`` value -> template configuration file.
TEMPLATES: Final = {
    "A4": RINOH_DIR / "portfolio_cv.rtt",
    "LETTER": RINOH_DIR / "portfolio_cv_letter.rtt",
}
def template_path(paper: str = "A4") -> str:
    """Absolute path of the ``.rtt`` file for *paper* (``"A4"`` or ``"LETTER"``)."""
    return str(TEMPLATES[paper.upper()])


def configure_rinoh_documents(app: Sphinx, config: Config) -> None:
    """``config-inited``: derive ``rinoh_documents`` from the portfolio settings.

    An explicit ``rinoh_documents`` in conf.py wins; its dict entries only get
    the keys they lack (template, subject, keywords).  A selected variant
    gets its own file name, so it never overwrites the full CV.
    """
    owner = str(config.author or config.project or "")
    defaults: dict[str, Any] = {
        "template": template_path(config.portfolio_pdf_paper),
        "subject": config.portfolio_pdf_subject,
        "keywords": list(config.portfolio_pdf_keywords or _interests(app, config)),
    }
    if config.rinoh_documents:
        for entry in config.rinoh_documents:
            if isinstance(entry, dict):
                for key, value in defaults.items():
                    entry.setdefault(key, value)
                if "target" in entry:
                    entry["target"] = variant_name(config, str(entry["target"]))
        return
    title = config.portfolio_pdf_title or (
        f"{owner} \N{EN DASH} Curriculum Vitae" if owner else "Curriculum Vitae"
    )
    config.rinoh_documents = [
        {
            "doc": config.root_doc,
            "target": variant_name(config, cv_name(config)),
            "title": title,
            "author": owner,
            **defaults,
        }
    ]


def _interests(app: Sphinx, config: Config) -> list[str]:
    """Default PDF keywords: the research interests in profile.yaml."""
    profile = profile_at_config_time(app, config)
    return [str(interest) for interest in profile.interests] if profile else []


def set_up_cv(app: Sphinx, config: Config) -> None:
    """``config-inited`` (from the package's handler, once the settings are checked):
    the template, ``rinoh_documents``, the checks and transforms of the CV."""
    register_rinoh_resources()
    configure_rinoh_documents(app, config)
    app.connect("env-check-consistency", check_dropped_pages)
    for transform in (ApplyVariant, LeaveOutWebSummaries, CVHeader, CitationsForPDF,
                      UnlinkDangling, MathToText, TableColumnWidths):
        app.add_post_transform(transform)


def setup(app: Sphinx) -> dict[str, Any]:
    """Entry point ``sphinx.builders: rinoh``: rinohtype's builder, nothing of ours, so a
    project that does not use sphinx_portfolio gets rinohtype as it is."""
    app.setup_extension("rinoh.frontend.sphinx")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
