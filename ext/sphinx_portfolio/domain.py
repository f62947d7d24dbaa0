"""What the whole site knows: where each data entry is rendered, and which papers it cites.

Kept in a Domain so that incremental and parallel builds stay right
(``clear_doc`` / ``merge_domaindata``), and so that ``{project}`id``` style
references and paper back-links resolve across pages in every builder.

The instance also carries this build's :class:`.buildstate.BuildState` (the caches of the
other parts), only as its anchor: Sphinx makes the domain anew for each build and never
pickles it, so that state is per build by construction, not a module global.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode
from sphinx.util.typing import RoleFunction

from .buildstate import DOMAIN_NAME, BuildState

__all__ = ["PortfolioDomain", "Target", "portfolio_domain"]


class Target(NamedTuple):
    docname: str
    anchor: str
    title: str
    papers: tuple[str, ...]  # BibTeX keys, lower-case


class PortfolioDomain(Domain):
    name = DOMAIN_NAME
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
    # formatting: what formatted the entries last build (publications.bibliography);
    # chrome_shown: what every page showed last build (web.chrome: the CV button, the index);
    # alfolio_files: the local files the .bib entries name that were found, by key
    # (publications.buttons). The last three are set in the main process, never merged.
    initial_data: ClassVar[dict[str, Any]] = {"targets": {}, "pdf_links": {}, "formatting": None,
                                              "chrome_shown": None, "alfolio_files": None}
    data_version = 2

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: The caches of the other parts for this build (:func:`.buildstate.build_state`).
        self.build_state = BuildState()
        #: Paper key -> the entries listing it, made from ``targets`` when first asked and
        #: dropped when they change: asked once per paper, a scan each was papers x entries.
        self._citing: dict[str, list[tuple[str, str, Target]]] | None = None

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

    @property
    def chrome_shown(self) -> list[bool] | None:
        """What every page showed at the last build (:mod:`.web.chrome`), None before one
        (``.get``: an environment pickled before this key was declared lacks it)."""
        shown: list[bool] | None = self.data.get("chrome_shown")
        return shown

    @chrome_shown.setter
    def chrome_shown(self, shown: list[bool]) -> None:
        self.data["chrome_shown"] = shown

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
