"""The layering of the extension, as its README draws it, held by its imports.

* ``data/`` and ``bib/`` (and the warnings catalogue they use) import no Sphinx,
  docutils or Typst, and nothing of the package outside themselves;
* only ``pdf/`` imports Typst, ``web/`` and ``pdf/`` do not import each other, and a build
  that writes no PDF (another builder, or ``portfolio_pdf = False``) never loads Typst,
  nor one without ``portfolio_csl_style`` citeproc-py;
* ``tables/`` and ``publications/`` do not import each other;
* the command line's tools (``starter/``, ``interchange/``) work on the pure layers only.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sphinx_portfolio

PACKAGE = Path(sphinx_portfolio.__file__).parent
PURE = ("data", "bib", "files")
#: The boundary modules (:mod:`sphinx_portfolio._compat`) that import no Sphinx either.
PURE_BOUNDARY = {"sphinx_portfolio._compat.pybtex", "sphinx_portfolio._compat.citeproc"}


TEMPLATE = PACKAGE / "starter" / "template"  # a new site's files (conf.py, noxfile.py)


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if TEMPLATE not in path.parents)


def _wing(path: Path) -> str:
    """The top-level folder (or module stem) of ``path`` inside the package."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imports(path: Path, *, top_level: bool = False) -> set[str]:
    """What ``path`` imports: absolute module names, relative ones resolved in the package;
    with ``top_level``, only what importing the module itself imports (not in functions)."""
    package_parts = ["sphinx_portfolio", *path.relative_to(PACKAGE).parent.parts]
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in tree.body if top_level else ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
                # `from . import x` imports submodule x
                names = [f"{module}.{a.name}" for a in node.names] if not node.module else [module]
                found |= set(names)
            elif node.module:
                found.add(node.module)
    return found


def _top(name: str) -> str:
    return name.split(".")[0]


def test_the_walk_finds_every_wing() -> None:
    wings = {_wing(path) for path in _modules()}
    assert {"data", "bib", "tables", "publications", "web", "pdf", "config", "domain",
            "nodes", "_shared", "warnings_", "datacache", "starter", "interchange"} <= wings


@pytest.mark.parametrize("path", [p for p in _modules() if _wing(p) in PURE or
                                  _wing(p) == "warnings_"], ids=lambda p: p.name)
def test_pure_layers_import_no_sphinx_and_nothing_above_them(path: Path) -> None:
    imported = _imports(path)
    assert {_top(name) for name in imported} & {"sphinx", "docutils", "typst",
                                                 "sphinxcontrib"} == set()
    # the pure boundary modules over pybtex and citeproc-py (no Sphinx) are the exception
    own = {name.split(".")[1] for name in imported - PURE_BOUNDARY
           if name.startswith("sphinx_portfolio.") and len(name.split(".")) > 1}
    assert own <= {*PURE, "warnings_"}, f"{path.name} imports {own}"


@pytest.mark.parametrize("path", [p for p in _modules() if _wing(p) in {"starter", "interchange"}],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_command_line_tools_need_no_sphinx(path: Path) -> None:
    imported = _imports(path)
    assert {_top(name) for name in imported} & {"sphinx", "docutils", "typst",
                                                 "sphinxcontrib"} == set()
    own = {name.split(".")[1] for name in imported
           if name.startswith("sphinx_portfolio.") and len(name.split(".")) > 1}
    assert own <= {*PURE, "warnings_", "__version__", _wing(path)}, f"{path.name}: {own}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_pdf_wing_imports_typst(path: Path) -> None:
    imported = _imports(path)
    if _wing(path) != "pdf":
        assert "typst" not in {_top(name) for name in imported}
    else:  # the PDF is made from the doctree, not from what the web wing adds to pages
        assert not any(name.startswith("sphinx_portfolio.web") for name in imported)
    if _wing(path) == "web":
        assert not any(name.startswith("sphinx_portfolio.pdf") for name in imported)
    if path.parent.name == "pdf" and path.stem != "math":
        # what every build imports: Typst and the writer only once a PDF is written
        assert "typst" not in {_top(name) for name in _imports(path, top_level=True)}


@pytest.mark.parametrize(("wing", "other"), [("tables", "publications"),
                                             ("publications", "tables")])
def test_tables_and_publications_meet_only_through_shared_modules(wing: str, other: str) -> None:
    for path in (PACKAGE / wing).rglob("*.py"):
        assert not any(name.startswith(f"sphinx_portfolio.{other}") for name in _imports(path))


_BUILD_AND_LIST_MODULES = """
import json, sys
from pathlib import Path
from sphinx.testing.util import SphinxTestApp
app = SphinxTestApp(sys.argv[1], srcdir=Path(sys.argv[2]), builddir=Path(sys.argv[3]),
                    confoverrides=json.loads(sys.argv[4]))
app.build()
app.cleanup()
print(json.dumps(sorted(name for name in sys.modules
                        if name.split(".")[0] in {"typst", "citeproc"}
                        or name.startswith("sphinx_portfolio"))))
"""


def _modules_after_build(builder: str, srcdir: Path, tmp_path: Path,
                         **overrides: object) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-c", _BUILD_AND_LIST_MODULES, builder, str(srcdir),
         str(tmp_path / f"build-{builder}"), json.dumps(overrides)],
        capture_output=True, text=True, check=True, timeout=300,
    )
    loaded: list[str] = json.loads(run.stdout.strip().splitlines()[-1])
    return loaded


