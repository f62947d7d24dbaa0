"""Every listed paper is anchored at its BibTeX key (``publications.html#song2025sgd``): in a
``{publications}`` list, a selection or a plain ``{bibliography}``, so that a link to a paper
outlives every change to the list (sphinxcontrib-bibtex numbers them ``id6``, the sixth id on
the page, another one as soon as an entry or a heading is added above it).

The key is made an id as Sphinx makes ids (``Song:2025`` -> ``song-2025``); where the page
has that id already (a heading, another list of the same paper), the entry gets ``key-2``.
A ``bibtex_cite_id`` set in conf.py names the entries instead, as sphinxcontrib-bibtex does.
A key-based default for that setting could not do this: it gives a selection's entries its
key prefix, and two keys of one id (``Example:2021``, ``example-2021``) a warning.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .._compat.bibtex import CiteDomain
from ..config import given
from ..files import free_name

__all__ = ["setup_anchors"]


def anchor_entries_at_their_keys(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: give each entry of the page's bibliographies the id of its key.

    sphinxcontrib-bibtex made an id for every entry of the .bib files, in every bibliography
    (which ones it lists is known only once every page is read), and takes it as the
    citations' target when every page is read: renamed now, the new id is the target
    everywhere. The whole page is read, so its every id is known.
    """
    if given(app.config, "bibtex_cite_id"):
        return

    def free_anchor(key: str, ids: dict[str, nodes.Element]) -> str:
        anchor, _ = free_name(entry_anchor(key), ids)  # key, key-2, key-3...
        return anchor

    CiteDomain(app.env).rename_entry_ids(app.env.docname, doctree, free_anchor)


def entry_anchor(key: str) -> str:
    """The id of a BibTeX key as Sphinx makes ids (``Song:2025`` -> ``song-2025``); a key
    that starts with no ASCII letter, which an id needs, has one put first (``2020report`` ->
    ``paper-2020report``, where Sphinx would drop the digits)."""
    starts_an_id = key[:1].isascii() and key[:1].isalpha()
    return nodes.make_id(key if starts_an_id else f"paper-{key}") or "paper"



def setup_anchors(app: Sphinx) -> None:
    app.connect("doctree-read", anchor_entries_at_their_keys)
