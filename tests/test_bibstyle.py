"""The portfolio's pybtex style and biblatex normalisation, with plain pybtex (no Sphinx)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pytest
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import Entry, parse_string
from pybtex.plugin import find_plugin
from sphinx_portfolio import bib
from sphinx_portfolio._compat.pybtex import register_plugin_class
from sphinx_portfolio.bib import (
    entry_links,
    entry_year,
    has_equal_contribution,
    make_style,
    normalize_entry,
)
from sphinx_portfolio.publications.bibliography import STYLE_GROUP

OWNER = ("Minhak Song",)

SONG_2025 = r"""
@inproceedings{song2025,
  title = {Does {SGD} really happen in tiny subspaces?},
  author = {Song, Minhak and Ahn, Kwangjun and Yun, Chulhee},
  booktitle = {International Conference on Learning Representations},
  year = {2025},
  eprint = {2405.16002},
  archiveprefix = {arXiv},
}
"""

AHN_2024 = r"""
@article{ahn2024,
  title = {Linear attention is (maybe) all you need (to understand {T}ransformer optimization)},
  author = {Ahn, Kwangjun and Cheng, Xiang and Song, Minhak and Yun, Chulhee
            and Jadbabaie, Ali and Sra, Suvrit},
  author+an = {1=equal; 2=equal; 3=equal},
  journaltitle = {Journal of Imaginary Results},
  date = {2024-05},
}
"""


def parse_entry(bibtex: str) -> Entry:
    entries = list(parse_string(bibtex, "bibtex").entries.values())
    assert len(entries) == 1
    return entries[0]


def render(
    bibtex: str,
    backend: str = "text",
    *,
    aliases: Sequence[str] = OWNER,
    venues: Mapping[str, str] | None = None,
    max_authors: int = 10,
) -> str:
    style = make_style(aliases, venues, max_authors)()
    return str(style.format_entry("1", parse_entry(bibtex)).text.render_as(backend))


def authors_entry(authors: str, extra: str = "") -> str:
    return f"@misc{{k, author = {{{authors}}}, title = {{T}}, {extra}}}"


# --- owner highlight -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "alias",
    ["Minhak Song", "Song, Minhak", "M. Song", "Song, M.", "MINHAK SONG", "Mínhak Sòng"],
)
def test_owner_is_bold_under_every_alias_form(alias: str) -> None:
    html = render(SONG_2025, "html", aliases=[alias])
    assert html.startswith("<strong>Minhak Song</strong>, Kwangjun Ahn, Chulhee Yun.")
    assert html.count("<strong>Minhak Song</strong>") == 1


@pytest.mark.parametrize(
    "alias", ["Dr. Minhak Song", "Prof. Dr. Minhak Song", "Dr Minhak Song", "Minhak Song, PhD",
              "Minhak Song Ph.D.", "Professor M. Song, M.Sc."])
def test_a_title_or_degree_in_the_profile_name_is_no_part_of_the_name(alias: str) -> None:
    """Issue 21: "Dr. Zhen Wei" matched no author: no name was bold, "First author of 0"."""
    html = render(SONG_2025, "html", aliases=[alias])
    assert html.startswith("<strong>Minhak Song</strong>, Kwangjun Ahn, Chulhee Yun.")


@pytest.mark.parametrize(("alias", "author"), [("Drake Ma", "Ma, Drake"),
                                               ("Ma, Drake", "Ma, Drake"), ("Ada Ba", "Ba, Ada")])
def test_a_family_name_like_a_degree_is_kept(alias: str, author: str) -> None:
    html = render(authors_entry(f"Doe, Jane and {author}"), "html", aliases=[alias])
    assert html.count("<strong>") == 2, html  # the owner's and the title's


@pytest.mark.parametrize(
    ("author", "shown"),
    [
        ("Song, M.", "M. Song"),
        ("M. Song", "M. Song"),
        (r"S{\"o}ng, Minhak", "Minhak Söng"),
        (r"Song, Minh{\'a}k", "Minhák Song"),
        ("Song, Min-Hak", "Min-Hak Song"),
    ],
)
def test_owner_is_bold_however_the_bibtex_spells_them(author: str, shown: str) -> None:
    html = render(authors_entry(f"Doe, Jane and {author}"), "html")
    assert html.startswith(f"Jane Doe, <strong>{shown}</strong>.")


@pytest.mark.parametrize("author", ["Song, Mingyu", "Kim, Minhak", "Songer, Minhak", "others"])
def test_other_people_are_not_bold(author: str) -> None:
    html = render(authors_entry(f"Doe, Jane and {author}"), "html")
    assert html.count("<strong>") == 1  # the title's


def test_owner_becomes_a_docutils_strong_node() -> None:
    backend = find_plugin("pybtex.backends", "docutils")()
    style = make_style(OWNER)()
    paragraph = backend.paragraph(style.format_entry("1", parse_entry(SONG_2025)))
    strong = list(paragraph.findall(nodes.strong))
    assert [node.astext() for node in strong] == ["Minhak Song",
                                                   "Does SGD really happen in tiny subspaces?"]


# --- equal contribution, et al., long lists --------------------------------------------------


def test_equal_contributors_get_a_star() -> None:
    text = render(AHN_2024)
    assert text.startswith(
        "Kwangjun Ahn*, Xiang Cheng*, Minhak Song*, Chulhee Yun, Ali Jadbabaie, Suvrit Sra."
    )
    assert "<strong>Minhak Song</strong>*," in render(AHN_2024, "html")
    assert has_equal_contribution(parse_entry(AHN_2024))
    assert not has_equal_contribution(parse_entry(SONG_2025))


@pytest.mark.parametrize(
    ("annotation", "expected_start"),
    [
        ('2="equal"', "Ann One, Bob Two*, Cat Three."),
        ("1=corresponding,equal; 3:given=equal", "Ann One*, Bob Two, Cat Three*."),
        ("2=corresponding", "Ann One, Bob Two, Cat Three."),
        ("7=equal; x=equal", "Ann One, Bob Two, Cat Three."),
    ],
)
def test_equal_contribution_reads_biblatex_annotations(
    annotation: str, expected_start: str
) -> None:
    bibtex = authors_entry("One, Ann and Two, Bob and Three, Cat", f"author+an = {{{annotation}}}")
    assert render(bibtex).startswith(expected_start)
    assert has_equal_contribution(parse_entry(bibtex)) == ("*" in expected_start)


def test_and_others_renders_as_et_al() -> None:
    text = render(authors_entry("Doe, Jane and Roe, Richard and others"))
    assert text.startswith("Jane Doe, Richard Roe et al. T.")


FOURTEEN = " and ".join(f"Person{n}, Fake" for n in range(1, 15))


def test_long_list_collapses_but_keeps_the_owner() -> None:
    authors = FOURTEEN.replace("Person12, Fake", "Song, Minhak")
    html = render(authors_entry(authors), "html", max_authors=4)
    assert html.startswith(
        "Fake Person1, Fake Person2, Fake Person3, …, <strong>Minhak Song</strong>, and 10 more."
    )


def test_long_list_without_late_owner_shows_the_first_ones() -> None:
    text = render(authors_entry(FOURTEEN), max_authors=4)
    assert text.startswith("Fake Person1, Fake Person2, Fake Person3, Fake Person4, and 10 more.")


def test_list_at_the_limit_is_not_collapsed() -> None:
    text = render(authors_entry(FOURTEEN), max_authors=14)
    assert "more" not in text
    assert "Fake Person14." in text


def test_max_authors_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_authors"):
        make_style(OWNER, max_authors=0)


# --- venues ----------------------------------------------------------------------------------


def venue_entry(kind: str, field: str, venue: str, extra: str = "") -> str:
    return f"@{kind}{{k, author = {{Doe, Jane}}, title = {{T}}, {field} = {{{venue}}}, {extra}}}"


@pytest.mark.parametrize(
    ("bibtex", "expected"),
    [
        (SONG_2025, "International Conference on Learning Representations (ICLR 2025)."),
        (
            venue_entry(
                "inproceedings",
                "booktitle",
                "Advances in Neural Information Processing Systems 37",
                "year = 2024",
            ),
            "Advances in Neural Information Processing Systems 37 (NeurIPS 2024).",
        ),
        (
            venue_entry(
                "inproceedings",
                "booktitle",
                "Proceedings of the 41st International Conference on Machine Learning",
                "year = 2024",
            ),
            "Machine Learning (ICML 2024).",
        ),
        (
            venue_entry(
                "inproceedings",
                "booktitle",
                "Proceedings of Thirty-Seventh Conference on Learning Theory",
                "year = 2024",
            ),
            "Learning Theory (COLT 2024).",
        ),
        (
            venue_entry(
                "inproceedings", "booktitle", "International Conference on Learning Representations"
            ),
            "International Conference on Learning Representations (ICLR).",
        ),
        (
            venue_entry("article", "journal", "Journal of Imaginary Results", "year = 2023"),
            "Journal of Imaginary Results (2023).",
        ),
        (
            venue_entry(
                "article", "journal", "Journal of Imaginary Results", "shortjournal = {JIR}"
            ),
            "Journal of Imaginary Results (JIR).",
        ),
        (
            venue_entry(
                "inproceedings",
                "booktitle",
                "ICML 2024 Workshop on Pretend Dynamics",
                "year = 2024",
            ),
            "ICML 2024 Workshop on Pretend Dynamics.",
        ),
        (
            venue_entry("article", "journal", "Journal of Imaginary Results"),
            "T. Journal of Imaginary Results.",
        ),
    ],
)
def test_venue_with_short_name_and_year(bibtex: str, expected: str) -> None:
    assert render(bibtex).endswith(expected)


def test_venue_title_is_italic() -> None:
    assert "<em>International Conference on Learning Representations</em> (ICLR 2025)." in (
        render(SONG_2025, "html")
    )


def test_paper_title_is_bold_then_the_venue() -> None:
    """As in LaTeX CVs, the eye finds the paper (bold) and where it appeared (italic)."""
    html = " ".join(render(AHN_2024, "html").split())
    assert ("Suvrit Sra. <strong>Linear attention is (maybe) all you need (to understand "
            "Transformer optimization)</strong>. <em>Journal of Imaginary Results</em> "
            "(2024).") in html
    # a title that ends in its own mark takes no period
    assert "<strong>Does SGD really happen in tiny subspaces?</strong> <em>" in " ".join(
        render(SONG_2025, "html").split())


def test_title_link_holds_the_bold_title() -> None:
    """On the web the title links to the paper's page; where that link is dropped (the PDF),
    the title stays bold."""
    style = make_style(OWNER, paper_links=True)()
    html = str(style.format_entry("1", parse_entry(SONG_2025)).text.render_as("html"))
    assert ('<a href="portfolio-paper:song2025"><strong>Does SGD really happen in tiny '
            "subspaces?</strong></a>") in html


def test_entry_short_field_and_user_mapping_override_defaults() -> None:
    own = {"International Conference on Learning Representations": "Learning Reps"}
    assert render(SONG_2025, venues=own).endswith("(Learning Reps 2025).")
    with_field = SONG_2025.replace("year =", "shortbooktitle = {ICLR-X}, year =")
    assert render(with_field, venues=own).endswith("(ICLR-X 2025).")


def test_article_shows_volume_number_and_pages() -> None:
    bibtex = venue_entry(
        "article", "journal", "J. Fake", "year = 2020, volume = 25, number = 3, pages = {1--20}"
    )
    assert render(bibtex).endswith("J. Fake (2020), 25(3):1–20.")  # noqa: RUF001


@pytest.mark.parametrize(
    "fields",
    [
        "eprint = {2405.16002}, archiveprefix = {arXiv}",
        "eprint = {2405.16002}",
        "eprint = {arXiv:2405.16002}, eprinttype = {arxiv}",
    ],
)
@pytest.mark.parametrize("kind", ["misc", "unpublished", "online", "report"])
def test_preprint_shows_its_arxiv_id(kind: str, fields: str) -> None:
    bibtex = f"@{kind}{{k, author = {{Doe, Jane}}, title = {{T}}, {fields}, year = 2024}}"
    assert render(bibtex) == "Jane Doe. T. Preprint, arXiv:2405.16002 (2024)."


def test_preprint_on_another_server_shows_that_servers_id() -> None:
    bibtex = authors_entry("Doe, Jane", "eprint = {hal-0001}, archiveprefix = {HAL}, year = 2024")
    assert render(bibtex) == "Jane Doe. T. Preprint, HAL:hal-0001 (2024)."


@pytest.mark.parametrize("kind", ["misc", "unpublished"])
def test_preprint_without_an_id_says_preprint(kind: str) -> None:
    """Only the entry's own fields count: no id is guessed or looked up."""
    bibtex = f"@{kind}{{k, author = {{Doe, Jane}}, title = {{T}}, year = 2025}}"
    assert render(bibtex) == "Jane Doe. T. Preprint (2025)."
    assert render(f"@{kind}{{k, author = {{Doe, Jane}}, title = {{T}}}}") == (
        "Jane Doe. T. Preprint.")


