"""The data files of this build, for every wing: loaded once, problems reported once.

Every data file is validated when reading starts (see :func:`validate_all`), so a
typo is reported even when no page needs re-reading; directives then render
from the same files without repeating the warnings. The loaded files live in the build
state (:mod:`.buildstate`), made anew for every build and never pickled; parallel readers
are forked after the validation and inherit it.

A value given in several languages is read in the build's language (:mod:`.data.languages`),
so a file is kept under its path and the languages it was read in; a missing translation is
reported as ``portfolio_missing_translation`` says: a warning, or an info line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.environment import BuildEnvironment

from ._shared import display_path, logger, report
from .buildstate import FileKey, LoadedFile, build_state
from .config import data_languages
from .data import (
    KINDS,
    MAPPINGS,
    CitationCounts,
    Loaded,
    Problem,
    Profile,
    Record,
    load_list,
    load_mapping,
)
from .files import leads_out_of
from .warnings_ import Subtype

__all__ = [
    "PROFILE", "citation_counts", "default_path", "entries", "existing_kinds", "mapping", "profile",
    "validate_all",
]

PROFILE = "profile"


def data_dir(env: BuildEnvironment) -> Path:
    return Path(env.srcdir) / str(env.config.portfolio_data_dir)


def default_path(env: BuildEnvironment, kind: str) -> Path:
    return data_dir(env) / f"{kind}.yaml"


def _load(env: BuildEnvironment, kind: str, path: Path) -> LoadedFile:
    files = build_state(env).data_files
    languages = data_languages(env.config)
    key: FileKey = (path, languages)
    loaded = files.get(key)
    if loaded is None and leads_out_of(env.srcdir, path):
        problem = Problem(path, 0, Subtype.FILE,
                          f"not read: the data file is outside the site's source folder "
                          f"(it resolves to {Path(path).resolve()})",
                          f"keep the file itself inside {env.srcdir}")
        loaded = LoadedFile(None if kind in MAPPINGS else Loaded([], []), [problem])
        files[key] = loaded
    if loaded is None:
        if kind in MAPPINGS:
            value, problems = load_mapping(path, MAPPINGS[kind], languages)
            loaded = LoadedFile(value, problems)
        else:
            listed = load_list(path, KINDS[kind], languages)
            loaded = LoadedFile(listed, listed.problems)
        files[key] = loaded
    return loaded


def _report(env: BuildEnvironment, problems: list[Problem]) -> None:
    """Each problem as a located warning; a missing translation as an info line instead
    when ``portfolio_missing_translation = "info"`` (the site accepts the fallback)."""
    quiet = env.config.portfolio_missing_translation == "info"
    for problem in problems:
        if quiet and problem.subtype is Subtype.TRANSLATION:
            location = f"{display_path(env, problem.path)}:{problem.line or 1}"
            logger.info("%s", problem.text, location=location)
        else:
            report(env, [problem])


def _reading_a_document(env: BuildEnvironment) -> bool:
    try:
        return bool(env.docname)
    except KeyError:  # Sphinx < 8.2 outside of reading
        return False


def _get(env: BuildEnvironment, kind: str, path: Path) -> LoadedFile:
    loaded = _load(env, kind, path)
    if not loaded.reported:
        _report(env, loaded.problems)
        loaded.reported = True
    if _reading_a_document(env):  # the page being read depends on the file
        env.note_dependency(str(path))
    return loaded


def entries(
    env: BuildEnvironment, kind: str, path: Path | None = None
) -> Loaded[Any]:
    """The valid entries of one list file; its problems are logged (once)."""
    loaded: Loaded[Any] = _get(env, kind, path or default_path(env, kind)).value
    return loaded


def mapping(env: BuildEnvironment, kind: str) -> Record[Any] | None:
    """An optional single-mapping file; None when absent or invalid."""
    path = default_path(env, kind)
    record: Record[Any] | None = _get(env, kind, path).value if path.is_file() else None
    return record


def profile(env: BuildEnvironment) -> Profile | None:
    """The owner's profile; None when there is none (it is optional) or it is invalid."""
    record = mapping(env, PROFILE)
    return record.entry if record else None


def citation_counts(env: BuildEnvironment) -> Record[CitationCounts] | None:
    return mapping(env, "citations")


def existing_kinds(env: BuildEnvironment) -> list[str]:
    return [kind for kind in (*MAPPINGS, *KINDS) if default_path(env, kind).exists()]


def validate_all(env: BuildEnvironment) -> None:
    """Validate every data file in the data folder, reporting each problem once this build."""
    for kind in existing_kinds(env):
        _get(env, kind, default_path(env, kind))
