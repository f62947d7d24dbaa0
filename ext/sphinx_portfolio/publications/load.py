"""sphinxcontrib-bibtex gets its entries from our lenient reader, with each problem located.

Runs at ``builder-inited`` just before sphinxcontrib-bibtex's own handler and hands
it a bibliography whose file times are current, so that it keeps ours instead of
parsing the files again with pybtex (which stops at the first bad entry and logs
one unlocated warning). Problems are reported on every build, as data problems are.
The checked bibliography is kept on the portfolio domain for this build.

The files are untrusted input: the reader decodes them with ``bibtex_encoding`` byte by byte
(a bad byte costs its own text, not the file), bounds every size and reports each link
it will not show (``bib-url``) here, once per build, so the pages need not warn again.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

from .. import store
from .._shared import report
from ..bib import read_bib_files, register_style
from ..domain import portfolio_domain
from .pages import paper_pages_enabled

#: Run before sphinxcontrib-bibtex's ``builder-inited`` handler (default priority 500).
PRIORITY = 400


def bib_paths(app: Sphinx) -> list[Path]:
    """The configured .bib files, resolved the way sphinxcontrib-bibtex resolves them."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or ()]


def load_bibliography(app: Sphinx) -> None:
    """``builder-inited``: read the .bib files leniently and report what is wrong in them."""
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex reports the missing setting itself
    paths = bib_paths(app)
    encoding = str(app.config.bibtex_encoding)
    checked = read_bib_files(paths, encoding)
    portfolio_domain(app.env).bib = checked
    app.env.get_domain("cite").data["bibdata"] = BibData(
        encoding=encoding,
        bibfiles={
            path: BibFile(mtime=get_mtime(path), keys=dict.fromkeys(checked.keys.get(path, [])))
            for path in paths
        },
        data=checked.data,
    )
    report(app.env, checked.problems)


def register_bib_style(app: Sphinx) -> None:
    """``builder-inited``: the pybtex style knows the owner's names from profile.yaml."""
    profile = store.profile(app.env)
    names = [profile.name, *profile.aliases] if profile else []
    register_style(names, app.config.portfolio_venue_abbreviations,
                   paper_links=paper_pages_enabled(app))