def test_published_paper_is_no_preprint_even_with_an_arxiv_id() -> None:
    assert "Preprint" not in render(SONG_2025)  # a booktitle, and eprint 2405.16002


@pytest.mark.parametrize("bibtex", [
    "@online{k, author = {Doe, Jane}, title = {T}, year = 2023}",  # a web page
    "@misc{k, author = {Doe, Jane}, title = {T}, year = 2023, url = {https://x.example}}",
])
def test_other_works_without_venue_show_authors_title_year(bibtex: str) -> None:
    assert render(bibtex) == "Jane Doe. T. 2023."


# --- robustness: every type, never "missing" -------------------------------------------------

BIBLATEX_TYPES = ["online", "set", "mvbook", "report", "thesis", "patent", "dataset", "software"]
BIBTEX_TYPES = sorted(bib.BIBTEX_TYPES)


@pytest.mark.parametrize("kind", [*BIBLATEX_TYPES, *BIBTEX_TYPES, "artwork", "madeuptype"])
def test_every_entry_type_renders_from_what_it_has(kind: str) -> None:
    bibtex = f"@{kind}{{k, author = {{Doe, Jane}}, title = {{A Title}}, date = {{2021-03-04}}}}"
    text = render(bibtex)
    assert text.startswith("Jane Doe. A Title.")
    assert "2021" in text
    assert "missing" not in text.lower()


