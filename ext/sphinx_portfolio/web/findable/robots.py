"""``robots.txt``: every page may be crawled; the sitemap's address, when there is one.

Written at ``build-finished`` rather than kept in ``html_extra_path``: its ``Sitemap:``
line needs this build's base URL. A robots.txt of the site's own (in ``html_extra_path``)
is left as it is.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .config_defaults import SITEMAP, absolute_base, base_url
from .previews import is_web_page

__all__ = ["write_robots_txt"]

ROBOTS = "robots.txt"


def robots_txt(app: Sphinx) -> str:
    lines = ["User-agent: *", "Disallow:"]
    site = absolute_base(str(getattr(app.config, "site_url", None) or "")) or base_url(app.config)
    if site and SITEMAP in app.extensions:
        lines += ["", f"Sitemap: {site}{app.config.sitemap_filename}"]
    return "\n".join(lines) + "\n"


def _own_robots(app: Sphinx) -> bool:
    for extra in app.config.html_extra_path:
        path = Path(app.confdir, extra)
        if path.name == ROBOTS or (path / ROBOTS).is_file():
            return True
    return False


def write_robots_txt(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: robots.txt at the root of the HTML output."""
    if exception is not None or not is_web_page(app) or _own_robots(app):
        return
    target = Path(app.outdir) / ROBOTS
    text = robots_txt(app)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
