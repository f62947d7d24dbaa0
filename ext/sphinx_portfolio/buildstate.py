"""What one build has read or done, for the parts that would otherwise read or do it again.

Unlike the portfolio domain's data (:mod:`.domain`), which Sphinx pickles with the environment
and merges after parallel reads, nothing here outlives the build or crosses processes: each
field is declared below with the part that fills it and the parts that read it.

The state hangs on the portfolio domain's instance, which Sphinx makes anew for every build
(:meth:`BuildEnvironment.setup`) and never pickles: so it is per build and per process by
construction, not a module global. Parallel readers are forked after ``builder-inited`` and
``env-before-read-docs`` and inherit what was filled by then (the data files, the
bibliography); what a forked reader adds stays in that reader.

This module imports nothing of the package but the pure layers (:mod:`.bib`,
:mod:`.data`), so that every part can import it without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.environment import BuildEnvironment

from .bib import CheckedBib
from .data import Problem
from .data.languages import Languages

__all__ = ["DOMAIN_NAME", "BuildState", "FileKey", "LoadedFile", "build_state"]

#: The name of the domain the state hangs on (:class:`.domain.PortfolioDomain`'s name).
DOMAIN_NAME = "portfolio"


@dataclass
class LoadedFile:
    """A data file as :mod:`.datacache` loaded it, and whether its problems were reported."""

    value: Any  # Loaded[...] for a list file, a Record (or None) for a mapping file
    problems: list[Problem]
    reported: bool = field(default=False)


#: A data file as this build reads it: its path, in the languages of the build.
FileKey = tuple[Path, Languages]


@dataclass
class BuildState:
    """The per-build caches of every part, one declared field each."""

    #: This build's data files, each loaded and reported once (:mod:`.datacache`).
    data_files: dict[FileKey, LoadedFile] = field(default_factory=dict)
    #: This build's bibliography as our lenient reader checked it, filled at
    #: ``builder-inited`` by :func:`.publications.bibliography.load_bibliography`; None until then
    #: (or when ``bibtex_bibfiles`` is unset). Read by the publications and, through
    #: :meth:`bib_keys`, by the tables' reference checks (``env-before-read-docs``, later).
    bib: CheckedBib | None = None
    #: The .bib files' keys, lower-case, made from :attr:`bib` when first asked.
    _bib_keys: set[str] | None = None
    #: Math already reported as unreadable in this build, by the HTML and the PDF writer
    #: alike (:func:`.formulas.warn_once`): (source, line, latex).
    math_warned: set[tuple[Any, ...]] = field(default_factory=set)
    #: This build's PDF CVs between ``write-started`` and ``build-finished``
    #: (:mod:`.pdf.builder`): None before, () when they are up to date, else their
    #: sources and the compile under way (``tuple[CVs, Compile | None]``; typed loosely
    #: here so that this module need not import the PDF wing).
    pdf_under_way: tuple[Any, ...] | None = None
    #: Whether this build reads or writes any page (:mod:`.web.feeds`). A page depends on
    #: every file it shows (data, .bib, profile), and Sphinx writes every page when an HTML
    #: setting changed: a build that does neither (a no-op) has nothing new to show.
    pages_change: bool = False
    #: Whether this build moved what it started with out of the garbage collector's sight
    #: (:mod:`.collector`), so that it hands them back at its end, and only then.
    froze_the_collector: bool = False
    #: The pybtex style that was registered under the style's name before this build
    #: registered the owner's (:mod:`.publications.bibliography`), put back at its end; a 1-tuple
    #: (of None when there was none) while the build's style is registered, else None.
    replaced_bib_style: tuple[type[Any] | None] | None = None

    def bib_keys(self) -> set[str]:
        """The .bib files' keys, lower-case (made once per build: every table row asks)."""
        if self._bib_keys is None:
            self._bib_keys = (set() if self.bib is None
                              else {key.lower() for key in self.bib.data.entries})
        return self._bib_keys

    def entry_location(self, key: str) -> tuple[Path, int] | None:
        """Where the BibTeX entry ``key`` is written (file, line), if it was read."""
        return self.bib.lines.get(key.lower()) if self.bib else None


def build_state(env: BuildEnvironment) -> BuildState:
    """This build's state (see the module's docstring for where it lives and why)."""
    state = getattr(env.get_domain(DOMAIN_NAME), "build_state", None)
    if not isinstance(state, BuildState):
        raise TypeError(f"the {DOMAIN_NAME!r} domain holds no build state")  # not ours
    return state