@pytest.mark.parametrize("kind", [*BIBLATEX_TYPES, *BIBTEX_TYPES])
@pytest.mark.parametrize("fields", ["title = {Only}", "author = {Doe, Jane}", "year = 1999", ""])
def test_sparse_entries_never_print_missing(kind: str, fields: str) -> None:
    text = render(f"@{kind}{{sparsekey, {fields}}}")
    assert text
    assert "missing" not in text.lower()


@pytest.mark.parametrize(
    ("bibtex", "expected"),
    [
        (
            "@thesis{k, author = {Doe, Jane}, title = {T}, institution = {Fake U}, "
            "type = {mathesis}, year = 2019}",
            "Jane Doe. T. Master's thesis, Fake U (2019).",
        ),
        (
            "@thesis{k, author = {Doe, Jane}, title = {T}, school = {Fake U}, year = 2019}",
            "Jane Doe. T. PhD thesis, Fake U (2019).",
        ),
        (
            "@report{k, author = {Doe, Jane}, title = {T}, institution = {Fake Lab}, number = 7}",
            "Jane Doe. T. Technical report 7, Fake Lab.",
        ),
        (
            "@mvbook{k, editor = {Doe, Jane and Roe, Rick}, title = {T}, publisher = {Fake Press}}",
            "Jane Doe, Rick Roe (eds.). T. Fake Press.",
        ),
    ],
)
def test_thesis_report_and_book_venues(bibtex: str, expected: str) -> None:
    assert render(bibtex) == expected


