"""The site's base URL and what the findability extensions are given by default.

The base URL is ``html_baseurl``; when conf.py leaves it unset, Read the Docs' own canonical
URL (``READTHEDOCS_CANONICAL_URL``, set in its builds) stands in, as Read the Docs recommends
now that it no longer edits conf.py. Nothing else is ever taken for it (not the profile's
``website``, which is the owner's page, not necessarily this site): with no base URL the
pages carry no canonical link, no ``og:url`` and no sitemap, which would need absolute URLs.

Everything is derived at ``config-inited``, before Sphinx compares this configuration with
the last build's, and only from conf.py, ``-D`` and the environment: the same project in the
same environment gets the same values, so an unchanged project rebuilds nothing. A value
that conf.py (or ``-D``) sets is never replaced.
"""

from __future__ import annotations

import os
from typing import Any, Final
from urllib.parse import urlsplit, urlunsplit

from sphinx.application import Sphinx
from sphinx.config import Config

from ...config import given

__all__ = ["SITEMAP", "absolute_base", "base_url", "derive_settings", "owner"]

#: Read the Docs sets it in every build: the URL the version is served at, with a final "/".
RTD_CANONICAL_URL: Final = "READTHEDOCS_CANONICAL_URL"
SITEMAP: Final = "sphinx_sitemap"
#: Sphinx's placeholders for a conf.py that names no project or author.
_PLACEHOLDERS: Final = frozenset({"Project name not set", "Author name not set"})
#: Pages that are no content for a search engine (sphinx-sitemap would list every page).
_NOT_CONTENT: Final = ("search", "genindex")


def absolute_base(value: str) -> str:
    """``value`` as an absolute http(s) base URL ending in "/", or "" if it is none.

    A base without the final "/" still names a folder (Sphinx's canonical links join it with
    the page's path), so one is added: ``urljoin`` and sphinx-sitemap need it.
    """
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    path = parts.path if parts.path.endswith("/") else f"{parts.path}/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def base_url(config: Config) -> str:
    """This build's absolute base URL ("https://host/path/"), or "" when none is known."""
    return absolute_base(str(config.html_baseurl or ""))


def owner(config: Config) -> str:
    """Whose site this is: ``author`` (conf.py's, else profile.yaml's name, see
    :mod:`sphinx_portfolio.config`), else ``project``; "" when neither is known."""
    for value in (config.author, config.project):
        if value and str(value) not in _PLACEHOLDERS:
            return str(value)
    return ""


def derive_settings(app: Sphinx, config: Config) -> None:
    """``config-inited``: the base URL, then the extensions' settings that follow from it."""
    if not given(config, "html_baseurl"):
        config.html_baseurl = absolute_base(os.environ.get(RTD_CANONICAL_URL, ""))
    base = base_url(config)
    defaults: dict[str, Any] = {
        # sphinxext-opengraph names the site by ``project``, which a minimal conf.py leaves
        # as Sphinx's "Project name not set"; the owner's name (from profile.yaml) is better.
        "ogp_site_name": config.project if given(config, "project") else owner(config) or None,
        # Per-page cards cost more than a second of matplotlib on every clean build (see the
        # package's docstring); an explicit ogp_social_cards in conf.py turns them on.
        "ogp_social_cards": {"enable": False},
        # The 404 page is served at any depth, so its links start from the site's root: the
        # base URL's path ("/en/latest/" on Read the Docs); without one, the host's root
        # (None is sphinx-notfound-page's "/"), as on a static host serving the site at "/".
        "notfound_urls_prefix": urlsplit(base).path if base else None,
    }
    if base:
        # sphinx-sitemap warns at the end of every build that has no base URL, so it is only
        # loaded with one; a late add_config_value still reads conf.py's sitemap_* values.
        app.setup_extension(SITEMAP)
        suffix = str(config.html_file_suffix or ".html")
        unlisted = (*_NOT_CONTENT, str(config.notfound_pagename))
        defaults |= {
            "ogp_site_url": base,
            "site_url": base,
            # "{lang}{version}{link}" would add "en/" to a base URL that has the language
            # already (Read the Docs') or that serves one language at its root.
            "sitemap_url_scheme": "{link}",
            # the html builder's names, and dirhtml's ("search/")
            "sitemap_excludes": [name + end for name in unlisted for end in (suffix, "/")],
        }
    for name, value in defaults.items():
        if not given(config, name):
            setattr(config, name, value)
