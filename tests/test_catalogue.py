"""One catalogue of warnings: every subtype the code emits is in it, documented, and in
the README's table; no warning leaves the extension any other way."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest
import sphinx_portfolio
from sphinx_portfolio.warnings_ import Subtype, catalogue_table, did_you_mean

PACKAGE = Path(sphinx_portfolio.__file__).parent
README = Path(__file__).resolve().parents[1] / "README.md"
SOURCES = sorted(PACKAGE.rglob("*.py"))


@functools.cache
def _trees() -> list[tuple[Path, ast.AST]]:
    """Every module of the package, parsed once for the tests that read them (none changes
    a tree)."""
    return [(path, ast.parse(path.read_text("utf-8"))) for path in SOURCES]


def test_the_readme_table_is_the_catalogue() -> None:
    assert catalogue_table() in README.read_text("utf-8"), (
        "README.md's table of warning subtypes is out of date; paste this:\n" + catalogue_table()
    )


@pytest.mark.parametrize("member", list(Subtype), ids=lambda m: m.value)
def test_every_subtype_has_its_own_meaning(member: Subtype) -> None:
    assert member.__doc__ and member.__doc__ != Subtype.__doc__


def test_every_subtype_is_used_and_every_use_is_catalogued() -> None:
    used = {node.attr for _, tree in _trees() for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "Subtype"}
    assert used == {member.name for member in Subtype}


def test_warnings_go_through_the_one_helper() -> None:
    """No literal subtypes or types, and only ``_shared`` talks to Sphinx's logger."""
    offenders = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            keywords = {kw.arg: kw.value for kw in node.keywords}
            literal = [name for name in ("type", "subtype")
                       if isinstance(keywords.get(name), ast.Constant)]
            func = node.func
            logs = isinstance(func, ast.Attribute) and func.attr in {"warning", "error"} \
                and isinstance(func.value, ast.Name) and func.value.id == "logger"
            if literal or (logs and path.name != "_shared.py"):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_problems_carry_catalogued_subtypes() -> None:
    """Problem(...) is always given a Subtype member, never a bare string."""
    offenders = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            is_problem = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "Problem" and len(node.args) >= 3
            if is_problem and isinstance(node.args[2], ast.Constant):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_readme_subtypes_all_exist() -> None:
    """The README names no subtype that the code does not have."""
    named = set(re.findall(r"\[portfolio\.([a-z-]+)\]", README.read_text("utf-8")))
    assert named <= {member.value for member in Subtype}


@pytest.mark.parametrize(("word", "choices", "hint"), [
    ("titel", ["title", "body"], "did you mean 'title'?"),
    ("papr3", ["paper0", "paper3"], "did you mean 'paper3'?"),
    ("song2025sdg", ["song2025sgd"], "did you mean 'song2025sgd'?"),
    # issue 21: two papers of one author are no typo of each other
    ("einstein2023first", ["einstein1920relativity"], ""),
])
def test_did_you_mean_only_for_a_close_match(word: str, choices: list[str], hint: str) -> None:
    assert did_you_mean(word, choices) == hint