def test_formatting_leaves_the_entry_untouched() -> None:
    entry = parse_entry("@online{k, title = {T}, date = {2020-01}, journaltitle = {J}}")
    make_style(OWNER)().format_entry("1", entry)
    assert entry.type == "online"
    assert "year" not in entry.fields
    assert "journal" not in entry.fields


# --- normalisation ---------------------------------------------------------------------------


def test_normalize_maps_biblatex_fields() -> None:
    entry = parse_entry(
        "@article{k, journaltitle = {J}, date = {2024-05-02}, location = {Here}, "
        "eprinttype = {arXiv}, eprint = {2405.16002}, maintitle = {M}}"
    )
    notes = normalize_entry(entry)
    assert entry.fields["journal"] == "J"
    assert (entry.fields["year"], entry.fields["month"]) == ("2024", "May")
    assert entry.fields["address"] == "Here"
    assert entry.fields["archiveprefix"] == "arXiv"
    assert entry.fields["booktitle"] == "M"
    assert "date -> year, month" in notes
    assert normalize_entry(entry) == []  # idempotent


@pytest.mark.parametrize(
    ("bibtex", "entry_type", "field", "value"),
    [
        ("@online{k, date = {2024}}", "misc", "year", "2024"),
        ("@report{k, school = {S}}", "techreport", "institution", "S"),
        ("@thesis{k, institution = {I}}", "phdthesis", "school", "I"),
        ("@thesis{k, type = {mathesis}}", "mastersthesis", "type", "Master's thesis"),
        ("@thesis{k, type = {MSc thesis}}", "mastersthesis", "type", "MSc thesis"),
        ("@mvbook{k, date = {2024-13}}", "book", "month", None),
        ("@dataset{k, title = {D}}", "misc", "title", "D"),
        ("@software{k, title = {D}}", "misc", "title", "D"),
        ("@patent{k, title = {D}}", "misc", "title", "D"),
        ("@phdthesis{k, year = {2000}, date = {2024}}", "phdthesis", "year", "2000"),
    ],
)
def test_normalize_maps_types(bibtex: str, entry_type: str, field: str, value: str | None) -> None:
    entry = parse_entry(bibtex)
    normalize_entry(entry)
    assert entry.type == entry_type
    assert entry.fields.get(field) == value


