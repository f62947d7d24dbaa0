"""``sphinx-portfolio new DIR``: a complete site that builds, HTML and PDF, as it is written.

The files are in ``template/`` as they will be written, with a few ``{{placeholders}}``
(the name in its forms, the BibTeX keys of the example papers, this package's version);
``docs/_schema/`` is generated from the models, so the editor links in the data files
resolve inside the new site. Nothing else is generated: what a user edits is what they see.

Writing into a site is done here for every command (:func:`write_file`, :func:`check_targets`):
nothing is lost (a file replaced is kept beside it as ``NAME.bak``, one that would not
change is left alone) and nothing is written outside the site through a symbolic link.

What the starter wrote is known to the command line too (:func:`starter_files`,
:func:`example_papers`, :func:`renamed`, :func:`without_examples`): an import into a site
that still holds the starter's examples replaces them, and the starter's name, without
``--force``; the examples it has nothing for go, with the starter's pages that showed them
and the home page's example introduction (:func:`remove_file` keeps each as a .bak).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from .. import __version__
from ..bib import clean_latex, read_bib_text
from ..bib.latex import ascii_folded
from ..data.schema import write as write_schemas
from ..files import leads_out_of, write_whole

__all__ = [
    "DOCS", "INDEX", "StarterError", "check_targets", "example_papers", "home_page_name",
    "next_steps", "pages_showing", "remove_file", "renamed", "schema_files", "starter_files",
    "without_examples", "would_replace", "write_file", "write_site",
]

#: Template files whose names a package cannot carry as they are.
_RENAMED = {"gitignore": ".gitignore"}
#: Files a refusal names before it only counts the rest.
_NAMED = 3


class StarterError(Exception):
    """The site cannot be written where asked (one line, for the command line)."""


def write_site(directory: Path, name: str = "Jane Doe", *,
               force: bool = False) -> list[Written]:
    """Write the starter site into ``directory``; what was done to each file.

    Everything is checked before anything is written, so a refusal leaves no half a site:
    the name, the folder, symbolic links out of it and, in a folder that is not empty
    (allowed only with ``force``), which files would be replaced.
    """
    written = starter_files(name)
    if directory.exists() and not directory.is_dir():
        raise StarterError(f"{directory} is a file, not a folder for the site")
    planned = {directory / relative: data for relative, data in written.items()}
    planned.update(schema_files(directory / DOCS / "_schema"))
    check_targets(planned, directory)
    if directory.exists() and any(directory.iterdir()) and not force:
        replaced = would_replace(planned)
        if replaced:
            raise StarterError(
                f"{directory} is not empty: the starter would replace "
                f"{named(replaced, directory)} (use --force: each is kept as a .bak file "
                "beside it)")
        raise StarterError(f"{directory} is not empty (no file in it would be replaced; "
                           "use --force to write into it)")
    return [write_file(path, data) for path, data in planned.items()]


#: The folder of the site's Sphinx sources in what the starter writes.
DOCS = Path("docs")


def starter_files(name: str = "Jane Doe") -> dict[Path, bytes]:
    """Every file the starter writes for ``name`` (the JSON Schemas aside), by its path in
    the new folder ("docs/_data/profile.yaml"). Raises :class:`StarterError` for a name it
    cannot write."""
    values = _placeholders(name)
    return {relative: _fill(source.read_text(encoding="utf-8"), values).encode()
            for source, relative in _template_files(files(__package__).joinpath("template"))}


def example_papers() -> dict[str, str]:
    """The starter's example papers in refs.bib: each key's ending (what follows the family
    name it starts with, "2025faster") -> its title, read from the template itself."""
    values = _placeholders("Jane Doe")
    text = starter_files("Jane Doe")[DOCS / "refs.bib"].decode("utf-8")
    start = values["key_newest"].removesuffix("2025faster")  # the family name's part
    return {key.removeprefix(start): clean_latex(entry.fields.get("title", ""))
            for key, entry in read_bib_text(text).data.entries.items()}


#: The lines of the starter's conf.py and index.md that hold its name ({} is the name, as a
#: Python string or a Markdown heading's text).
_NAME_LINES: dict[Path, tuple[str, ...]] = {
    DOCS / "conf.py": ('project = {}', 'html_title = {}'),
    DOCS / "index.md": ("# {}",),
}


def renamed(relative: Path, text: str, old: str, new: str) -> tuple[str, list[str]]:
    """``text`` of the starter's ``relative`` file (conf.py or index.md) with each line
    that names the site ``old``, as the starter wrote it, naming it ``new``; and which
    lines ("project", "html_title", "the heading") were changed. Lines edited since are
    left as they are."""
    changed: list[str] = []
    lines = text.splitlines(keepends=True)
    for pattern in _NAME_LINES.get(relative, ()):
        quoted = relative.suffix == ".py"
        before = pattern.format(f'"{old}"' if quoted else old)
        after = pattern.format(json.dumps(new, ensure_ascii=False) if quoted
                               else _heading_text(new))
        for index, line in enumerate(lines):
            if line.rstrip("\r\n") == before:
                lines[index] = after + line[len(line.rstrip("\r\n")):]
                changed.append(pattern.split(" ")[0] if quoted else "the heading")
                break
        else:
            continue
        if not quoted:
            break  # the first heading only
    docstring = f"of {old}'s portfolio."
    if (relative.suffix == ".py" and lines and docstring in lines[0]
            and not set(new) & {'"', "\\"}):  # (else it would end the docstring)
        lines[0] = lines[0].replace(docstring, f"of {new}'s portfolio.", 1)
        changed.append("the docstring")
    return "".join(lines), changed


def _heading_text(name: str) -> str:
    """A name as the text of a Markdown heading, shown as it is: Markdown's and MyST's
    marks in it (emphasis, links, roles, math) escaped."""
    return re.sub(r"([\\`*_\[\]<>{}$|~#])", r"\\\1", name)


# --- the starter's pages without the examples an import has nothing for --------------------


#: The home page: it lists the other pages (its toctree) and shows current projects.
INDEX = DOCS / "index.md"
#: The table directive by which the starter's pages show each data file (by its stem).
_TABLES = {"education": "education-table", "experience": "experience-table",
           "projects": "project-table", "awards": "award-table", "talks": "talk-table",
           "activities": "activity-table", "skills": "skill-table"}
_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)
_TOCTREE = re.compile(r"^```\{toctree\}\n.*?^```$", re.MULTILINE | re.DOTALL)
#: The home page's example introduction: the fenced block that begins with these lines.
_INTRO = "````{container} portfolio-web-only\nA short introduction"


@dataclass(frozen=True)
class PageChange:
    """What taking data files out of a starter site does to one of the starter's pages."""

    page: Path  # as the starter writes it: docs/talks.md
    text: bytes | None  # what the page holds afterwards; None: the page goes
    stems: frozenset[str]  # the data files taken out that it showed
    sections: dict[str, str]  # the sections taken out of it: heading -> the file's stem


