"""The package's surface, held by its source: what is public is declared, and only that is used.

* every module whose name has no leading underscore declares ``__all__``: exactly what other
  modules (or users) import from it; a leading underscore (``_shared``, ``interchange/_merge``)
  marks a module internal to its package;
* every name in an ``__all__`` is defined in its module;
* across our modules, an import (``from sphinx_portfolio.x import name``, the relative forms,
  and ``x.name`` through an imported module ``x``) takes only names in ``x``'s ``__all__``; a
  module without one (an underscore module) is imported only from inside its own package.

Read from the source (``ast``), so it holds for code no test runs. The checker's own cases are
tested on synthetic source at the end.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sphinx_portfolio

PACKAGE = Path(sphinx_portfolio.__file__).parent
TEMPLATE = PACKAGE / "starter" / "template"  # a new site's files (conf.py, noxfile.py)


@dataclass(frozen=True)
class Module:
    name: str  # dotted: "sphinx_portfolio.data.values"
    tree: ast.Module
    is_package: bool  # an __init__.py

    @property
    def package(self) -> str:
        """The package relative imports in this module start from."""
        return self.name if self.is_package else self.name.rpartition(".")[0]

    @property
    def internal(self) -> bool:
        """Whether its own name has a leading underscore (a package's: its folder's)."""
        return self.name.rpartition(".")[2].startswith("_")


def parse(sources: dict[str, str]) -> dict[str, Module]:
    """Modules from source: dotted name -> source; a package's name ends in ``.__init__``."""
    modules = {}
    for name, source in sources.items():
        is_package = name.endswith(".__init__")
        dotted = name.removesuffix(".__init__")
        modules[dotted] = Module(dotted, ast.parse(source), is_package)
    return modules


def our_modules() -> dict[str, Module]:
    sources = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if TEMPLATE in path.parents:
            continue
        parts = ["sphinx_portfolio", *path.relative_to(PACKAGE).with_suffix("").parts]
        sources[".".join(parts)] = path.read_text("utf-8")
    return parse(sources)


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The module's own statements, into ``if`` and ``try`` blocks (not into functions)."""
    for node in body:
        yield node
        if isinstance(node, ast.If):
            yield from _top_level(node.body)
            yield from _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody,
                          *(handler.body for handler in node.handlers)):
                yield from _top_level(block)


def declared_all(module: Module) -> list[str] | None:
    """The module's ``__all__`` (a list or tuple of strings), None when it has none."""
    for node in _top_level(module.tree.body):
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, ast.AnnAssign) else [])
        if any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets):
            value = node.value
            assert isinstance(value, ast.List | ast.Tuple), f"{module.name}: __all__ not a list"
            names = [item.value for item in value.elts if isinstance(item, ast.Constant)]
            assert len(names) == len(value.elts) and all(isinstance(n, str) for n in names), \
                f"{module.name}: __all__ holds more than strings"
            return [str(name) for name in names]
    return None


def defined_names(module: Module) -> set[str]:
    """What the module binds at its top level: functions, classes, assignments, imports."""
    names: set[str] = set()
    for node in _top_level(module.tree.body):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