@pytest.mark.parametrize(
    ("fields", "year"),
    [
        ("year = {2021}", 2021),
        ("date = {2019-07-01}", 2019),
        ("eprint = {2405.16002}", 2024),
        ("eprint = {arXiv:1412.6980v9}", 2014),
        ("eprint = {math/0601001}", None),
        ("year = {to appear}", None),
        ("", None),
    ],
)
def test_entry_year_falls_back_to_date_then_arxiv_id(fields: str, year: int | None) -> None:
    assert entry_year(parse_entry(f"@misc{{k, {fields}}}")) == year


def test_guessed_arxiv_year_is_never_printed() -> None:
    assert "2024" not in render("@misc{k, title = {T}, eprint = {2405.16002}}").replace(
        "2405.16002", ""
    )


# --- LaTeX cleanup ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"G{\"o}del and \'Etienne", "Gödel and Étienne"),
        (r"Fran\c{c}ois \v{S}koda {\L}ukasz \'{\i}", "François Škoda Łukasz í"),
        (r"Tom \& Jerry: 50\% off, 100% sure", "Tom & Jerry: 50% off, 100% sure"),
        (r"pages 1--2, a---b", "pages 1–2, a—b"),  # noqa: RUF001
        (r"{Protected} {C}apitals and {\textsc{Adam}}", "Protected Capitals and Adam"),
        (r"\emph{Very} \textbf{bold} \href{https://x.example}{link}", "Very bold link"),
        (r"C:\textbackslash{}tmp, x\textasciicircum{}2, \textasciitilde{}user",
         "C:\\tmp, x^2, ~user"),  # written by exporters for text that is no LaTeX
    ],
)
def test_latex_becomes_unicode(latex: str, plain: str) -> None:
    assert bib.clean_latex(latex) == plain


