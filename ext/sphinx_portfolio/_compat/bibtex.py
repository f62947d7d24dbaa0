"""A typed view of sphinxcontrib-bibtex's ``cite`` domain, and the two places we write into it.

Written against sphinxcontrib-bibtex 2.7.0 (the lowest we allow is 2.7). We rely on:

* the domain's data: ``bibdata`` (a ``bibfile.BibData``), ``bibliographies``
  (``directives.BibliographyKey`` -> ``BibliographyValue``, whose ``citation_nodes`` hold one
  node per entry) and ``citations`` (``domain.Citation``);
* its ``builder-inited`` handler keeping ``data["bibdata"]`` when ``bibfile.is_bibdata_outdated``
  says it is current (same encoding, same paths in order, same file times), so that our
  lenient reader's bibliography (:meth:`CiteDomain.keep_our_bibliography`) replaces its parse;
* its taking a bibliography's citation nodes' ids as the citations' targets once every page
  is read, so that ids renamed at ``doctree-read`` (:meth:`CiteDomain.rename_entry_ids`) are
  the targets everywhere.

``tests/test_compat_bibtex.py`` holds the contract; the behaviour is tested through
test_publications, test_pub_anchors, test_pub_buttons and test_pub_paper_pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import cast

from docutils import nodes
from pybtex.database import BibliographyData, Entry
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime
from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue
from sphinxcontrib.bibtex.domain import BibtexDomain, Citation

__all__ = ["WRITTEN_AGAINST", "Citation", "CiteDomain"]

#: The sphinxcontrib-bibtex versions this module was written against.
WRITTEN_AGAINST = ("2.7.0",)


class CiteDomain:
    """sphinxcontrib-bibtex's ``cite`` domain of ``env``: what we read of it, typed."""

    def __init__(self, env: BuildEnvironment) -> None:
        self._domain = cast(BibtexDomain, env.get_domain("cite"))

    @property
    def bibliographies(self) -> dict[BibliographyKey, BibliographyValue]:
        """Each ``{bibliography}`` (and ``{publications}``) directive read, by page and id."""
        return self._domain.bibliographies

    @property
    def citations(self) -> list[Citation]:
        """Each entry listed by a bibliography: its node's id, its entry, formatted."""
        return self._domain.citations

    @property
    def bib_files(self) -> Mapping[Path, BibFile]:
        """The .bib files as they were read (their times), in order; none before."""
        return self._domain.bibdata.bibfiles

    @property
    def entries(self) -> Mapping[str, Entry]:
        """This build's entries, in the order of the .bib files (none before they are read)."""
        return cast("Mapping[str, Entry]", self._domain.bibdata.data.entries)

    def pages_with_a_bibliography(self) -> set[str]:
        return {key.docname for key in self.bibliographies}

    def keep_our_bibliography(self, paths: Iterable[Path], encoding: str,
                              data: BibliographyData, keys: Mapping[Path, Iterable[str]]) -> None:
        """Give the domain ``data`` with the files' current times, before its own
        ``builder-inited`` handler: that handler finds the bibliography up to date and keeps
        it instead of parsing the files again."""
        self._domain.data["bibdata"] = BibData(
            encoding=encoding,
            bibfiles={path: BibFile(mtime=get_mtime(path), keys=dict.fromkeys(keys.get(path, [])))
                      for path in paths},
            data=data,
        )

    def rename_entry_ids(self, docname: str, doctree: nodes.document,
                         new_id: Callable[[str, dict[str, nodes.Element]], str]) -> None:
        """At ``doctree-read``: each entry node of ``docname``'s bibliographies, in the order of
        the directives, gets the id ``new_id(key without the bibliography's key prefix, the
        page's ids with the entry's old ids gone)``; the domain takes its ids as the
        citations' targets once every page is read."""
        on_this_page = sorted((value for key, value in self.bibliographies.items()
                               if key.docname == docname), key=lambda value: value.line)
        for bibliography in on_this_page:
            for key, citation in bibliography.citation_nodes.items():
                for old in citation["ids"]:
                    doctree.ids.pop(old, None)
                anchor = new_id(key.removeprefix(bibliography.keyprefix), doctree.ids)
                citation["ids"] = [anchor]
                doctree.ids[anchor] = citation

    def release_resolved_nodes(self) -> None:
        """Each entry node the domain keeps that is in a page now is replaced by a copy with
        its attributes (ids) and nothing else: through its parents the environment held the
        whole resolved page."""
        for bibliography in self.bibliographies.values():
            entries = bibliography.citation_nodes
            for key, entry in entries.items():
                if entry.parent is not None:
                    entries[key] = entry.copy()
