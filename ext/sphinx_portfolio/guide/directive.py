"""``{portfolio-reference} PART``: one part of the reference, made from the code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from . import datafiles, markup, migration, settings_part, warnings_part

__all__ = ["ReferenceDirective"]

#: The parts, by the argument that asks for them.
PARTS: Final[dict[str, Callable[[SphinxDirective], list[nodes.Node]]]] = {
    "data": datafiles.part,
    "config": settings_part.part,
    "directives": markup.directives_part,
    "roles": markup.roles_part,
    "warnings": warnings_part.part,
    "migration": migration.part,
}

_PACKAGE = Path(__file__).resolve().parent.parent


class ReferenceDirective(SphinxDirective):
    """One part of the reference: ``data``, ``config``, ``directives``, ``roles``,
    ``warnings`` or ``migration``."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        part = self.arguments[0]
        make = PARTS.get(part)
        if make is None:
            raise self.error(f"unknown part {part!r} of the reference (known: "
                             f"{', '.join(PARTS)})")
        # The page's source does not change when the code does: depending on every module
        # of the package makes Sphinx read the page again after any change to it.
        for path in sorted(_PACKAGE.rglob("*.py")):
            self.env.note_dependency(str(path))
        return make(self)
