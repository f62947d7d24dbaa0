"""sphinxcontrib-bibtex gets its entries from our lenient reader, with each problem located.

Runs at ``builder-inited`` just before sphinxcontrib-bibtex's own handler and hands
it a bibliography whose file times are current, so that it keeps ours instead of
parsing the files again with pybtex (which stops at the first bad entry and logs
one unlocated warning). Problems are reported on every build, as data problems are.
The checked bibliography is kept in the build state (:mod:`..buildstate`) for this build:
the tables check their BibTeX keys against it.

The files are untrusted input: the reader decodes them with ``bibtex_encoding`` byte by byte
(a bad byte costs its own text, not the file), bounds every size and reports each link
it will not show (``bib-url``) here, once per build, so the pages need not warn again.
"""

from __future__ import annotations

import pybtex_docutils
from docutils import nodes
from pybtex.backends import plaintext
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .._compat.bibtex import CiteDomain
from .._compat.pybtex import (
    register_plugin_class,
    registered_plugin_class,
    unregister_plugin_class,
)
from .._shared import report
from ..bib import make_style, read_bib_files
from ..buildstate import build_state
from ..config import given
from ..domain import portfolio_domain
from ..locale import translate
from .cslstyle import csl_fingerprint, with_csl_style
from .pagecache import bib_paths
from .pages import paper_pages_enabled
from .people import owner_names

__all__ = [
    "PRIORITY", "load_bibliography", "put_back_the_style", "release_resolved_entries",
    "reread_when_the_style_changed", "use_our_ids_by_default", "use_our_style_by_default",
    "use_the_owners_style",
]

#: Run before sphinxcontrib-bibtex's ``builder-inited`` handler (default priority 500), so that
#: it keeps our bibliography. The build state's ``bib`` (what the tables check keys against,
#: at ``env-before-read-docs``) needs only that this runs at ``builder-inited``.
PRIORITY = 400


def load_bibliography(app: Sphinx) -> None:
    """``builder-inited``: read the .bib files leniently and report what is wrong in them."""
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex reports the missing setting itself
    paths = bib_paths(app)
    encoding = str(app.config.bibtex_encoding)
    checked = read_bib_files(paths, encoding)
    build_state(app.env).bib = checked
    CiteDomain(app.env).keep_our_bibliography(paths, encoding, checked.data, checked.keys)
    report(app.env, checked.problems)


#: The style sphinxcontrib-bibtex uses unless the project names one.
STYLE = "portfolio"


def use_our_style_by_default(app: Sphinx, config: Config) -> None:
    """``config-inited``: our style (CV numbers, the owner in bold) unless conf.py or ``-D``
    chose one; sphinxcontrib-bibtex's own default, alpha, gives labels like [KSY+26]."""
    if not given(config, "bibtex_default_style"):
        config.bibtex_default_style = STYLE


#: sphinxcontrib-bibtex's id settings for what holds entries, ours unless the project sets
#: them: ids that name what they mark, the same from build to build, instead of ``id6`` (the
#: sixth id on the page, another one as soon as something is added above it). The entries'
#: own ids are made by ``{publications}`` (:mod:`.directives`): the key itself. A key-based
#: ``bibtex_cite_id`` could not do that: it cannot give a selection the bare key, and two keys
#: with one id (``Example:2021``, ``example-2021``) would be warned of; it stays unset.
ID_SETTINGS = {
    "bibtex_bibliography_id": "bibliography-{bibliography_count}",
    "bibtex_footbibliography_id": "footbibliography-{footbibliography_count}",
}


def use_our_ids_by_default(app: Sphinx, config: Config) -> None:
    """``config-inited``: the :data:`ID_SETTINGS` that conf.py and ``-D`` leave unset."""
    for name, value in ID_SETTINGS.items():
        if not given(config, name):
            setattr(config, name, value)


#: pybtex's plugin group of formatting styles.
STYLE_GROUP = "pybtex.style.formatting"


def use_the_owners_style(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the pybtex style, which knows the owner's names from
    profile.yaml (and, with ``portfolio_csl_style``, formats in that CSL style), registered
    as :data:`STYLE` for this build only.

    sphinxcontrib-bibtex finds a style by name in pybtex's process-wide registry, so the
    registration is scoped: made once the build runs (an application made and never built
    leaves nothing behind) and taken back by :func:`put_back_the_style` at its end, so a
    process that builds another project next (tests, a server) does not format with this
    owner's names.
    """
    style = make_style(owner_names(env), app.config.portfolio_venue_abbreviations,
                       paper_links=paper_pages_enabled(app), translate=translate)
    state = build_state(env)
    if state.replaced_bib_style is None:
        state.replaced_bib_style = (registered_plugin_class(STYLE_GROUP, STYLE),)
    register_plugin_class(STYLE_GROUP, STYLE, with_csl_style(app, style))
    _look_up_plugins_once()


def put_back_the_style(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: what was registered as :data:`STYLE` before this build, again."""
    state = build_state(app.env)
    if state.replaced_bib_style is not None:
        unregister_plugin_class(STYLE_GROUP, STYLE, state.replaced_bib_style[0])
        state.replaced_bib_style = None


#: pybtex plugins sphinxcontrib-bibtex looks up for every citation it resolves.
_LOOKED_UP_PER_CITATION = (
    ("pybtex.backends", "plaintext", plaintext.Backend),
    ("pybtex.backends", "docutils", pybtex_docutils.Backend),
)


def _look_up_plugins_once() -> None:
    """pybtex looks an installed plugin up in Python's entry points, a scan of every
    installed package's metadata (5 ms), on each call: 1,000 citations in a project table
    cost 6 s. Registered at run time, the same class is found at once."""
    for group, name, plugin in _LOOKED_UP_PER_CITATION:
        register_plugin_class(group, name, plugin)


def reread_when_the_style_changed(app: Sphinx, env: BuildEnvironment, added: set[str],
                                  changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: the pages with a bibliography, when what formats their entries
    changed (the style's name, the owner's names, the CSL style's file).

    sphinxcontrib-bibtex declares ``bibtex_default_style`` an "html" setting, yet formats
    entries when a page is read: a new style (or a new alias in profile.yaml) otherwise
    showed only after a clean build.
    """
    domain = portfolio_domain(env)
    formatting = [str(app.config.bibtex_default_style), *owner_names(app.env),
                  csl_fingerprint(app)]
    before = domain.data.get("formatting")
    domain.data["formatting"] = formatting
    if before is None or before == formatting:
        return []
    return sorted(CiteDomain(env).pages_with_a_bibliography() - removed)


def release_resolved_entries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, last: the environment lets go of the page's entries.

    sphinxcontrib-bibtex keeps a node for every entry of each bibliography in the environment
    (for its id) and, resolving the page, fills those very nodes and puts them in it: through
    their parents the environment then holds the whole resolved page until the process ends.
    At 5,000 papers that is the publication list, ~200,000 nodes: memory for the rest of the
    build and seconds of the collector's time, at each full collection and at exit. Each node
    that is in a page now is replaced by a copy with its attributes (ids) and nothing else.
    """
    CiteDomain(app.env).release_resolved_nodes()
