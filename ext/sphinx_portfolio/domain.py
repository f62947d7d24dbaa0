"""What the whole site knows: where each data entry is rendered, and which papers it cites.

Kept in a Domain so that incremental and parallel builds stay right
(``clear_doc`` / ``merge_domaindata``), and so that ``{project}`id``` style
references and paper back-links resolve across pages in every builder.

The instance also holds what one build has read (the data files, the checked
bibliography): Sphinx makes the domain anew for each build and never pickles it,
so this state is per build by construction, not a module global.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode
from sphinx.util.typing import RoleFunction

from .bib import CheckedBib

if TYPE_CHECKING:
    from .store import FileKey, LoadedFile


class Target(NamedTuple):
    docname: str
    anchor: str
    title: str
    papers: tuple[str, ...]  # BibTeX keys, lower-case


class PortfolioDomain(Domain):
    name = "portfolio"
    label = "Portfolio"
    object_types: ClassVar[dict[str, ObjType]] = {
        kind: ObjType(kind, kind)
        for kind in ("project", "award", "education", "experience", "activity", "talk", "patent",
                     "certificate", "skill")
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        kind: XRefRole() for kind in object_types
    }
    # targets: (kind, id) -> Target; pdf_links: document -> line of its first PDF CV link;
    # formatting: what formatted the entries last build (publications.load)
    initial_data: ClassVar[dict[str, Any]] = {"targets": {}, "pdf_links": {}, "formatting": None}
    data_version = 2

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: This build's data files, each loaded and reported once (:mod:`.store`).
        self.data_files: dict[FileKey, LoadedFile] = {}
        #: This build's bibliography as our lenient reader checked it
        #: (:mod:`.publications.load`); None until it is read.
        self.bib: CheckedBib | None = None
        #: Math already reported as unreadable in this build: (source, line, latex).
        self.math_warned: set[tuple[Any, ...]] = set()
        #: This build's PDF CVs between ``write-started`` and ``build-finished``
        #: (:mod:`.pdf.builder`): None before, () when they are up to date, else their
        #: sources and the compile under way.
        self.pdf_under_way: tuple[Any, ...] | None = None
        #: Paper key -> the entries listing it, made from ``targets`` when first asked and
        #: dropped when they change: asked once per paper, a scan each was papers x entries.
        self._citing: dict[str, list[tuple[str, str, Target]]] | None = None
        #: The .bib files' keys, lower-case, once per build (``None`` until asked).
        self.bib_keys: set[str] | None = None
        #: Whether this build reads or writes any page. A page depends on every file it
        #: shows (data, .bib, profile), and Sphinx writes every page when an HTML setting
        #: changed: a build that does neither (a no-op) has nothing new to show.
        self.pages_change = False

    def entry_location(self, key: str) -> tuple[Path, int] | None:
        """Where the BibTeX entry ``key`` is written (file, line), if it was read."""
        return self.bib.lines.get(key.lower()) if self.bib else None

    @property
    def targets(self) -> dict[tuple[str, str], Target]:
        targets: dict[tuple[str, str], Target] = self.data["targets"]
        return targets

    def note_target(self, kind: str, entry_id: str, target: Target) -> None:
        self.targets.setdefault((kind, entry_id), target)
        self._citing = None

    def citing(self, key: str) -> list[tuple[str, str, Target]]:
        """Entries (kind, id, target) that list the paper ``key``, in a stable order."""
        if self._citing is None:
            index: dict[str, list[tuple[str, str, Target]]] = {}
            for (kind, entry_id), target in sorted(self.targets.items()):
                for paper in dict.fromkeys(target.papers):
                    index.setdefault(paper, []).append((kind, entry_id, target))
            self._citing = index
        return list(self._citing.get(key.lower(), []))

    @property
    def pdf_links(self) -> dict[str, int]:
        links: dict[str, int] = self.data["pdf_links"]
        return links

    def clear_doc(self, docname: str) -> None:
        for key, target in list(self.targets.items()):
            if target.docname == docname:
                del self.targets[key]
        self.pdf_links.pop(docname, None)
        self._citing = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key, target in otherdata["targets"].items():
            if target.docname in docnames:
                self.targets.setdefault(key, target)
        self._citing = None
        self.pdf_links.update({docname: line for docname, line in otherdata["pdf_links"].items()
                               if docname in docnames})

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str, target: str,
        node: pending_xref, contnode: nodes.Element,
    ) -> nodes.reference | None:
        found = self.targets.get((typ, target))
        if found is None:
            return None
        if node.get("refexplicit") is False or contnode.astext() == target:
            contnode = nodes.inline(found.title, found.title)
        return make_refnode(
            builder, fromdocname, found.docname, found.anchor, contnode, found.title
        )

    def resolve_any_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
        node: pending_xref, contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for kind in self.object_types:
            ref = self.resolve_xref(env, fromdocname, builder, kind, target, node, contnode)
            if ref is not None:
                results.append((f"portfolio:{kind}", ref))
        return results

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for (kind, entry_id), target in self.targets.items():
            yield entry_id, target.title, kind, target.docname, target.anchor, -1


def portfolio_domain(env: BuildEnvironment) -> PortfolioDomain:
    domain = env.get_domain(PortfolioDomain.name)
    assert isinstance(domain, PortfolioDomain)
    return domain
