"""``sphinx-portfolio``: start a site, import a CV from another format, export ours.

Subcommands (each a thin shell over a module that does the work and is tested directly):

* ``new DIR``: a complete starter site (:mod:`.starter`);
* ``import jsonresume|rendercv FILE``: ``_data/*.yaml`` and a ``.bib`` file from a JSON
  Resume or RenderCV file, with a report of what could not be mapped (:mod:`.interchange`);
  into a site that has data already (only with ``--force``), the entries it lacks are added
  to its files and its own are kept;
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
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .data.schema import write as write_schemas
from .interchange import (
    InterchangeError,
    Merge,
    export_jsonresume,
    import_resume,
    merge_bib,
    merge_data,
)
from .starter import (
    StarterError,
    check_targets,
    next_steps,
    schema_files,
    would_replace,
    write_file,
    write_site,
)


@dataclass(frozen=True)
class SiteFiles:
    """Where one site keeps its data: the folder of ``_data/*.yaml`` and its .bib files."""

    data_dir: Path
    bib_files: list[Path]


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
    if not isinstance(data_dir, str) or not isinstance(bib_files, list):
        raise StarterError(f"{conf_py}: portfolio_data_dir must be a string and "
                           "bibtex_bibfiles a list")
    return SiteFiles(source / data_dir, [source / str(name) for name in bib_files])


class _NoTags:
    """``tags`` as conf.py sees it outside a build: no tag is set."""

    def has(self, name: str) -> bool:
        return False

    def __contains__(self, name: str) -> bool:
        return False


def _import_refusal(site: Path, merges: list[Merge]) -> str:
    """One line: what ``--force`` would do to the site's files."""
    plans = "; ".join(merge.plan(str(merge.path.relative_to(site))
                                 if merge.path.is_relative_to(site) else str(merge.path))
                      for merge in merges)
    return (f"not importing into {site} without --force, which would {plans} (each file "
            "changed is kept as a .bak file beside it)\n")


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
    done = [f"wrote {new} files into {args.directory}"]
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
    check_targets([*targets, *planned], args.site)  # before a site file is even read
    merges = [merge_data(path, stem, result.documents[stem]) if stem
              else merge_bib(path, result.bib_entries) for path, stem in targets.items()]
    planned.update({merge.path: merge.data for merge in merges})
    if (changed := would_replace(planned)) and not args.force:
        sys.stderr.write(_import_refusal(args.site, [m for m in merges if m.path in changed]))
        return 1
    for merge in merges:
        written = write_file(merge.path, merge.data)
        sys.stdout.writelines(f"{line}\n" for line in merge.report(written.action,
                                                                   written.backup))
    if not schemas.is_dir():
        for path in planned.keys() - set(targets):
            write_file(path, planned[path])
        sys.stdout.write(f"wrote the data files' JSON Schemas into {schemas}\n")
    kept = sorted(set(files.data_dir.glob("*.yaml")) - set(targets))
    if kept:
        sys.stdout.write("kept as they were (not in the import): "
                         + ", ".join(path.name for path in kept) + "\n")
    if result.unmapped:
        sys.stdout.write(f"not mapped ({len(result.unmapped)}), add by hand if you need it:\n")
        sys.stdout.writelines(f"  {line}\n" for line in result.unmapped)
    return 0


def _export(args: argparse.Namespace) -> int:
    files = site_files(args.site)
    resume = export_jsonresume(files.data_dir, files.bib_files)
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
        "import", help="_data/*.yaml and a .bib file from a JSON Resume or RenderCV file")
    imported.add_argument("format", choices=["jsonresume", "rendercv"])
    imported.add_argument("file", type=Path, metavar="FILE")
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
