"""The two YAML readers read alike: libyaml's quick one (``data/libyaml.py``) gives the same
documents, positions and findings as ruamel's careful one, and hands it what it must not
read (comments glued to text, aliases, deep nesting, long numbers, errors)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import PORTFOLIO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx_portfolio.data import libyaml
from sphinx_portfolio.data import yaml_reader as load

#: The full portfolio's data files (tests/roots/test-portfolio).
DATA = PORTFOLIO / "docs" / "_data"


def _careful(monkeypatch: pytest.MonkeyPatch, path: Path) -> load.Parsed:
    with monkeypatch.context() as patch:
        patch.setattr(libyaml, "compose", lambda *args, **kwargs: None)
        return load.read_yaml(path)


def _shape(node: Any, where: tuple[Any, ...] = ()) -> list[Any]:
    """Every value below ``node`` with its type, container class and line."""
    found: list[Any] = [(where, type(node).__name__, load.line_of(node))]
    if isinstance(node, dict):
        for key, value in node.items():
            found += [(where, key, load.line_of(node, [key])), *_shape(value, (*where, key))]
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += [(where, index, load.line_of(node, [index])), *_shape(value, (*where, index))]
    else:
        found.append((where, repr(node)))
    return found


def _quick_reads(text: str) -> bool:
    return libyaml.compose(text, load._Yaml().resolver, load.MAX_DEPTH,
                           load.MAX_NUMBER_LENGTH) is not None


def _compare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(text, "utf-8")
    try:
        quick = load.read_yaml(path)
    except load.DataError as exc:
        with pytest.raises(load.DataError) as careful_error:
            _careful(monkeypatch, path)
        assert careful_error.value.problem == exc.problem
        return
    careful = _careful(monkeypatch, path)
    assert _shape(quick.document) == _shape(careful.document)
    assert quick.findings == careful.findings


# Scalars YAML 1.1 and 1.2 read differently, or that need quoting, escapes or block styles.
TRICKY = ["no", "yes", "on", "off", "NO", "~", "null", "", "2025-01-02", "2025-01-02 10:00:00",
          "01/2025", "1_000", "0x1F", "0o17", "017", "1e3", ".inf", "-.nan", "3.0", "12",
          "True", "a: b", "- x", "#x", "rank #1", "x # y", "é ∞ 漢", "line\nbreak", " padded ",
          "tab\there", "'quoted'", '"double"', "back\\slash", "{x}", "[y]", "&anchor", "*star",
          "!tag", "%pct", "@at", "`tick", "|", ">", "?", ":", "-", "...", "0\x850", "a\u2028b"]
scalars = st.one_of(st.sampled_from(TRICKY), st.integers(-10**6, 10**6), st.booleans(),
                    st.none(), st.text(max_size=12))
keys = st.one_of(st.sampled_from(["id", "title", "start", "end", "notes", "no", "2025", "é"]),
                 st.text(min_size=1, max_size=6))
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


@pytest.mark.slow  # 300 documents, each read twice
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents, flow=st.sampled_from([None, True, False]),
       style=st.sampled_from([None, "'", '"', "|", ">"]), width=st.sampled_from([20, 80]))
def test_both_readers_read_any_document_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: Any, flow: bool | None,
    style: str | None, width: int,
) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, default_style=style,
                          width=width, allow_unicode=True, sort_keys=False)
    _compare(tmp_path, monkeypatch, text)


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.yaml")))
def test_the_portfolio_files_read_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The full portfolio's data files (a copy of the owner's, tests/roots/test-portfolio)."""
    _compare(tmp_path, monkeypatch, (DATA / name).read_text("utf-8"))


def test_a_plain_data_file_is_read_quickly() -> None:
    assert _quick_reads((DATA / "projects.yaml").read_text("utf-8"))


@pytest.mark.parametrize("text", [
    "- title: Award  # note\n- detail: rank #1 at department\n",   # a glued comment
    "- &a {x: 1}\n- *a\n",                                           # anchor and alias
    "a: " + "[" * 30 + "]" * 30 + "\n",                             # nesting past MAX_DEPTH
    "n: " + "9" * 200 + "\n",                                        # an over-long number
    "- !!str 12\n",                                                  # an explicit tag
    "a: [1, 2\n",                                                    # a syntax error
    "a: 1\n---\nb: 2\n",                                             # two documents
    "a: 1\na: 2\n",                                                  # a duplicate key
])
def test_what_needs_the_careful_reader_reads_as_it_always_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    _compare(tmp_path, monkeypatch, text)


def test_duplicate_keys_are_found_by_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("- id: a\n  id: b\n", "utf-8")
    assert _quick_reads(path.read_text("utf-8"))
    findings = load.read_yaml(path).findings
    assert [(f.line, f.kind) for f in findings] == [(2, "duplicate")]
    assert findings == _careful(monkeypatch, path).findings


@pytest.mark.parametrize("text", [
    "[" * 200_000, "a: " + "{x: " * 100_000, "[" + '[ "]" ' * 40_000, "- " * 100_000,
])
def test_deep_nesting_is_handed_over_at_once(text: str) -> None:
    started = time.perf_counter()
    assert not _quick_reads(text)
    assert time.perf_counter() - started < 1.0  # libyaml stops with the events