def pages_showing(stem: str) -> list[Path]:
    """The starter's pages that show the data file ``stem`` in a table (index.md among
    them when it does)."""
    return [page for page, data in _pages("Jane Doe").items()
            if stem in _shown(data.decode("utf-8"))]


def home_page_name(data: bytes) -> str | None:
    """The name the starter's index.md was written for, when ``data`` is that page byte for
    byte as ``new`` writes it for the name its heading holds; None when it is anything else
    (a page edited since is the user's)."""
    first = data.partition(b"\n")[0]
    if not first.startswith(b"# "):
        return None
    try:
        name = first[2:].decode("utf-8")
        written = starter_files(name)[INDEX]
    except (UnicodeDecodeError, StarterError):  # not a name the starter would have written
        return None
    return name if written == data else None


def without_examples(gone: Iterable[str], name: str) -> dict[Path, PageChange]:
    """The starter's pages (index.md written for ``name``) once the data files ``gone``
    (stems) are taken out of the site, each page that changes: one that showed only those
    goes; a section ('## ...') that showed one of them is taken out of its page; the home
    page loses the lines of its toctree that named a page gone, its sections of the files
    gone, and always its example introduction (the profile above it is the import's now).
    Every page would otherwise warn of a data file that is not there, or list a page that
    is not, or keep an example."""
    gone = frozenset(gone)
    changes: dict[Path, PageChange] = {}
    for page, data in _pages(name).items():
        text = data.decode("utf-8")
        shown = _shown(text) & gone
        if page != INDEX and shown and shown == _shown(text):
            changes[page] = PageChange(page, None, shown, {})
        elif page != INDEX and shown:
            kept, cut = _without_sections(text, gone)
            changes[page] = PageChange(page, kept.encode("utf-8"), shown, cut)
    index = starter_files(name)[INDEX].decode("utf-8")
    start = index.index(_INTRO)  # (the template has it: a test builds the site without it)
    end = index.index("\n````\n", start) + len("\n````\n")
    index = index[:start] + index[end:].removeprefix("\n")  # and the blank line after it
    pages_gone = {change.page.stem for change in changes.values() if change.text is None}
    index = _TOCTREE.sub(lambda match: "".join(
        line for line in match[0].splitlines(keepends=True)
        if line.rstrip("\n") not in pages_gone), index)
    index, cut = _without_sections(index, gone)
    changes[INDEX] = PageChange(INDEX, index.encode("utf-8"), frozenset(cut.values()), cut)
    return changes