@pytest.fixture
def pdf_root(rootdir: Path, tmp_path: Path) -> Path:
    shutil.copytree(rootdir / "test-pdf", tmp_path / "src")
    return tmp_path / "src"


@pytest.mark.slow  # two builds, each in a fresh interpreter
def test_a_build_without_a_pdf_never_loads_typst(pdf_root: Path, tmp_path: Path) -> None:
    for builder, overrides in (("html", {"portfolio_pdf": False}), ("text", {})):
        loaded = _modules_after_build(builder, pdf_root, tmp_path, **overrides)
        assert "sphinx_portfolio.publications" in loaded  # the extension did run
        assert [name for name in loaded if name.split(".")[0] == "typst"] == []
        assert "sphinx_portfolio.pdf.write" not in loaded
        assert not list((tmp_path / f"build-{builder}").rglob("*.pdf"))
        # nor citeproc-py, with no CSL style set (it is imported only for a style)
        assert [name for name in loaded if name.split(".")[0] == "citeproc"] == []


@pytest.mark.slow  # a build in a fresh interpreter
def test_an_html_build_writes_its_pdfs_with_typst(pdf_root: Path, tmp_path: Path) -> None:
    loaded = _modules_after_build("html", pdf_root, tmp_path)
    assert "sphinx_portfolio.pdf.write" in loaded
    # Typst compiles in a process of its own, beside the pages (pdf/_compile.py)
    assert "sphinx_portfolio.pdf._compile" in loaded
    assert [name for name in loaded if name.split(".")[0] == "typst"] == []
    assert len(list((tmp_path / "build-html").rglob("*.pdf"))) == 2  # the CV and its variant
    # the same build again: nothing changed, so no PDF is made (nor a compile started)
    assert "sphinx_portfolio.pdf._compile" not in _modules_after_build("html", pdf_root,
                                                                       tmp_path)


def test_the_tables_read_the_bibliography_only_through_the_build_state() -> None:
    """The tables once read the cite domain's entries, which exist only because the
    publications wing handed them over (``builder-inited``, priority 400): a meeting of the
    two wings no import shows. They read :class:`.buildstate.BuildState`'s ``bib`` now."""
    for path in (PACKAGE / "tables").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "get_domain"):
                assert not any(isinstance(arg, ast.Constant) and arg.value == "cite"
                               for arg in node.args), f"{path.name}:{node.lineno}"


def _module_name(path: Path) -> str:
    parts = ["sphinx_portfolio", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Our module -> our modules it imports, by any ``import`` or ``from ... import`` in it:
    at module level, in functions and under ``if TYPE_CHECKING:`` alike (a cycle cut by
    TYPE_CHECKING is still two modules that need each other). ``from pkg import name`` is an
    edge to ``pkg.name`` when that is a module of ours, else to ``pkg``."""
    modules = {_module_name(path): path for path in _modules()}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = (".".join([*base, node.module] if node.module else base)
                          if node.level else node.module or "")
                targets |= {f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules
                            else module for alias in node.names}
        graph[name] = {target for target in targets if target in modules and target != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a path back to its start) in each strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    cycles = []
    for group in groups:  # a shortest way from the group's first module back to it
        start = min(group)
        paths = {other: [start, other] for other in graph[start] & group}
        while start not in paths:
            paths = {nxt: [*path, nxt] for path in paths.values()
                     for nxt in sorted(graph[path[-1]] & group) if nxt not in path[1:]}
        cycles.append(paths[start])
    return cycles


#: Import cycles that remain, each as a chain of modules. Empty: add one only with the
#: reason it cannot be broken yet.
ALLOWED_CYCLES: list[list[str]] = []


def test_no_import_cycle_among_our_modules() -> None:
    graph = _import_graph()
    assert "sphinx_portfolio.datacache" in graph["sphinx_portfolio.tables.checks"]  # the walk works
    cycles = [cycle for cycle in _cycles(graph) if cycle not in ALLOWED_CYCLES]
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
