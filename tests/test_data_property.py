"""Random YAML-like documents: the loader returns valid data or located problems, never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx_portfolio.data import KINDS, load_list
from sphinx_portfolio.warnings_ import Subtype as SUBTYPES

KEYS = ["id", "title", "titel", "start", "end", "terms", "amount", "body", "paper", "-", ":"]
SCALARS = st.one_of(
    st.sampled_from(["2020", "03/2020", "13/2020", "present", "Spring 2021", "45,000 USD",
                     "null", "~", "[", "{", "'", '"', "&a", "*a", "!!binary x", "\t", "#"]),
    st.text(max_size=12),
    st.integers(),
)


@st.composite
def yaml_like(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        indent = draw(st.sampled_from(["", "  ", "    ", "\t", "- ", "  - "]))
        key = draw(st.sampled_from(KEYS))
        value = draw(SCALARS)
        lines.append(f"{indent}{key}: {value}" if draw(st.booleans()) else f"{indent}{value}")
    return "\n".join(lines)


@pytest.mark.slow  # 300 documents
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=yaml_like(), kind=st.sampled_from(sorted(KINDS)))
def test_every_outcome_is_data_or_a_located_problem(text: str, kind: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{kind}.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load_list(path, KINDS[kind])
    for record in loaded.records:
        assert isinstance(record.entry, KINDS[kind]) and record.line >= 1
    for problem in loaded.problems:
        assert problem.path == path and problem.line >= 0 and problem.message
        assert problem.subtype in SUBTYPES
    assert loaded.records or loaded.problems