def _pages(name: str) -> dict[Path, bytes]:
    """The starter's pages (Markdown beside conf.py), by their paths as it writes them."""
    return {path: data for path, data in starter_files(name).items()
            if path.parent == DOCS and path.suffix == ".md"}


def _shown(text: str) -> frozenset[str]:
    """The data files (stems) a starter's page or section shows in its tables."""
    return frozenset(stem for stem, table in _TABLES.items() if f"{{{table}}}" in text)


def _without_sections(text: str, gone: frozenset[str]) -> tuple[str, dict[str, str]]:
    """``text`` without its sections ('## ...' to the next) that show only files ``gone``,
    and those sections' headings -> the file each showed."""
    starts = [0, *(match.start() for match in _SECTION.finditer(text)), len(text)]
    kept: list[str] = []
    cut: dict[str, str] = {}
    for begin, end in itertools.pairwise(starts):
        section = text[begin:end]
        shown = _shown(section)
        if begin and shown and shown <= gone:  # (what is above the first section stays)
            cut[section.partition("\n")[0].removeprefix("## ")] = min(shown)
        else:
            kept.append(section)
    return "".join(kept).rstrip("\n") + "\n", cut


def schema_files(folder: Path) -> dict[Path, bytes]:
    """The data files' JSON Schemas, byte for byte as :func:`..data.schema.write` writes
    them, by their place in ``folder``."""
    with tempfile.TemporaryDirectory() as scratch:
        return {folder / path.name: path.read_bytes() for path in write_schemas(Path(scratch))}


# --- writing into a site: nothing lost, nothing written outside it -------------------------


@dataclass(frozen=True)
class Written:
    """What writing one file did, for the command line to say."""

    path: Path
    action: Literal["wrote", "replaced", "unchanged"]
    backup: Path | None = None  # where the replaced file is kept

    @property
    def kept_as(self) -> str:
        """Where the replaced file is kept, as said after the file's name ("" if nowhere)."""
        return f" (the previous one is kept as {self.backup})" if self.backup else ""

    def __str__(self) -> str:
        return f"{self.action} {self.path}{self.kept_as}"


