"""Where the Sphinx side gets its data: cached by mtime, problems reported once per build.

Every data file is validated when reading starts (see :func:`check_all`), so a
typo is reported even when no page needs re-reading; directives then render
from the same cache without repeating the warnings. Parallel readers are
forked after that point and inherit the cache, reported flags included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

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

logger = logging.getLogger(__name__)

PROFILE = "profile"


@dataclass
class _Cached:
    mtime: float
    value: Any  # Loaded[...] for a list file, a Record (or None) for a mapping file
    problems: list[Problem]
    reported: bool = field(default=False)


_cache: dict[Path, _Cached] = {}


def data_dir(env: BuildEnvironment) -> Path:
    return Path(env.srcdir) / str(env.config.portfolio_data_dir)


def default_path(env: BuildEnvironment, kind: str) -> Path:
    return data_dir(env) / f"{kind}.yaml"


def display_path(env: BuildEnvironment, path: Path) -> str:
    """Path as the researcher sees it: relative to the project when possible."""
    root = Path(env.srcdir).parent
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _load(env: BuildEnvironment, kind: str, path: Path) -> _Cached:
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = -1.0
    cached = _cache.get(path)
    if cached is None or cached.mtime != mtime:
        if kind in MAPPINGS:
            value, problems = load_mapping(path, MAPPINGS[kind])
            cached = _Cached(mtime, value, problems)
        else:
            loaded = load_list(path, KINDS[kind])
            cached = _Cached(mtime, loaded, loaded.problems)
        _cache[path] = cached
    return cached


def warn_at(env: BuildEnvironment, path: Path, line: int, message: str, subtype: str) -> None:
    """One portfolio warning at ``path:line`` (line 1 for the whole file).

    Always with a line: Sphinx reads a location without one as a document name.
    """
    logger.warning("%s", message, type="portfolio", subtype=subtype,
                   location=f"{display_path(env, path)}:{line or 1}")


def report(env: BuildEnvironment, problems: list[Problem]) -> None:
    for problem in problems:
        hint = f" ({problem.hint})" if problem.hint else ""
        warn_at(env, problem.path, problem.line, problem.message + hint, problem.subtype)


def _reading_a_document(env: BuildEnvironment) -> bool:
    try:
        return bool(env.docname)
    except KeyError:  # Sphinx < 8.2 outside of reading
        return False


def _get(env: BuildEnvironment, kind: str, path: Path) -> _Cached:
    cached = _load(env, kind, path)
    if not cached.reported:
        report(env, cached.problems)
        cached.reported = True
    if _reading_a_document(env):  # the page being read depends on the file
        env.note_dependency(str(path))
    return cached


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


def new_build(app: Sphinx) -> None:
    """``builder-inited``: report every problem afresh (sphinx-autobuild reuses the process)."""
    for cached in _cache.values():
        cached.reported = False


def validate_all(env: BuildEnvironment) -> None:
    """Validate every data file in the data folder, reporting each problem once this build."""
    for kind in existing_kinds(env):
        _get(env, kind, default_path(env, kind))