def _resolve(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = module.package.split(".")
    base = parts[: len(parts) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def uses(module: Module, modules: dict[str, Module]) -> Iterator[tuple[int, str, str | None]]:
    """(line, our module, name) for each name this module takes from another of ours: by
    ``from ... import name`` and by ``alias.name`` on a module it imported; name None for a
    module imported whole (which any module may do)."""
    bound: dict[str, str] = {}  # local name -> our module it stands for
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules and alias.asname:
                    bound[alias.asname] = alias.name
                if alias.name in modules:
                    yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, node)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in modules:
                    bound[alias.asname or alias.name] = submodule
                    yield node.lineno, submodule, None
                elif source in modules:
                    yield node.lineno, source, alias.name
    for node in ast.walk(module.tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in bound and not node.attr.startswith("__")):  # __file__
            target = bound[node.value.id]
            if f"{target}.{node.attr}" not in modules:  # a submodule is a module, not a name
                yield node.lineno, target, node.attr


def _inside(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def violations(modules: dict[str, Module]) -> list[str]:
    """Each import of a name its module does not declare public, and each import of an
    internal module from outside its package."""
    found = []
    for module in modules.values():
        for line, target, name in uses(module, modules):
            if target == module.name:
                continue
            declared = declared_all(modules[target])
            owner = target.rpartition(".")[0]  # the package an internal module belongs to
            where = f"{module.name}:{line}"
            if declared is None and modules[target].internal:
                if not _inside(module.name, owner):
                    found.append(f"{where}: imports {target}, internal to {owner}")
            elif name is not None and name not in (declared or []):
                found.append(f"{where}: imports {name} from {target}, not in its __all__")
    return sorted(set(found))


MODULES = our_modules()


def test_the_walk_finds_the_package() -> None:
    assert {"sphinx_portfolio", "sphinx_portfolio.cli", "sphinx_portfolio.guide",
            "sphinx_portfolio.interchange._importer"} <= set(MODULES)
    assert not any(name.startswith("sphinx_portfolio.starter.template") for name in MODULES)


@pytest.mark.parametrize("name", [name for name, module in MODULES.items()
                                  if not module.internal])
def test_a_public_name_declares_its_all(name: str) -> None:
    assert declared_all(MODULES[name]) is not None, f"{name} has no __all__"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_name_in_all_is_defined(name: str) -> None:
    module = MODULES[name]
    declared = declared_all(module) or []
    assert len(declared) == len(set(declared)), f"{name}: a name twice in __all__"
    assert set(declared) <= defined_names(module), set(declared) - defined_names(module)


def test_our_modules_import_only_what_is_declared_public() -> None:
    assert violations(MODULES) == []


def test_the_package_states_its_public_surface() -> None:
    """The docstring says what is public and that every sub-module is internal."""
    doc = ast.get_docstring(MODULES["sphinx_portfolio"].tree) or ""
    assert "setup" in doc and "sphinx-portfolio" in doc and "internal" in doc
    assert declared_all(MODULES["sphinx_portfolio"]) == ["__version__", "setup"]


# --- the checker's own cases ---------------------------------------------------------------


def _check(sources: dict[str, str]) -> list[str]:
    return violations(parse(sources))


def test_the_checker_finds_a_name_missing_from_all() -> None:
    assert _check({"p.__init__": "", "p.a": "__all__ = ['f']\ndef f(): ...\ndef g(): ...\n",
                   "p.b": "from .a import f, g\n"}) == [
        "p.b:1: imports g from p.a, not in its __all__"]


def test_the_checker_reads_absolute_imports_and_module_attributes() -> None:
    assert _check({"p.__init__": "", "p.a": "__all__ = ['f']\ndef f(): ...\ndef g(): ...\n",
                   "p.b": "from p import a\nimport p.a as aa\n"
                          "def h():\n    return a.f(), a.g(), aa.g()\n"}) == [
        "p.b:4: imports g from p.a, not in its __all__"]


def test_the_checker_finds_an_internal_module_used_outside_its_package() -> None:
    found = _check({
        "p.__init__": "", "p.q.__init__": "__all__ = []\n", "p.q._x": "def f(): ...\n",
        "p.q.y": "__all__ = []\nfrom ._x import f\n",  # inside p.q: fine
        "p._s": "def f(): ...\n",
        "p.q.z": "__all__ = []\nfrom .._s import f\n",  # p._s from inside p: fine
        "p.b": "from .q._x import f\nfrom .q import _x\n",  # p.q._x from outside p.q
    })
    assert found == ["p.b:1: imports p.q._x, internal to p.q",
                     "p.b:2: imports p.q._x, internal to p.q"]


def test_the_checker_resolves_relative_imports_from_a_package() -> None:
    # in p/q/__init__.py, "." is p.q itself; "from .. import" reaches p
    assert _check({"p.__init__": "__all__ = ['v']\nv = 1\nw = 2\n",
                   "p.q.__init__": "__all__ = []\nfrom .. import v, w\n"}) == [
        "p.q:2: imports w from p, not in its __all__"]


def test_names_in_all_and_definitions_are_read() -> None:
    module = parse({"m": "from typing import TYPE_CHECKING\nimport os.path\n"
                         "if TYPE_CHECKING:\n    from x import Y\nA: int = 1\n"
                         "B = C = 2\ndef f(): ...\nclass K: ...\n"
                         "__all__ = ['A', 'f']\n"})["m"]
    assert declared_all(module) == ["A", "f"]
    assert defined_names(module) == {"TYPE_CHECKING", "os", "Y", "A", "B", "C", "f", "K",
                                     "__all__"}
    assert declared_all(parse({"n": "x = 1\n"})["n"]) is None
