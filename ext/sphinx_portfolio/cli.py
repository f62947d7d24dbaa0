"""``sphinx-portfolio``: start a site, import a CV from another format, export ours.

Subcommands (each a thin shell over a module that does the work and is tested directly):

* ``new DIR``: a complete starter site (:mod:`.starter`);
* ``import jsonresume|rendercv FILE`` and ``import al-folio|hugo-blox DIR``:
  ``_data/*.yaml`` and a ``.bib`` file from a JSON Resume or RenderCV file, or from the
  checkout of an al-folio or Hugo Blox site, with a report of what was decided from the
  entries' words and what could not be mapped (:mod:`.interchange`); into a site that has
  data already (only with ``--force``), the entries it lacks are added to its files and
  its own are kept; into a site ``new`` made, the starter's examples and its name are
  replaced (no ``--force`` needed: they are no one's data, and each file replaced is kept
  as a .bak), and the examples the import has nothing for are taken out, with the starter's
  pages that showed them and the home page's example introduction (each kept as a .bak);
* ``export jsonresume``: our data as JSON Resume (:mod:`.interchange`);
* ``schema DIR``: the data files' JSON Schemas, for editor completion (:mod:`.data.schema`).

Where a site's data and .bib files are is read from its ``conf.py`` (``portfolio_data_dir``,
``bibtex_bibfiles``), so the commands work on any layout, ours included. Nothing is lost and
nothing is written outside the site: a file replaced is kept as ``NAME.bak``, a symbolic
link out of the site is refused (:func:`.starter.check_targets`, :func:`.starter.write_file`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .data.errors import DataError
from .data.schema import write as write_schemas
from .data.yaml_reader import plain, read_yaml
from .interchange import (
    SOURCES,
    ImportResult,
    InterchangeError,
    Merge,
    bib_examples,
    data_examples,
    export_jsonresume,
    export_left_out,
    file_examples,
    import_resume,
    merge_bib,
    merge_data,
    plural,
)
from .starter import (
    DOCS,
    INDEX,
    StarterError,
    check_targets,
    example_papers,
    home_page_name,
    next_steps,
    pages_showing,
    remove_file,
    renamed,
    schema_files,
    starter_files,
    without_examples,
    would_replace,
    write_file,
    write_site,
)

__all__ = ["main", "site_files"]


@dataclass(frozen=True)
class SiteFiles:
    """Where one site keeps its data: the folder of ``_data/*.yaml`` and its .bib files."""

    data_dir: Path
    bib_files: list[Path]
    #: ``portfolio_default_language``: the language an export writes a value given in several
    default_language: str = "en"


def site_files(source: Path) -> SiteFiles:
    """The data folder and .bib files that the ``conf.py`` in *source* names."""
    conf_py = source / "conf.py"
    namespace: dict[str, object] = {"__file__": str(conf_py), "tags": _NoTags()}
    if conf_py.is_file():
        # conf.py is the user's own Python, run as Sphinx runs it
        try:
            exec(compile(conf_py.read_bytes(), str(conf_py), "exec"), namespace)
        except Exception as exc:  # whatever it raises: one line, as Sphinx would say it
            raise StarterError(f"{conf_py}: cannot be run: {type(exc).__name__}: {exc}"
                               ) from None
    data_dir = namespace.get("portfolio_data_dir", "_data")
    bib_files = namespace.get("bibtex_bibfiles", ["refs.bib"])
    language = namespace.get("portfolio_default_language", "en")
    if not isinstance(data_dir, str) or not isinstance(bib_files, list):
        raise StarterError(f"{conf_py}: portfolio_data_dir must be a string and "
                           "bibtex_bibfiles a list")
    if not isinstance(language, str):
        raise StarterError(f"{conf_py}: portfolio_default_language must be a string")
    return SiteFiles(source / data_dir, [source / str(name) for name in bib_files], language)


class _NoTags:
    """``tags`` as conf.py sees it outside a build: no tag is set."""

    def has(self, name: str) -> bool:
        return False

    def __contains__(self, name: str) -> bool:
        return False


def _import_refusal(site: Path, merges: list[Merge]) -> str:
    """One line: what ``--force`` would do to the site's files."""
    plans = "; ".join(merge.plan(_shown(merge.path, site)) for merge in merges)
    return (f"not importing into {site} without --force, which would {plans} (each file "
            "changed is kept as a .bak file beside it)\n")


def _shown(path: Path, site: Path) -> str:
    return str(path.relative_to(site)) if path.is_relative_to(site) else str(path)


@dataclass(frozen=True)
class StarterSite:
    """What ``sphinx-portfolio new`` wrote into a site, to tell its examples from the user's
    own: each data file's text by stem, the example papers, and the name it was made for
    ("" when the site's profile is no longer the starter's)."""

    data: dict[str, bytes]
    papers: dict[str, str]
    name: str


def starter_site(files: SiteFiles) -> StarterSite:
    """The starter's files as ``new`` would have written them into this site: for the name
    its profile holds, so that the starter's profile is recognised too."""
    name = ""
    profile = files.data_dir / "profile.yaml"
    try:
        document = plain(read_yaml(profile).document) if profile.is_file() else None
    except DataError:
        document = None
    if isinstance(document, dict) and isinstance(document.get("name"), str):
        name = document["name"]
    try:
        written = starter_files(name or "Jane Doe")
    except StarterError:  # a name the starter would not write: its profile is not theirs
        written, name = starter_files(), ""
    data = {path.stem: text for path, text in written.items()
            if path.parent == DOCS / "_data" and path.suffix == ".yaml"}
    if name and not (profile.is_file() and data_examples(
            profile.read_bytes(), data["profile"], profile.name)):
        name = ""
    return StarterSite(data, example_papers(), name)


def _renames(site: Path, starter: StarterSite,
             result: ImportResult) -> dict[Path, tuple[bytes, list[str]]]:
    """conf.py and index.md with the starter's name (in the lines where it wrote it) as the
    imported profile's, and which lines: only while the site's profile is the starter's."""
    new = result.documents.get("profile", {}).get("name")
    if not starter.name or not isinstance(new, str) or new == starter.name:
        return {}
    texts = starter_files(starter.name)
    planned = {}
    for relative in (DOCS / "conf.py", DOCS / "index.md"):
        path = site / relative.relative_to(DOCS)
        if path.is_file() and relative in texts:
            try:
                old = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            text, changed = renamed(relative, old, starter.name, new)
            if changed:
                planned[path] = (text.encode("utf-8"), changed)
    return planned


#: A page or data file larger than this is none the starter wrote (and is not read whole
#: to be compared with one).
_PAGE_BYTES = 64 * 1024


@dataclass
class ExamplesOut:
    """The starter's examples an import takes out of a site ``new`` made, as it has nothing
    in their place: the files that go (each kept as a .bak), the pages that change (by
    path, what they hold afterwards) and what to say, one line a removal."""

    removed: list[Path] = field(default_factory=list)
    pages: dict[Path, bytes] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)


def _examples_out(site: Path, files: SiteFiles, starter: StarterSite,
                  result: ImportResult) -> ExamplesOut:
    """What of the starter's examples goes with this import: each data file that holds
    only the starter's examples (the test that lets the import replace one) and that the
    import has nothing for, with the starter's pages that showed it (:func:`.without_examples`),
    and the home page's example introduction. Only while the home page is the starter's,
    byte for byte, and every page that shows the file is too: a page the user changed, or
    a home page whose toctree the user changed, may show the file in ways not known here,
    so the file stays (and is named as the starter's examples). Links are not followed:
    ``new`` writes none, so a link is the user's doing."""
    index = site / INDEX.relative_to(DOCS)
    name = home_page_name(index.read_bytes()) if _plain_file(index) else None
    if name is None:
        return ExamplesOut()
    pages = starter_files(name)

    def untouched(page: Path) -> bool:
        path = site / page.relative_to(DOCS)
        return _plain_file(path) and path.read_bytes() == pages[page]

    gone = [stem for stem in starter.data if stem != "profile" and stem not in result.documents
            and _plain_file(path := files.data_dir / f"{stem}.yaml")
            and file_examples(path, starter.data[stem])
            and all(untouched(page) for page in pages_showing(stem))]
    changes = without_examples(gone, name)
    out = ExamplesOut(removed=[files.data_dir / f"{stem}.yaml" for stem in gone])
    for change in changes.values():
        path = site / change.page.relative_to(DOCS)
        if change.text is None:
            out.removed.append(path)
        else:
            out.pages[path] = change.text
    done: set[str] = set()
    for stem in gone:  # one line for the files a page showed together (and the page)
        if stem in done:
            continue
        page_gone = next((change.page for change in changes.values()
                          if change.text is None and stem in change.stems), None)
        group = sorted(changes[page_gone].stems) if page_gone else [stem]
        done.update(group)
        named = [f"{one}.yaml" for one in group] + ([page_gone.name] if page_gone else [])
        for change in changes.values():
            headings = [heading for heading, one in change.sections.items() if one in group]
            if headings:
                plural_s = "s" if len(headings) > 1 else ""
                named.append(f"the {_and(headings)} section{plural_s} of {change.page.name}")
        out.lines.append(f"removed the starter's example {_and(named)} (no "
                         f"{' or '.join(group)} in the import); kept as .bak")
    out.lines.append(f"removed the starter's example introduction from {index.name} (the "
                     "imported profile is the home page's now, with its summary if it has "
                     "one); kept as .bak")
    return out


def _plain_file(path: Path) -> bool:
    """``path`` is a file, not a link, and small enough to be one of the starter's."""
    return (path.is_file() and not path.is_symlink()
            and path.stat().st_size <= _PAGE_BYTES)


def _and(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]]))


def _refusal(paths: list[Path]) -> str:
    listed = ", ".join(str(path) for path in paths)
    return (f"not overwriting {listed} (use --force: each is kept as a .bak file beside it "
            "before it is replaced)\n")


def _new(args: argparse.Namespace) -> int:
    written = write_site(args.directory, name=args.name, force=args.force)
    replaced = [item for item in written if item.action == "replaced"]
    sys.stdout.writelines(f"{item}\n" for item in replaced)
    new = sum(item.action == "wrote" for item in written)
    unchanged = len(written) - new - len(replaced)
    done = [f"wrote {plural(new, 'file')} into {args.directory}"]
    if replaced:
        done.append(f"replaced {len(replaced)} (each kept as a .bak file beside it)")
    if unchanged:
        done.append(f"left {unchanged} as they were (unchanged)")
    sys.stdout.write("; ".join(done) + "\n")
    sys.stdout.write(next_steps(args.directory))
    return 0


def _import(args: argparse.Namespace) -> int:
    files = site_files(args.site)
    result = import_resume(args.format, args.file)
    targets = {files.data_dir / f"{stem}.yaml": stem for stem in result.documents}
    if result.bib_entries:
        if not files.bib_files:
            sys.stderr.write(f"{args.site / 'conf.py'}: bibtex_bibfiles names no .bib file "
                             "to write the publications into\n")
            return 1
        targets[files.bib_files[0]] = ""  # no stem: the .bib file
    # the files' editor links point at ../_schema/
    schemas = files.data_dir.parent / "_schema"
    planned = {} if schemas.is_dir() else schema_files(schemas)
    starter = starter_site(files)
    renames = _renames(args.site, starter, result)
    out = _examples_out(args.site, files, starter, result)
    index = args.site / INDEX.relative_to(DOCS)
    if index in out.pages and index in renames:  # one write, one .bak: both changes in it
        text, lines = renamed(INDEX, out.pages.pop(index).decode("utf-8"), starter.name,
                              result.documents["profile"]["name"])
        renames[index] = (text.encode("utf-8"), lines)
    # before a site file is read (but those that tell the starter's files)
    check_targets([*targets, *planned, *renames, *out.pages, *out.removed], args.site)
    merges = [merge_data(path, stem, result.documents[stem], starter.data.get(stem)) if stem
              else merge_bib(path, result.bib_entries, starter.papers)
              for path, stem in targets.items()]
    planned.update({merge.path: merge.data for merge in merges})
    planned.update({path: data for path, (data, _) in renames.items()})
    # the starter's examples and name are no one's data: replacing them needs no --force
    examples = {merge.path for merge in merges if merge.starter} | set(renames)
    changed = [path for path in would_replace(planned) if path not in examples]
    if changed and not args.force:
        sys.stderr.write(_import_refusal(args.site, [m for m in merges if m.path in changed]))
        return 1
    for merge in merges:
        written = write_file(merge.path, merge.data)
        sys.stdout.writelines(f"{line}\n" for line in merge.report(written.action,
                                                                   written.backup))
    for path, (data, lines) in renames.items():
        written = write_file(path, data)
        sys.stdout.write(f"named the site {result.documents['profile']['name']} in {path} "
                         f"({', '.join(lines)}), where the starter had {starter.name}"
                         f"{written.kept_as}\n")
    for path, data in out.pages.items():
        write_file(path, data)
    for path in out.removed:
        remove_file(path)
    sys.stdout.writelines(f"{line}\n" for line in out.lines)
    if not schemas.is_dir():
        for path in planned.keys() - set(targets) - set(renames):
            write_file(path, planned[path])
        sys.stdout.write(f"wrote the data files' JSON Schemas into {schemas}\n")
    _report_the_rest(files, set(targets) | set(out.removed), starter, result)
    return 0


def _report_the_rest(files: SiteFiles, done: set[Path], starter: StarterSite,
                     result: ImportResult) -> None:
    """The site's files the import left alone (not ``done``: written or removed), those
    still holding the starter's examples named apart, then what was decided and what could
    not be mapped."""
    left = sorted(set(files.data_dir.glob("*.yaml")) - done)
    examples = [path for path in left if path.stem in starter.data
                and file_examples(path, starter.data[path.stem])]
    examples += [path for path in files.bib_files[:1] if path not in done and path.is_file()
                 and bib_examples(path.read_bytes(), starter.papers)]
    kept = [path for path in left if path not in examples]
    if examples:
        sys.stdout.write("still the starter's examples (the import has none of these): "
                         + ", ".join(path.name for path in examples)
                         + "; replace or delete them\n")
    if kept:
        sys.stdout.write("kept as they were (not in the import): "
                         + ", ".join(path.name for path in kept) + "\n")
    if result.decisions:
        sys.stdout.write(f"decided from the entries' words ({len(result.decisions)}), check "
                         "them:\n")
        sys.stdout.writelines(f"  {line}\n" for line in result.decisions)
    if result.unmapped:
        sys.stdout.write(f"not mapped ({len(result.unmapped)}), add by hand if you need it:\n")
        sys.stdout.writelines(f"  {line}\n" for line in result.unmapped)


def _export(args: argparse.Namespace) -> int:
    files = site_files(args.site)
    resume = export_jsonresume(files.data_dir, files.bib_files, files.default_language)
    # (on standard error: standard output may be the JSON itself)
    sys.stderr.writelines(f"{line}\n" for line in export_left_out(files.data_dir))
    text = json.dumps(resume, indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    output = Path(args.output)
    if output.is_dir():
        sys.stderr.write(f"{output} is a folder: name the file to write "
                         f"(-o {output / 'resume.json'})\n")
        return 1
    if output.exists() and output.stat().st_size and not args.force:
        sys.stderr.write(_refusal([output]))
        return 1
    sys.stdout.write(f"{write_file(output, text.encode('utf-8'))}\n")
    return 0


def _schema(args: argparse.Namespace) -> int:
    for path in write_schemas(args.directory):
        sys.stdout.write(f"wrote {path}\n")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="sphinx-portfolio",
        description="A researcher's portfolio site and PDF CV from MyST, BibTeX and YAML.")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="write a starter site that builds as it is")
    new.add_argument("directory", type=Path, metavar="DIR")
    new.add_argument("--name", default="Jane Doe",
                     help="your name as the starter writes it (default: %(default)s)")
    new.add_argument("--force", action="store_true", help="write into a non-empty DIR")
    new.set_defaults(run=_new)

    site_help = "the site's Sphinx source folder, with conf.py (default: %(default)s)"
    imported = commands.add_parser(
        "import", help="_data/*.yaml and a .bib file from a JSON Resume or RenderCV file, or "
        "an al-folio or Hugo Blox site")
    imported.add_argument("format", choices=[source.command for source in SOURCES],
                          help="; ".join(f"{source.command}: {source.reads}"
                                         for source in SOURCES))
    imported.add_argument("file", type=Path, metavar="SOURCE",
                          help="the file, or the other site's folder (al-folio, hugo-blox)")
    imported.add_argument("--site", type=Path, default=Path("docs"), help=site_help)
    imported.add_argument("--force", action="store_true",
                          help="replace existing files (each kept as a .bak file beside it)")
    imported.set_defaults(run=_import)

    exported = commands.add_parser("export", help="the site's data as a JSON Resume")
    exported.add_argument("format", choices=["jsonresume"])
    exported.add_argument("--site", type=Path, default=Path("docs"), help=site_help)
    exported.add_argument("-o", "--output", default="resume.json",
                          help="file to write, - for standard output (default: %(default)s)")
    exported.add_argument("--force", action="store_true",
                          help="replace an existing file (kept as a .bak file beside it)")
    exported.set_defaults(run=_export)

    schema = commands.add_parser("schema", help="JSON Schemas of the data files into DIR")
    schema.add_argument("directory", type=Path, metavar="DIR")
    schema.set_defaults(run=_schema)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except (InterchangeError, StarterError) as error:  # one line, no traceback
        sys.stderr.write(f"{error}\n")
        return 1
    except OSError as error:  # a disk full, a folder not writable: one line too
        where = f"{error.filename}: " if error.filename else ""
        sys.stderr.write(f"{where}{error.strerror or error}\n")
        return 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
