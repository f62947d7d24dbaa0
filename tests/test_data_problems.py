"""Bad data gives one located problem each (file:line, field, hint) and keeps the good entries."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx_portfolio.data import KINDS, load_list, load_profile


def _load(tmp_path: Path, text: str, kind: str = "awards"):  # type: ignore[no-untyped-def]
    path = tmp_path / f"{kind}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_list(path, KINDS[kind])


GOOD = "- id: good\n  title: Good Award\n  start: 2020\n"


@pytest.mark.parametrize(("text", "line", "subtype", "words"), [
    (GOOD + "- id: typo\n  titel: Typo\n  start: 2020\n", 5, "unknown-key",
     ["unknown key 'titel'", "did you mean 'title'?"]),
    (GOOD + "- id: nodate\n  title: No date\n", 4, "missing", ["'start' or 'terms'"]),
    (GOOD + "- id: notitle\n  start: 2020\n", 4, "missing", ["missing required field 'title'"]),
    (GOOD + "- id: bad-date\n  title: X\n  start: 13/2020\n", 6, "date", ["impossible date"]),
    (GOOD + "- id: backwards\n  title: X\n  start: 2021\n  end: 2019\n", 4, "date",
     ["ends (2019) before it starts (2021)"]),
    (GOOD + "- id: good\n  title: Again\n  start: 2020\n", 4, "duplicate-id",
     ["duplicate id 'good'", "first used at line 1"]),
    (GOOD + "- just a string\n", 4, "entry", ["not a mapping"]),
    (GOOD + "- id: money\n  title: X\n  start: 2020\n  amount: lots\n", 7, "type",
     ["'lots' is not an amount"]),
    (GOOD + "- id: colon\n  title: X\n  start: 2020\n  detail: a: b\n", 7, "yaml",
     ["YAML syntax error: mapping values are not allowed here"]),
    (GOOD + "- id: unclosed\n  title: [X\n  start: 2020\n", 6, "yaml",
     ["expected ',' or ']'", "while parsing a flow sequence at line 5"]),
    (GOOD + "- id: tab\n\ttitle: X\n", 5, "yaml", ["tab character"]),
])
def test_each_problem_is_located(
    tmp_path: Path, text: str, line: int, subtype: str, words: list[str]
) -> None:
    loaded = _load(tmp_path, text)
    assert len(loaded.problems) == 1, loaded.problems
    problem = loaded.problems[0]
    assert problem.subtype == subtype
    assert problem.line == line
    for word in words:
        assert word in str(problem)
    if subtype != "yaml":  # an unparsable file has no entries; otherwise the good one stays
        assert [record.entry.id for record in loaded.records] == ["good"]


@pytest.mark.parametrize(("text", "subtype"), [
    ("", "empty"), ("title: not a list\n", "toplevel"), ("[]\n", "empty"),
])
def test_file_level_problems(tmp_path: Path, text: str, subtype: str) -> None:
    loaded = _load(tmp_path, text)
    assert [problem.subtype for problem in loaded.problems] == [subtype]


def test_missing_file(tmp_path: Path) -> None:
    loaded = load_list(tmp_path / "nope.yaml", KINDS["awards"])
    assert [problem.subtype for problem in loaded.problems] == ["file"]


def test_unsafe_link_in_profile(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("name: A\nwebsite: javascript:alert(1)\n", encoding="utf-8")
    profile, problems = load_profile(path)
    assert profile is None
    assert [(p.subtype, p.line) for p in problems] == [("url", 2)]


def test_text_swallowed_by_a_comment_is_reported(tmp_path: Path) -> None:
    text = GOOD + (
        "  detail: rank #1 at department # a real comment\n"
        "- id: other\n  title: O #2\n  start: 2020 # fine\n"
    )
    loaded = _load(tmp_path, text)
    assert [(p.subtype, p.line) for p in loaded.problems] == [("yaml", 4), ("yaml", 6)]
    message = str(loaded.problems[0])
    assert "'#1 at department # a real comment' is read as a YAML comment" in message
    assert len(loaded.records) == 2  # the entries themselves still load


def test_readme_documents_every_subtype() -> None:
    from helpers import REPO
    from sphinx_portfolio.warnings_ import Subtype as SUBTYPES

    readme = (REPO / "README.md").read_text("utf-8")
    assert [subtype for subtype in SUBTYPES if f"`{subtype}`" not in readme] == []


@pytest.mark.parametrize(("kind", "entry"), [
    ("projects", "- id: p\n  title: A project\n  period: 2023 to 2024\n"),
    ("projects", "- id: p\n  title: A project\n  year: 2024\n"),
    ("awards", "- id: a\n  title: An award\n  year: 2024\n"),
])
def test_dates_written_as_other_formats_do_name_start_and_end(
    tmp_path: Path, kind: str, entry: str
) -> None:
    """`period`/`year` are columns and other formats' keys; the one problem says what to write."""
    loaded = _load(tmp_path, entry, kind)
    assert len(loaded.problems) == 1, loaded.problems  # not also "missing required field 'start'"
    problem = loaded.problems[0]
    assert (problem.subtype, problem.line) == ("unknown-key", 3)
    assert "'start' and 'end', e.g. start: 2023-09 and end: present" in problem.hint


def test_a_list_of_comments_is_one_problem_on_every_yaml_version(tmp_path: Path) -> None:
    """ruamel.yaml 0.18 raised NotImplementedError on this (found by hypothesis)."""
    loaded = _load(tmp_path, "- #\n- #\n")
    assert loaded.records == []
    assert loaded.problems and all(p.subtype in {"yaml", "entry"} for p in loaded.problems)