def test_emphasis_commands_become_tags() -> None:
    html = bib.latex_to_text(r"\emph{a} \textit{b} \textbf{c}").render_as("html")
    assert html == "<em>a</em> <em>b</em> <strong>c</strong>"


def test_math_spans_are_kept_verbatim() -> None:
    title = r"An $O(\sqrt{n})$ bound for $\alpha_{1}$--{SGD} via $$\{x\}$$"
    bibtex = f"@online{{k, title = {{{title}}}}}"
    expected = r"An $O(\sqrt{n})$ bound for $\alpha_{1}$–SGD via $$\{x\}$$"  # noqa: RUF001
    assert render(bibtex) == expected + "."
    assert render(bibtex, "html") == f"<strong>{expected}</strong>."


def test_whole_entry_is_cleaned() -> None:
    bibtex = (
        r"@article{k, author = {M{\"u}ller, J{\"o}rg}, title = {{\"U}ber {A}lles}, "
        r"journal = {Revue Fran{\c{c}}aise \& Co.}, year = 2020}"
    )
    assert render(bibtex) == "Jörg Müller. Über Alles. Revue Française & Co. (2020)."


@pytest.mark.parametrize(
    "title",
    [
        "Does SGD really happen in tiny subspaces?",
        "Linear attention is (maybe) all you need (to understand Transformer optimization)",
        "ALL CAPS and lower case and MiXeD",
    ],
)
def test_titles_keep_their_case(title: str) -> None:
    text = render(f"@online{{k, title = {{{title}}}}}")
    assert text in {title, title + "."}


# --- links -----------------------------------------------------------------------------------


def test_links_come_from_present_fields_only() -> None:
    entry = parse_entry(
        r"@misc{k, url = {https://openreview.net/forum?id=fake}, eprint = {arXiv:2405.16002},"
        r" doi = {doi:10.1000/fake(1)}, code = {https://github.com/fake/repo\_x},"
        r" slides = {javascript:alert(1)}, video = {ftp://fake.example/v}, poster = {not a url}}"
    )
    assert entry_links(entry) == [
        ("Paper", "https://openreview.net/forum?id=fake"),
        ("arXiv:2405.16002", "https://arxiv.org/abs/2405.16002"),
        ("DOI", "https://doi.org/10.1000/fake(1)"),
        ("Code", "https://github.com/fake/repo_x"),
    ]


def test_no_links_without_link_fields() -> None:
    assert (
        entry_links(
            parse_entry("@misc{k, title = {T}, eprint = {hal-0001}, archiveprefix = {HAL}}")
        )
        == []
    )


def test_links_are_not_in_the_formatted_text() -> None:
    text = render(SONG_2025.replace("year =", "url = {https://fake.example/p}, year ="))
    assert "fake.example" not in text
    assert "arxiv.org" not in text


# --- integration with pybtex's plugin system -------------------------------------------------


def test_registered_style_works_as_sphinxcontrib_bibtex_uses_it() -> None:
    # as the build registers it (publications/bibliography.py)
    register_plugin_class(STYLE_GROUP, "portfolio-test", make_style(OWNER))
    style = find_plugin("pybtex.style.formatting", "portfolio-test")()
    bib = parse_string(SONG_2025 + AHN_2024, "bibtex")
    sorted_entries = style.sort(bib.entries.values())
    labels = list(style.format_labels(sorted_entries))
    formatted = [
        style.format_entry(label=lbl, entry=e)
        for lbl, e in zip(labels, sorted_entries, strict=True)
    ]
    # newest first, numbered like a CV: the newest of two papers is [2]
    assert [(f.key, f.label) for f in formatted] == [("song2025", "2"), ("ahn2024", "1")]
    assert "<strong>Minhak Song</strong>" in formatted[0].text.render_as("html")



