"""``portfolio_csl_style``: the publication list in a CSL style, wired into the build.

The style is read, checked and parsed once a build (at ``builder-inited``, for the build's
``language``) into the style class registered for sphinxcontrib-bibtex
(:func:`..bib.cslstyle.csl_style_class`), which lives as long as the build's registration:
a new build, a changed setting or an edited ``.csl`` file reads it again. citeproc-py (and
lxml) are imported only by a build that sets a style: the others start ~20 ms sooner. A style that
cannot be used is one ``portfolio.csl`` warning at conf.py's line, and the list keeps our
own style; an entry the style fails on keeps our style, with one warning at the entry.
"""

from __future__ import annotations

from pathlib import Path

from pybtex.database import Entry
from pybtex.style.formatting import BaseStyle
from sphinx.application import Sphinx

from .._shared import warn, warn_at
from ..bib.style import PortfolioStyle
from ..buildstate import build_state
from ..config import conf_location
from ..warnings_ import Subtype

__all__ = ["csl_fingerprint", "with_csl_style"]


def _setting(app: Sphinx) -> str:
    return str(app.config.portfolio_csl_style or "").strip()


def with_csl_style(app: Sphinx, style: type[BaseStyle]) -> type[BaseStyle]:
    """``style`` (our own, as made for this build) in the configured CSL style, or ``style``
    itself when none is set or the one set cannot be used (one warning)."""
    setting = _setting(app)
    if not setting or not issubclass(style, PortfolioStyle):
        return style
    from ..bib.cslstyle import CslStyleError, csl_style_class, read_style, style_path

    try:
        path = style_path(setting, Path(app.confdir))
        csl = read_style(setting, path, str(app.config.language or "en"))
    except CslStyleError as error:
        warn(f"{error}; the publication list keeps the extension's own style", Subtype.CSL,
             conf_location(app.confdir, "csl_style"))
        return style

    def report_failure(entry: Entry, message: str) -> None:
        where = build_state(app.env).entry_location(str(entry.key))
        if where is None:
            warn(f"{entry.key}: {message}", Subtype.CSL,
                 conf_location(app.confdir, "csl_style"))
        else:
            warn_at(app.env, where[0], where[1], message, Subtype.CSL)

    return csl_style_class(style, csl, report_failure)


def csl_fingerprint(app: Sphinx) -> str:
    """What the formatted entries depend on beside the setting: the style file's size and
    time (a site's ``.csl`` edited between builds); "" when no style is set."""
    setting = _setting(app)
    if not setting:
        return ""
    from ..bib.cslstyle import CslStyleError, style_path

    try:
        stat = style_path(setting, Path(app.confdir)).stat()
    except (CslStyleError, OSError):
        return setting
    return f"{setting}:{stat.st_size}:{stat.st_mtime_ns}"
