"""Other packages' internals are touched in one place: ``sphinx_portfolio/_compat/``.

Read from the source (``ast``), so a module that is never imported by a test is held too.
Outside ``_compat/`` no module of ours may

* import a private name (leading underscore) of Sphinx, docutils, sphinxcontrib-bibtex,
  pybtex, furo, sphinxext-opengraph, citeproc-py or Typst, or import from one of their
  private modules;
* read an attribute with a private name that our own code does not define (``config._raw_config``,
  ``builder._get_local_toctree``, ``directives._directives``): an upgrade of the package that
  owns it may move it without notice;
* assign to an attribute of a module or class imported from one of those packages, or put
  anything in ``sys.modules`` (a patch).

Each ``_compat`` module says which versions it was written against, and has contract tests
that fail loudly when an upgrade moves what it relies on.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "ext" / "sphinx_portfolio"
BOUNDARY = PACKAGE / "_compat"
#: The packages whose internals only the boundary may touch (top-level import names).
FOREIGN = frozenset({"sphinx", "docutils", "sphinxcontrib", "pybtex", "pybtex_docutils", "furo",
                     "sphinxext", "citeproc", "typst", "notfound", "sphinx_sitemap",
                     "myst_parser"})


#: Private-looking names the standard library documents as its API (os._exit, namedtuple's,
#: Enum's "sunder" names).
STANDARD = frozenset({"_exit", "_asdict", "_replace", "_fields", "_make", "_value_", "_name_",
                      "_missing_", "_generate_next_value_", "_ignore_"})


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _modules(outside_the_boundary: bool = True) -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if not outside_the_boundary or BOUNDARY not in path.parents:
            yield path


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), filename=str(path))


def _own_private_names() -> frozenset[str]:
    """Every private name our package defines: functions, classes, module and class
    variables, attributes set on our objects (``self._x = ...``), parameters."""
    return frozenset(name for path in _modules(outside_the_boundary=False)
                     for name in _defined(_tree(path)))


def _defined(tree: ast.AST) -> frozenset[str]:
    """The private names a module defines."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
              and isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"}):
            names.add(node.attr)  # set on our own objects (env._x = ... is not ours)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.keyword) and node.arg:
            names.add(node.arg)  # dataclass/namedtuple fields made by keyword
    return frozenset(name for name in names if _private(name))


def _foreign(module: str | None) -> bool:
    return bool(module) and str(module).split(".")[0] in FOREIGN


def _violations(path: Path, own: frozenset[str]) -> list[str]:
    return _touches(_tree(path), str(path.relative_to(PACKAGE.parent)), own)


def _touches(tree: ast.Module, name: str, own: frozenset[str]) -> list[str]:
    """Where the module ``tree`` (shown as ``name``) touches another package's internals."""

    def _where(node: ast.AST) -> str:
        return f"{name}:{getattr(node, 'lineno', 0)}"

    found: list[str] = []
    imported_from_foreign: set[str] = set()  # local names bound to their modules or classes
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _foreign(alias.name):
                    if any(_private(part) for part in alias.name.split(".")):
                        found.append(f"{_where(node)}: imports {alias.name}")
                    imported_from_foreign.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _foreign(node.module):
            module = str(node.module)
            if any(_private(part) for part in module.split(".")):
                found.append(f"{_where(node)}: imports from {module}")
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{_where(node)}: imports {module}.{alias.name}")
                imported_from_foreign.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own
                and node.attr not in STANDARD):
            found.append(f"{_where(node)}: reads .{node.attr}, a private name of "
                         "another package")
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            base = target
            while isinstance(base, ast.Attribute | ast.Subscript):
                base = base.value
            if (isinstance(target, ast.Attribute) and isinstance(base, ast.Name)
                    and base.id in imported_from_foreign):
                found.append(f"{_where(node)}: assigns to an attribute of "
                             f"{base.id}, which another package owns")
            if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute)
                    and target.value.attr == "modules" and isinstance(base, ast.Name)
                    and base.id == "sys"):
                found.append(f"{_where(node)}: puts a module in sys.modules")
    return found


def test_other_packages_internals_are_touched_only_in_the_boundary() -> None:
    own = _own_private_names()
    found = [problem for path in _modules() for problem in _violations(path, own)]
    assert found == [], "move these into sphinx_portfolio/_compat/:\n" + "\n".join(found)


@pytest.mark.parametrize(("source", "expected"), [
    ("from sphinx.util import _private_thing\n", "imports sphinx.util._private_thing"),
    ("from sphinx.ext.intersphinx._load import x\n", "imports from sphinx.ext.intersphinx._load"),
    ("def f(config):\n    return config._raw_config\n", "reads ._raw_config"),
    ("import pybtex.plugin\npybtex.plugin.find_plugin = None\n", "assigns to an attribute"),
    ("from citeproc import model\nmodel.Text.calls_variable = None\n", "assigns to an attribute"),
    ("import sys\nsys.modules['matplotlib'] = None\n", "puts a module in sys.modules"),
    ("def f(env, builder):\n    env._builder_cls = type(builder)\n", "reads ._builder_cls"),
    # our own private names are ours: not reported
    ("class A:\n    def f(self):\n        self._mine = 1\n        return self._mine\n", None),
])
def test_the_check_finds_each_kind_of_touch(source: str, expected: str | None) -> None:
    """The check itself: each kind of touch is found, and our own names are not (a check
    that finds nothing proves nothing)."""
    tree = ast.parse(source)
    found = _touches(tree, "example.py", _defined(tree))
    if expected is None:
        assert found == []
    else:
        assert any(expected in problem for problem in found), found


#: The distributions whose internals each boundary module touches: each has an upper bound
#: in pyproject.toml, so that its next release is a deliberate upgrade (``nox -s
#: tests_prerelease`` shows how it would go), not a surprise in a user's build.
TOUCHED = {
    "sphinx": ("sphinx", "docutils"),
    "bibtex": ("sphinxcontrib-bibtex",),
    "pybtex": ("pybtex",),
    "furo": ("furo",),
    "opengraph": ("sphinxext-opengraph",),
    "citeproc": ("citeproc-py",),
}


def test_each_package_the_boundary_touches_has_an_upper_bound() -> None:
    modules = {path.stem for path in BOUNDARY.glob("*.py")} - {"__init__"}
    assert modules == set(TOUCHED), "a _compat module with no entry in TOUCHED, or the reverse"
    pyproject = tomllib.loads((PACKAGE.parent.parent / "pyproject.toml").read_text("utf-8"))
    bounded = {dependency.split(">")[0].split("<")[0].split("=")[0].strip().lower()
               for dependency in pyproject["project"]["dependencies"] if "<" in dependency}
    unbounded = {name for names in TOUCHED.values() for name in names} - bounded
    assert not unbounded, f"no upper bound in pyproject.toml on {sorted(unbounded)}"