def test_sorted_newest_first_and_numbered_like_a_cv() -> None:
    data = parse_string(
        "@misc{old, title={Old}, year={2019}}"
        "@misc{undated, title={Undated}}"
        "@misc{new, title={New}, year={2024}, month=mar}"
        "@misc{newer, title={Newer}, year={2024}, month=nov}"
        "@misc{arxiv, title={From arXiv}, eprint={2310.01082}}"
        "@misc{same_year, title={Same year, no month}, year={2023}}",
        "bibtex",
    )
    style = make_style(["Fake Owner"])()
    ordered = style.sort(data.entries.values())
    # an arXiv id dates what states no year (2310: October 2023), as a CV lists it: above
    # a 2023 paper with no month; the undated entry is last, and the numbers follow
    assert [entry.key for entry in ordered] == [
        "newer", "new", "arxiv", "same_year", "old", "undated"
    ]
    assert list(style.format_labels(ordered)) == ["6", "5", "4", "3", "2", "1"]


# --- prose without LaTeX skips latexcodec -----------------------------------------------------

_PROSE = "abcXYZ019 .,;:!?()[]<>=+*/|@'\"-\u00e9\u00fc\u00df\u221e\u2113\u6f22\n\t"


@pytest.mark.slow  # 3,000 examples
@settings(max_examples=3000, deadline=None)
@given(text=st.text(alphabet=_PROSE, max_size=40))
def test_text_without_latex_is_decoded_as_latexcodec_decodes_it(text: str) -> None:
    """Punctuation latexcodec reads as TeX ("--", "''", ",,", "<<") is in the alphabet: such
    text must take latexcodec's path, and everything else must come out as it would."""
    import codecs

    from sphinx_portfolio.bib import latex

    prose = re.sub(r"[ \t\r\n]+", " ", text)
    latex._decode_latex.cache_clear()
    assert latex._decode_latex(prose) == codecs.decode(prose, "ulatex")


@pytest.mark.parametrize("prose", ["a -- b", "``q''", ",,low", "<<x>>", "?`", "x~y", "{A}"])
def test_latex_in_prose_still_goes_to_latexcodec(prose: str) -> None:
    from sphinx_portfolio.bib import latex

    assert latex._LATEX_SYNTAX.search(prose)


def _no_entry_point_scans(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """pybtex's look-ups of installed plugins, recorded instead of made."""
    import pybtex.plugin

    scans: list[tuple[str, ...]] = []

    def record(**selection: str) -> tuple[()]:
        scans.append(tuple(selection.values()))
        return ()

    monkeypatch.setattr(pybtex.plugin, "entry_points", record)
    return scans


def test_a_style_is_registered_and_made_without_scanning_entry_points(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each scan reads every installed package's metadata (~5 ms), and sphinxcontrib-bibtex
    makes a style for every list and tooltip."""
    from pybtex.style.labels.number import LabelStyle
    from pybtex.style.names.plain import NameStyle
    from pybtex.style.sorting.none import SortingStyle

    entry = parse_entry(SONG_2025)
    scans = _no_entry_point_scans(monkeypatch)
    register_plugin_class(STYLE_GROUP, "portfolio-no-scan", make_style(OWNER))
    style = find_plugin("pybtex.style.formatting", "portfolio-no-scan")()
    assert str(style.format_entry("1", entry).text).startswith("Minhak Song")
    # the plugins pybtex would have looked up by their default names
    assert (type(style.name_style), type(style.label_style), type(style.sorting_style)) == (
        NameStyle, LabelStyle, SortingStyle)
    assert scans == []
