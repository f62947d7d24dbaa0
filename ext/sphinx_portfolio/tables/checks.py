"""Build-wide checks run when reading starts: every data file, every cross-reference.

Cross-references are checked against the parsed BibTeX data and the ids in
the data files, and reported at the YAML line that holds the bad key.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import datacache
from .._shared import report
from ..buildstate import build_state
from ..data import KINDS, Record
from ..warnings_ import Problem, Subtype, did_you_mean

__all__ = ["bib_keys", "check_all"]


def bib_keys(env: BuildEnvironment) -> set[str]:
    """The .bib files' keys, lower-case (made once per build: every table row asks).

    The tables know the bibliography only through the build state, which the publications
    fill at ``builder-inited`` (:func:`.publications.bibliography.load_bibliography`), before any
    check (``env-before-read-docs``) or table runs."""
    return build_state(env).bib_keys()


def check_all(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs`` handler: every data file and reference, once per build that
    reads. A build that reads nothing (no page, data file or .bib changed: each page depends on
    the files it shows) has nothing new to report, as Sphinx repeats no unchanged page's
    warnings; what it still needs of the data is loaded when asked."""
    if not docnames:
        return
    datacache.validate_all(env)
    report(env, check_references(env))


def check_references(env: BuildEnvironment) -> list[Problem]:
    keys = bib_keys(env)
    kinds = datacache.existing_kinds(env)
    projects = datacache.entries(env, "projects").records if "projects" in kinds else []
    project_ids = {record.entry.id for record in projects}
    problems: list[Problem] = []
    # every kind with papers (projects), a paper (awards, talks) or a project (awards)
    for kind, model in KINDS.items():
        if kind not in kinds or not {"papers", "paper", "project"} & set(model.model_fields):
            continue
        for record in datacache.entries(env, kind).records:
            for index, key in enumerate(getattr(record.entry, "papers", ())):
                problems += _check(record, ("papers", index), key, keys, "BibTeX key",
                                   "refs.bib")
            if getattr(record.entry, "paper", None):
                problems += _check(record, ("paper",), record.entry.paper, keys, "BibTeX key",
                                   "refs.bib")
            if getattr(record.entry, "project", None):
                problems += _check(record, ("project",), record.entry.project, project_ids,
                                   "project id", "projects.yaml")
    if "citations" in kinds:
        problems += _check_citation_keys(env, keys)
    return problems


def _check_citation_keys(env: BuildEnvironment, keys: set[str]) -> list[Problem]:
    record = datacache.citation_counts(env)
    if record is None:
        return []
    return [problem for key in record.entry.counts
            for problem in _check(record, ("counts", key), key, keys, "BibTeX key", "refs.bib")]


def _check(
    record: Record[Any], loc: tuple[str | int, ...], value: str, known: set[str], what: str,
    where: str,
) -> list[Problem]:
    if value.lower() in known:  # BibTeX keys are case-insensitive; ids are lower-case
        return []
    hint = did_you_mean(value, known) or f"add it to {where} or fix the spelling"
    field = ".".join(str(part) for part in loc)
    return [Problem(record.path, record.line_of(*loc), Subtype.REF,
                    f"{field}: unknown {what} '{value}'", hint)]
