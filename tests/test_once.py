"""Logic written once (issue 24, "Each logic once"): one ASCII folding for file names, slugs
and the starter's keys; one answer to each "is this an HTML build?" question; one kind of a
value in messages; one free name."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sphinx.builders import Builder
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.latex import LaTeXBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx_portfolio import _shared
from sphinx_portfolio.bib.latex import ascii_folded
from sphinx_portfolio.config import default_cv_name
from sphinx_portfolio.data.yaml_reader import kind_of
from sphinx_portfolio.files import free_name
from sphinx_portfolio.interchange._converters import Lost, Unique, text
from sphinx_portfolio.publications.pages import paper_slug
from sphinx_portfolio.starter import DOCS, starter_files


@pytest.mark.parametrize(("text", "folded"), [
    ("Søren Łukasz", "Soren Lukasz"),
    ("Müller-Lüdenscheid", "Muller-Ludenscheid"),
    ("Straße Æsir Œuvre Đorđe Þór", "Strasse AEsir OEuvre Dorde Thor"),
    ("李2020", "2020"),
])
def test_one_ascii_folding_with_the_full_table(text: str, folded: str) -> None:
    assert ascii_folded(text) == folded


def test_the_cv_file_name_folds_letters_nfkd_does_not_split() -> None:
    assert default_cv_name("Søren Łukasz") == "Soren_Lukasz_CV"  # was "Sren_ukasz_CV"
    assert default_cv_name("Minhak Song") == "Minhak_Song_CV"  # the owner's, unchanged
    assert default_cv_name("李") == "李_CV"  # nothing in ASCII: the name as it is


def test_a_paper_page_slug_folds_the_same_way() -> None:
    assert paper_slug("søren-łukasz2020").startswith("soren-lukasz2020~")
    assert paper_slug("song2024") == "song2024"  # plain keys keep their names


def test_the_starter_keys_fold_the_same_way() -> None:
    bib = starter_files("Søren Łukasz")[DOCS / "refs.bib"].decode("utf-8")
    assert "lukasz2025faster" in bib


@pytest.mark.parametrize(("value", "kind"), [
    ({}, "mapping"), ([], "list"), (None, "null"), ("x", "str"), (3, "int"), (True, "bool"),
])
def test_one_kind_of_a_value_for_every_message(value: object, kind: str) -> None:
    assert kind_of(value) == kind


def test_the_importers_name_a_kind_as_the_data_readers_do() -> None:
    with pytest.raises(Lost, match=r"^not text but a mapping$"):
        text({"a": 1})
    with pytest.raises(Lost, match=r"^not text but a null$"):
        text(None)


def test_one_free_name_for_ids_and_imported_names() -> None:
    assert free_name("song-2025", set()) == ("song-2025", 1)
    assert free_name("song-2025", {"song-2025", "song-2025-2"}) == ("song-2025-3", 3)
    assert free_name("a", {"a_2"}, "_", start=2) == ("a_3", 3)
    unique = Unique(taken={"x"})
    assert [unique("x"), unique("x"), unique("y")] == ["x-2", "x-3", "y"]


_BUILDERS = {"html": StandaloneHTMLBuilder, "dirhtml": DirectoryHTMLBuilder,
             "singlehtml": SingleFileHTMLBuilder, "epub": Epub3Builder, "latex": LaTeXBuilder}


@pytest.mark.parametrize(("question", "accepted"), [
    (_shared.writes_html, {"html", "dirhtml", "singlehtml", "epub"}),
    (_shared.writes_web_pages, {"html", "dirhtml", "singlehtml"}),
    (_shared.writes_separate_pages, {"html", "dirhtml", "epub"}),
    (_shared.publishes_a_site, {"html", "dirhtml"}),
], ids=lambda value: getattr(value, "__name__", ""))
def test_each_html_build_question_is_asked_once(question: Callable[[Builder], bool],
                                                accepted: set[str]) -> None:
    # the class alone answers: no app is needed to ask
    answers = {name for name, cls in _BUILDERS.items() if question(object.__new__(cls))}
    assert answers == accepted