def write_file(path: Path, data: bytes) -> Written:
    """``data`` into ``path``, whole or not at all (written beside it, then renamed over it).
    A file there that holds something else is kept beside it first (``--force`` replaces,
    it never destroys); one that holds ``data`` already is left as it is. Raises OSError.

    Through a symbolic link (:func:`check_targets` has made sure it stays in the site), the
    file it points to is written: renaming over the link would put a file in its place.
    """
    real = Path(os.path.realpath(path))
    try:
        size = real.stat().st_size
    except FileNotFoundError:
        size = None
    if size == len(data) and real.read_bytes() == data:  # (a size apart: no need to read)
        return Written(path, "unchanged")
    backup = None
    if size:  # an empty file holds nothing to keep
        backup = backup_name(real)
        shutil.copy2(real, backup)
    write_whole(real, data)
    return Written(path, "replaced" if backup else "wrote", backup)


def remove_file(path: Path) -> Path:
    """Take the file ``path`` out of the site, kept beside it as ``NAME.bak`` (as a file
    replaced is): renamed there, so nothing is copied or lost. Where it is kept. Raises
    OSError."""
    backup = backup_name(path)
    path.rename(backup)
    return backup


def backup_name(path: Path) -> Path:
    """A free name beside ``path`` for its previous version: ``X.bak``, ``X.bak.1``, ..."""
    candidate = path.with_name(f"{path.name}.bak")
    number = 0
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.name}.bak.{number}")
    return candidate


def would_replace(planned: dict[Path, bytes]) -> list[Path]:
    """The files that writing ``planned`` (path -> content) would replace: those that exist,
    hold something, and hold something else."""
    return [path for path, data in planned.items() if path.is_file() and path.stat().st_size
            and (path.stat().st_size != len(data) or path.read_bytes() != data)]


def check_targets(paths: Iterable[Path], root: Path) -> None:
    """Refuse (before anything is written) to write any of ``paths``: through a symbolic
    link, dangling or not, that leads out of ``root``; or over something not a file."""
    for path in paths:
        link = link_out(path, root)
        real = Path(os.path.realpath(path))
        # write_whole writes beside the file first (.NAME.part), then renames it over
        part = real.with_name(f".{real.name}.part")
        if (link is None and not leads_out_of(root, real) and part.is_symlink()
                and leads_out_of(root, part)):
            link = part
        if link is not None:
            raise StarterError(
                f"{link} is a link to {os.path.realpath(link)}, outside {root}: nothing "
                "is written through it (remove the link, or copy what it points to)")
        if path.exists() and not path.is_file():
            raise StarterError(f"{path} is not a file: nothing is written over it")
        for folder in path.parents:  # a dangling link or a file where a folder must be
            if folder == root or not folder.is_relative_to(root):
                break
            if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
                raise StarterError(f"{folder} is not a folder: nothing is written into it")


def link_out(path: Path, root: Path) -> Path | None:
    """The symbolic link (dangling or not) by which ``path`` leads out of ``root``, if one
    does: the first part of the path whose real place is outside. A path outside ``root`` as
    written (a conf.py may name one) is the user's choice, not a link's: None."""
    inside = Path(os.path.abspath(root))
    written = Path(os.path.abspath(path))
    if not written.is_relative_to(inside):
        return None
    step = inside
    for part in written.relative_to(inside).parts:
        step /= part
        if leads_out_of(root, step):
            return step
    return None


def named(paths: list[Path], root: Path) -> str:
    """A few of ``paths`` (relative to ``root``), then how many more: for a one-line refusal."""
    shown = [str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
             for path in paths[:_NAMED]]
    more = f" and {len(paths) - _NAMED} more" if len(paths) > _NAMED else ""
    return ", ".join(shown) + more


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
    key_base = re.sub(r"[^a-z0-9]", "", ascii_folded(family).lower()) or "me"
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
