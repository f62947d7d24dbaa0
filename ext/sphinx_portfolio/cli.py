"""``sphinx-portfolio``: start a site, import a CV from another format, export ours.

Subcommands (each a thin shell over a module that does the work and is tested directly):

* ``new DIR``: a complete starter site (:mod:`.starter`);
* ``import jsonresume|rendercv FILE``: ``_data/*.yaml`` and a ``.bib`` file from a JSON
  Resume or RenderCV file, with a report of what could not be mapped (:mod:`.interchange`);
* ``export jsonresume``: our data as JSON Resume (:mod:`.interchange`);
* ``schema DIR``: the data files' JSON Schemas, for editor completion (:mod:`.data.schema`).

Where a site's data and .bib files are is read from its ``conf.py`` (``portfolio_data_dir``,
``bibtex_bibfiles``), so the commands work on any layout, ours included.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from ._shared import write_whole
from .data.schema import write as write_schemas
from .interchange import InterchangeError, export_jsonresume, import_resume
from .starter import StarterError, next_steps, write_site


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
        exec(compile(conf_py.read_bytes(), str(conf_py), "exec"), namespace)
    data_dir = namespace.get("portfolio_data_dir", "_data")
    bib_files = namespace.get("bibtex_bibfiles", ["refs.bib"])
    if not isinstance(data_dir, str) or not isinstance(bib_files, list):
        raise SystemExit(f"{conf_py}: portfolio_data_dir must be a string and "
                         "bibtex_bibfiles a list")
    return SiteFiles(source / data_dir, [source / str(name) for name in bib_files])


class _NoTags:
    """``tags`` as conf.py sees it outside a build: no tag is set."""

    def has(self, name: str) -> bool:
        return False

    def __contains__(self, name: str) -> bool:
        return False


def _backup(path: Path) -> Path:
    """A free name beside ``path`` for its previous version: ``X.bak``, ``X.bak.1``, ..."""
    candidate = path.with_name(f"{path.name}.bak")
    number = 0
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.name}.bak.{number}")
    return candidate


def _replace(path: Path, text: str) -> str:
    """Write ``text`` to ``path``, whole or not at all; an existing file is kept beside it
    first (``--force`` replaces, it never destroys). Returns what was done, to print."""
    kept = ""
    if path.exists() and path.stat().st_size:
        backup = _backup(path)
        shutil.copy2(path, backup)
        kept = f" (the previous one is kept as {backup})"
    write_whole(path, text.encode("utf-8"))
    return f"{'replaced' if kept else 'wrote'} {path}{kept}"


def _refusal(paths: list[Path]) -> str:
    listed = ", ".join(str(path) for path in paths)
    return (f"not overwriting {listed} (use --force: each is kept as a .bak file beside it "
            "before it is replaced)\n")


def _new(args: argparse.Namespace) -> int:
    written = write_site(args.directory, name=args.name, force=args.force)
    sys.stdout.write(f"wrote {len(written)} files into {args.directory}\n")
    sys.stdout.write(next_steps(args.directory))
    return 0


def _import(args: argparse.Namespace) -> int:
    files = site_files(args.site)
    result = import_resume(args.format, args.file)
    targets = {files.data_dir / f"{stem}.yaml": text for stem, text in result.data.items()}
    if result.bib:
        if not files.bib_files:
            sys.stderr.write(f"{args.site / 'conf.py'}: bibtex_bibfiles names no .bib file "
                             "to write the publications into\n")
            return 1
        targets[files.bib_files[0]] = result.bib
    existing = [path for path in targets if path.exists() and path.stat().st_size]
    if existing and not args.force:
        sys.stderr.write(_refusal(existing))
        return 1
    for path, text in targets.items():
        sys.stdout.write(_replace(path, text) + "\n")
    # the files' editor links point at ../_schema/
    if not (schemas := files.data_dir.parent / "_schema").is_dir():
        write_schemas(schemas)
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
    sys.stdout.write(_replace(output, text) + "\n")
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
    return status


if __name__ == "__main__":
    raise SystemExit(main())
