"""``sphinx-portfolio new DIR``: a complete site that builds, HTML and PDF, as it is written.

The files are in ``template/`` as they will be written, with a few ``{{placeholders}}``
(the name in its forms, the BibTeX keys of the example papers, this package's version);
``docs/_schema/`` is generated from the models, so the editor links in the data files
resolve inside the new site. Nothing else is generated: what a user edits is what they see.
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib.metadata import PackageNotFoundError, distribution
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .. import __version__
from ..data.schema import write as write_schemas

#: Template files whose names a package cannot carry as they are.
_RENAMED = {"gitignore": ".gitignore"}


class StarterError(Exception):
    """The site cannot be written where asked (one line, for the command line)."""


def write_site(directory: Path, name: str = "Jane Doe", *, force: bool = False) -> list[Path]:
    """Write the starter site into ``directory``; the files written."""
    values = _placeholders(name)  # before anything is written: no half a site
    if directory.exists() and not directory.is_dir():
        raise StarterError(f"{directory} is a file, not a folder for the site")
    if directory.exists() and any(directory.iterdir()) and not force:
        raise StarterError(f"{directory} is not empty (use --force to write into it)")
    written = []
    for source, relative in _template_files(files(__package__).joinpath("template")):
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        target.write_text(_fill(text, values), encoding="utf-8")
        written.append(target)
    written += write_schemas(directory / "docs" / "_schema")
    return written


def next_steps(directory: Path) -> str:
    return (
        "\nNext:\n"
        f"  cd {directory}\n"
        "  nox -s build     # the site and its PDF CV into _build/html/\n"
        "then edit docs/_data/profile.yaml, docs/refs.bib and the other docs/_data/*.yaml "
        "(README.md says what each file is).\n"
    )


def _template_files(root: Traversable, prefix: Path = Path()) -> list[tuple[Traversable, Path]]:
    found = []
    for item in sorted(root.iterdir(), key=lambda item: item.name):
        if item.name == "__pycache__":
            continue
        relative = prefix / _RENAMED.get(item.name, item.name)
        if item.is_dir():
            found += _template_files(item, relative)
        else:
            found.append((item, relative))
    return found


#: What a name may not hold: YAML's and BibTeX's syntax, TeX's math and specials, markup.
_NOT_IN_A_NAME = frozenset('{}\\"#:$<>%&~^_')


def _placeholders(name: str) -> dict[str, str]:
    if any(unicodedata.category(char)[0] == "C" for char in name if char not in " \t"):
        # control characters, and bytes that are no text (a terminal's escapes, a broken
        # encoding): nothing a page, a YAML file or a .bib file should hold
        raise StarterError(f"{name!r}: a name of letters, please (it holds control "
                           "characters or bytes that are no text)")
    name = " ".join(name.split())
    if not name or any(char in _NOT_IN_A_NAME for char in name):
        raise StarterError(f"{name!r} cannot be written as a name into YAML, BibTeX and the "
                           f"pages (none of {''.join(sorted(_NOT_IN_A_NAME))})")
    if re.search(r"\band\b", name, re.IGNORECASE):
        raise StarterError(f"{name!r}: BibTeX reads 'and' in a name as two people; give "
                           "one person's name")
    *given, family = name.split(" ")
    ascii_family = unicodedata.normalize("NFKD", family).encode("ascii", "ignore").decode()
    key_base = re.sub(r"[^a-z0-9]", "", ascii_family.lower()) or "me"
    initials = " ".join(f"{part[0]}." for part in given)
    return {
        "name": name,
        "bib_name": f"{family}, {' '.join(given)}" if given else family,
        "initials": f"{initials} {family}" if given else family,
        "key_newest": f"{key_base}2025faster",
        "key_oldest": f"{key_base}2023first",
        "requirement": package_requirement(),
    }


def package_requirement() -> str:
    """This package as the new site's requirements.txt names it: from where it was installed.

    pip records a wheel, folder or git URL it installed from (PEP 610 ``direct_url.json``);
    a site whose requirement named only the version would look for it on PyPI.
    """
    try:
        recorded = distribution("sphinx-portfolio").read_text("direct_url.json")
    except PackageNotFoundError:
        recorded = None
    origin = json.loads(recorded) if recorded else {}
    url = origin.get("url", "")
    vcs = origin.get("vcs_info")
    if vcs:
        commit = vcs.get("commit_id")
        return f"sphinx-portfolio @ {vcs['vcs']}+{url}" + (f"@{commit}" if commit else "")
    if url:
        return f"sphinx-portfolio @ {url}"
    return f"sphinx-portfolio>={__version__}"


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text
