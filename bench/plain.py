"""The "plain Sphinx" twin of a portfolio: the same pages without our extension.

The twin is what a user would have with Sphinx, myst-parser, sphinxcontrib-bibtex and furo
alone, built from the same sources in the same run:

* ``conf.py``: the site's own settings that plain Sphinx knows (``portfolio_*`` ones and the
  extension list dropped), ``extensions = ["myst_parser", "sphinxcontrib.bibtex"]``,
  ``dollarmath`` on, the same ``bibtex_bibfiles``, ``bibtex_default_style = "plain"``, furo;
  pybtex's strict mode off (in strict mode plain sphinxcontrib-bibtex stops formatting at the
  first entry its style rejects, e.g. one without a year, and silently lists a fraction);
* ``{publications}`` becomes ``{bibliography}`` with ``:all:``; with ``:selected:`` it is a
  filtered one instead (``keywords % "selected"``, with a key and label prefix so that the
  twin lists each paper twice without duplicate warnings, as ours does); ``:group:`` is
  dropped (plain sphinxcontrib-bibtex cannot group);
* ``{profile}`` and each ``{*-table}`` become the YAML file they show, as a literal block
  (``literalinclude`` with ``:language: text``, so no highlighting cost): plain keeps
  comparable content, and a YAML edit re-reads the pages that show the file, as ours does;
* ``{publication-metrics}`` is dropped (nothing in plain Sphinx counts papers);
* ``{cv-pdf}`text``` becomes ``text``.

Other directives and roles (``{cite:p}``, ``{toctree}``, ``{container}``, ...) are kept.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

PLAIN_EXTENSIONS = ["myst_parser", "sphinxcontrib.bibtex"]

# Data file shown by each directive of ours (the file stem under portfolio_data_dir).
DATA_DIRECTIVES = {
    "profile": "profile",
    "project-table": "projects",
    "award-table": "awards",
    "education-table": "education",
    "experience-table": "experience",
    "activity-table": "activities",
    "skill-table": "skills",
}
DROPPED_DIRECTIVES = {"publication-metrics"}
OPENING = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*?)\s*$")
OPTION = re.compile(r"^:(?P<name>[\w-]+):\s*(?P<value>.*?)\s*$")
CV_PDF_ROLE = re.compile(r"\{cv-pdf\}`([^`]*)`")
SELECTED_FILTER = 'keywords % "selected"'

# Settings that only make sense with our extension or are replaced below.
_REPLACED = {"extensions", "bibtex_default_style", "bibtex_bibfiles"}


def read_conf(conf: Path) -> dict[str, Any]:
    """The settings a ``conf.py`` makes (it is run as Sphinx runs it, in its folder)."""
    namespace: dict[str, Any] = {"__file__": str(conf), "tags": set()}
    exec(compile(conf.read_text("utf-8"), str(conf), "exec"), namespace)
    return {name: value for name, value in namespace.items()
            if not name.startswith("_") and name != "tags" and _is_literal(value)}


def _is_literal(value: Any) -> bool:
    """Whether ``repr(value)`` reads back as the same value."""
    if isinstance(value, str | int | float | bool | type(None)):
        return True
    if isinstance(value, list | tuple | set):
        return all(_is_literal(item) for item in value)
    if isinstance(value, dict):
        return all(_is_literal(key) and _is_literal(item) for key, item in value.items())
    return False


def plain_conf(settings: dict[str, Any]) -> str:
    """The twin's ``conf.py``."""
    kept = {name: value for name, value in settings.items()
            if not name.startswith("portfolio_") and name not in _REPLACED}
    myst = list(kept.get("myst_enable_extensions", []))
    kept["myst_enable_extensions"] = myst if "dollarmath" in myst else [*myst, "dollarmath"]
    kept["html_theme"] = "furo"
    kept.setdefault("bibtex_reference_style", "label")
    lines = [
        '"""Plain Sphinx twin of a portfolio site (written by bench/plain.py)."""',
        "import pybtex.errors",
        "",
        "# Strict mode would stop formatting at the first entry the plain style rejects.",
        "pybtex.errors.set_strict_mode(False)",
        "",
        f"extensions = {PLAIN_EXTENSIONS!r}",
        f"bibtex_bibfiles = {list(settings.get('bibtex_bibfiles', []))!r}",
        'bibtex_default_style = "plain"',
    ]
    lines += [f"{name} = {value!r}" for name, value in sorted(kept.items())]
    return "\n".join(lines) + "\n"


def plain_page(text: str, data_dir: str, exists: Callable[[str], bool] = lambda path: True) -> str:
    """A MyST page with our directives and role replaced (see the module's docstring);
    ``exists`` tells whether a ``{literalinclude}`` path names a file (ours shows nothing
    for a missing data file, and a missing include would be a warning)."""
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        match = OPENING.match(lines[index])
        name = match["name"] if match else ""
        if not match or name not in {"publications", *DATA_DIRECTIVES, *DROPPED_DIRECTIVES}:
            out.append(CV_PDF_ROLE.sub(r"\1", lines[index]))
            index += 1
            continue
        fence = match["fence"]
        end = index + 1
        while end < len(lines) and not (lines[end].strip().startswith(fence[0] * len(fence))
                                        and set(lines[end].strip()) == {fence[0]}):
            end += 1
        options = dict(_options(lines[index + 1:end]))
        out += _replacement(name, match["argument"], options, fence, data_dir, exists)
        index = end + 1
    return "\n".join(out) + "\n"


def _options(body: list[str]) -> list[tuple[str, str]]:
    found = []
    for line in body:
        option = OPTION.match(line.strip())
        if option is None:
            break
        found.append((option["name"], option["value"]))
    return found


def _replacement(name: str, argument: str, options: dict[str, str], fence: str,
                 data_dir: str, exists: Callable[[str], bool]) -> list[str]:
    if name in DROPPED_DIRECTIVES:
        return []
    if name == "publications":
        kept = {key: value for key, value in options.items() if key not in {"group", "selected"}}
        if "selected" in options:
            given = kept.get("filter")
            kept["filter"] = f"({given}) and {SELECTED_FILTER}" if given else SELECTED_FILTER
            kept.setdefault("keyprefix", "selected-")
            kept.setdefault("labelprefix", "S")
        elif not {"filter", "cited", "notcited"} & set(kept):
            kept["all"] = ""
        body = [f":{key}: {value}".rstrip() for key, value in kept.items()]
        return [f"{fence}{{bibliography}}", *body, fence]
    # a data file relative to the page when named, else the default one under the data folder
    path = argument or f"/{data_dir.strip('/')}/{DATA_DIRECTIVES[name]}.yaml"
    if not exists(path):
        return []
    return [f"{fence}{{literalinclude}} {path}", ":language: text", fence]


def make_twin(site: Path, twin: Path) -> Path:
    """Copy the portfolio at ``site`` (its ``docs/`` and the .bib files beside it) to
    ``twin`` as a plain Sphinx project; returns the twin's source folder."""
    shutil.copytree(site, twin)
    docs = twin / "docs"
    settings = read_conf(docs / "conf.py")
    data_dir = str(settings.get("portfolio_data_dir", "_data"))
    (docs / "conf.py").write_text(plain_conf(settings), "utf-8")
    for page in docs.rglob("*.md"):
        if data_dir in page.relative_to(docs).parts[:1]:
            continue

        def exists(path: str, page: Path = page) -> bool:
            return (docs / path.lstrip("/") if path.startswith("/") else page.parent / path
                    ).is_file()

        page.write_text(plain_page(page.read_text("utf-8"), data_dir, exists), "utf-8")
    return docs
