"""``portfolio_csl_style``: the publication list in a CSL style (bib/cslstyle.py).

The owner's site built in APA and IEEE (and APA in German): each style's form on the list,
the home page's selection, a paper page and in the PDF, with what our own style gives kept
(every paper, our numbers, the owner bold, ``*`` for equal contribution, the title linked
to the paper's page, the buttons and anchors). Then what must not hurt a build: a hostile
.csl file (an entity bomb, deep nesting, macros that call themselves or explode, a huge
file), a style that fails on one entry, an unknown or missing style: each one located
warning, and the extension's own style.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import build_and_clean_up, copy_site, pdf_text, squash, warnings_of
from pybtex.database import parse_string
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio._compat import citeproc as citeproc_caches
from sphinx_portfolio.bib.cslstyle import (
    BUNDLED_STYLES,
    MAX_STYLE_BYTES,
    CslStyleError,
    csl_style_class,
    read_style,
)
from sphinx_portfolio.bib.style import make_style

KEYS = ("baek2025implicit", "song2025river", "song2025sgd", "ahn2023linear",
        "song2023trajectory")
SELECTED = ("song2025sgd", "ahn2023linear", "song2023trajectory")


def _build_site(root: Path, **overrides: object) -> SphinxTestApp:
    srcdir = copy_site(root)
    return build_and_clean_up(SphinxTestApp("html", srcdir=srcdir, builddir=root / "build",
                                             confoverrides=overrides))


@pytest.fixture(scope="module")
def apa(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return _build_site(tmp_path_factory.mktemp("apa"), portfolio_csl_style="apa")


@pytest.fixture(scope="module")
def ieee(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return _build_site(tmp_path_factory.mktemp("ieee"), portfolio_csl_style="ieee")


def _entries(app: SphinxTestApp, page: str) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup((Path(app.outdir) / page).read_text("utf-8"), "html.parser")
    return {entry["id"]: entry for entry in soup.select("div.citation[id]")}


def _reference(entry: BeautifulSoup) -> str:
    """The entry's reference text (its label and text, less buttons and panels)."""
    paragraph = entry.find("p")
    assert paragraph is not None
    return " ".join(paragraph.get_text(" ").split())


# --- the owner's site ----------------------------------------------------------------------


def test_apa_lists_every_paper_in_apa_with_our_numbers_and_marks(apa: SphinxTestApp) -> None:
    assert "WARNING" not in warnings_of(apa)
    entries = _entries(apa, "publications.html")
    assert list(entries) == list(KEYS)
    labels = [entry.find(class_="label").get_text(strip=True) for entry in entries.values()]
    assert labels == ["[5]", "[4]", "[3]", "[2]", "[1]"]
    trajectory = entries["song2023trajectory"]
    assert squash("Song, M., & Yun, C. (2023).") in squash(_reference(trajectory))
    assert [s.get_text() for s in trajectory.find_all("strong")][:1] == ["Song, M."]
    # equal contributors (author+an) keep their mark after the whole name
    assert squash("Ahn, K.*, Cheng, X.*, Song, M.*, Yun, C.") in squash(
        _reference(entries["ahn2023linear"]))
    assert "(n.d.)" in _reference(entries["ahn2023linear"])  # APA's word for no year
    # the title links to the paper's page; the buttons and the BibTeX panel are there
    link = trajectory.find("a", href="publications/song2023trajectory.html")
    assert link is not None and link.get_text().startswith("Trajectory Alignment")
    assert trajectory.select(".portfolio-actions") and "BibTeX" in trajectory.get_text()


def test_the_address_a_style_prints_is_a_link(apa: SphinxTestApp) -> None:
    """APA prints the arXiv address (an item's URL) and no full stop after it: it is a link,
    and the project the paper belongs to follows as a sentence of its own."""
    sgd = _entries(apa, "publications.html")["song2025sgd"]
    address = "https://arxiv.org/abs/2405.16002"
    paragraph = sgd.find("p")
    assert paragraph is not None
    assert [a.get_text() for a in paragraph.find_all("a", href=address)] == [address]
    assert squash(f"{address}. Project:") in squash(_reference(sgd))
    # the PDF links the address where APA prints it, and adds no [arXiv:...] after it
    text = squash(pdf_text(Path(apa.outdir) / "Minhak_Song_CV.pdf"))
    assert squash(f"Representations. {address}") in text
    assert squash("[arXiv:2405.16002]") not in text


def test_apa_on_the_home_page_and_a_paper_page(apa: SphinxTestApp) -> None:
    home = _entries(apa, "index.html")
    assert list(home) == list(SELECTED)
    assert squash("Song, M., Ahn, K., & Yun, C. (2025).") in squash(
        _reference(home["song2025sgd"]))
    page = BeautifulSoup((Path(apa.outdir) / "publications" / "song2023trajectory.html")
                         .read_text("utf-8"), "html.parser")
    authors = page.select_one(".portfolio-paper-authors")
    assert authors is not None
    assert squash(authors.get_text()) == squash("Song, M., & Yun, C. (2023).")
    assert authors.find("strong").get_text() == "Song, M."
    venue = page.select_one(".portfolio-paper-venue")
    assert venue is not None and "Neural Information Processing Systems" in venue.get_text()


def test_apa_in_the_pdf(apa: SphinxTestApp) -> None:
    text = squash(pdf_text(Path(apa.outdir) / "Minhak_Song_CV.pdf"))
    assert squash("[1] Song, M., & Yun, C. (2023). Trajectory Alignment") in text
    assert squash("Ahn, K.*, Cheng, X.*, Song, M.*") in text


def test_ieee(ieee: SphinxTestApp) -> None:
    assert "WARNING" not in warnings_of(ieee)
    entries = _entries(ieee, "publications.html")
    assert list(entries) == list(KEYS)
    trajectory = _reference(entries["song2023trajectory"])
    assert squash("M. Song and C. Yun, \u201cTrajectory Alignment") in squash(trajectory)
    assert not trajectory.startswith("[")  # the style's own number is left out: ours is
    assert entries["song2023trajectory"].find("strong").get_text() == "M. Song"
    assert squash("K. Ahn*, X. Cheng*, M. Song*") in squash(_reference(entries["ahn2023linear"]))
    text = squash(pdf_text(Path(ieee.outdir) / "Minhak_Song_CV.pdf"))
    assert squash("M. Song and C. Yun, \u201cTrajectory Alignment") in text
    assert list(_entries(ieee, "index.html")) == list(SELECTED)


def test_and_others_ends_in_the_styles_et_al(apa: SphinxTestApp, ieee: SphinxTestApp) -> None:
    """song2025river's authors end in BibTeX's "and others": every style says so."""
    assert squash("Song, M., Baek, B., Ahn, K., et al. (2025).") in squash(
        _reference(_entries(apa, "publications.html")["song2025river"]))
    assert squash("M. Song, B. Baek, K. Ahn, et al.,") in squash(
        _reference(_entries(ieee, "publications.html")["song2025river"]))


@pytest.mark.parametrize("name", sorted(BUNDLED_STYLES))
def test_no_style_hides_the_owner_behind_et_al(name: str) -> None:
    """IEEE cuts seven or more authors to one, APA keeps 19 and the last: a CV lists them
    all, so the owner, twelfth of 21, is there and bold in every style."""
    people = [f"Person{chr(65 + i)}, Ann" for i in range(20)]
    people.insert(11, "Song, Minhak")
    bib = parse_string(f"@article{{many, title={{Many}}, author={{{' and '.join(people)}}}, "
                       "journal={J}, year={2020}}", "bibtex")
    style = csl_style_class(make_style(["Minhak Song"]), read_style(name, BUNDLED_STYLES[name],
                                                                    "en"),
                            lambda entry, message: pytest.fail(message))()
    text = style.format_text(bib.entries["many"])
    assert "Tag('strong'" in repr(text), name
    plain = text.render_as("text")
    assert all(f"Person{chr(65 + i)}" in plain for i in range(20)), plain
    assert "et al" not in plain, plain


@pytest.mark.slow  # the full portfolio built again
def test_apa_in_german_uses_the_locale(tmp_path: Path) -> None:
    app = _build_site(tmp_path, portfolio_csl_style="apa", language="de")
    entries = _entries(app, "publications.html")
    assert list(entries) == list(KEYS)
    linear = _reference(entries["ahn2023linear"])
    assert "(o. J.)" in linear and "(n.d.)" not in linear  # "ohne Jahr"
    assert "Abgerufen" in linear  # "Retrieved"


# --- bad styles ----------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="csl-hostile")
def test_an_entity_bomb_is_one_warning_and_our_style(app: SphinxTestApp) -> None:
    started = time.monotonic()
    app.build()
    assert time.monotonic() - started < 60
    warnings = warnings_of(app)
    assert warnings.count("WARNING") == 1, warnings
    assert re.search(r"conf\.py:6: WARNING: the CSL style 'bomb\.csl' declares a DTD.*"
                     r"\[portfolio\.csl\]", warnings)
    text = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert "lollol" not in text
    # our own style: "Authors. **Title**. *Venue* (YEAR)."
    assert "<strong>Notes on the Analytical Engine</strong>" in text


@pytest.mark.sphinx("html", testroot="csl-fails")
def test_a_style_that_fails_on_an_entry_is_one_warning_there(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    assert warnings.count("WARNING") == 1, warnings
    assert re.search(r"refs\.bib:8: WARNING: the CSL style 'fails-on-books\.csl' fails on "
                     r"this entry .*\[portfolio\.csl\]", warnings)
    entries = _entries(app, "index.html")
    assert list(entries) == ["lovelace1843notes", "lovelace1842book"]
    assert "TITLE: Notes on the Analytical Engine" in _reference(entries["lovelace1843notes"])
    book = _reference(entries["lovelace1842book"])
    assert "TITLE:" not in book and "A Book That Never Was" in book  # our own style


@pytest.mark.parametrize("setting", ["chicago", "missing.csl"])
def test_an_unknown_or_missing_style_is_one_warning(
        setting: str, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-csl-fails", srcdir)
    app = build_and_clean_up(SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "build",
                                           confoverrides={"portfolio_csl_style": setting}))
    warnings = warnings_of(app)
    assert warnings.count("WARNING") == 1, warnings
    assert "CSL style" in warnings
    assert "[portfolio.csl]" in warnings and "conf.py:7: WARNING" in warnings  # the setting
    assert "<strong>A Book That Never Was</strong>" in (
        Path(app.outdir) / "index.html").read_text("utf-8")


# --- reading styles (no Sphinx) -------------------------------------------------------------

_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  {macros}
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>{layout}</layout></bibliography>
</style>
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "style.csl"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(("macros", "layout", "reason"), [
    ('<macro name="a"><text macro="b"/></macro><macro name="b"><text macro="a"/></macro>',
     '<text macro="a"/>', "calls itself"),
    ("".join(f'<macro name="m{i}"><text macro="m{i + 1}"/><text macro="m{i + 1}"/></macro>'
             for i in range(30)) + '<macro name="m30"><text variable="title"/></macro>',
     '<text macro="m0"/>', "elements per entry"),
    ("", '<text macro="nowhere"/>', "does not define"),
    ("", "<group>" * 45 + "</group>" * 45, "levels deep"),
])
def test_styles_that_would_loop_or_explode_are_refused(
        tmp_path: Path, macros: str, layout: str, reason: str) -> None:
    path = _write(tmp_path, _STYLE.format(macros=macros, layout=layout))
    started = time.monotonic()
    with pytest.raises(CslStyleError, match=reason):
        read_style("style.csl", path, "en")
    assert time.monotonic() - started < 5


def test_external_entities_and_huge_files_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", "utf-8")
    external = (f'<?xml version="1.0"?>\n<!DOCTYPE style [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
                + _STYLE.split("?>", 1)[1].replace("<title>t</title>", "<title>&x;</title>"))
    with pytest.raises(CslStyleError, match="DTD"):
        read_style("style.csl", _write(tmp_path, external), "en")
    huge = _STYLE.format(macros="<!--" + "x" * MAX_STYLE_BYTES + "-->", layout="")
    with pytest.raises(CslStyleError, match="KiB"):
        read_style("style.csl", _write(tmp_path, huge), "en")
    with pytest.raises(CslStyleError, match="not well-formed"):
        read_style("style.csl", _write(tmp_path, "<style"), "en")


def test_the_citeproc_caches_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The contract of _compat/citeproc.py: with and without its caches, every bundled
    style writes the same text for the same entries."""
    bib = parse_string(r"""
        @inproceedings{a, title={On $x^2$ and \$5}, author={Song, Minhak and Doe, Jane},
          author+an={2=equal}, booktitle={Conference on Learning Theory}, year={2024},
          pages={1--9}, doi={10.1000/example}}
        @article{b, title={Notes}, author={Doe, Jane and Song, M.}, journal={J},
          volume={3}, number={2}, year={2020}}
        @misc{c, title={A preprint}, author={Song, Minhak}, eprint={2405.16002}}
        """, "bibtex")

    def texts() -> dict[str, list[str]]:
        found = {}
        for name, path in BUNDLED_STYLES.items():
            style = csl_style_class(make_style(["Minhak Song"], paper_links=True),
                                    read_style(name, path, "en"),
                                    lambda entry, message: pytest.fail(message))()
            found[name] = [repr(style.format_text(entry)) for entry in bib.entries.values()]
        return found

    assert citeproc_caches.install()
    cached = texts()
    from citeproc import model
    monkeypatch.setattr(model.CitationStylesElement, "get_macro",
                        citeproc_caches._original_get_macro)
    monkeypatch.setattr(model.Text, "calls_variable", citeproc_caches._original_calls_variable)
    monkeypatch.setattr(model.Locale, "get_term", citeproc_caches._original_get_term)
    assert texts() == cached
    assert "Tag('strong', 'Song, M.')" in cached["apa"][0]
    assert "$x^2$" in cached["apa"][0] and "\\\\$5" in cached["apa"][0]


def test_an_edited_style_file_shows_at_the_next_build(rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-csl-fails", srcdir)
    style = srcdir / "fails-on-books.csl"

    def build() -> str:
        app = build_and_clean_up(SphinxTestApp("html", srcdir=srcdir,
                                               builddir=tmp_path / "build"))
        return _reference(_entries(app, "index.html")["lovelace1843notes"])

    assert "TITLE: Notes" in build()
    style.write_text(style.read_text("utf-8").replace("TITLE: ", "EDITED: "), "utf-8")
    page = build()
    assert "EDITED: Notes" in page and "TITLE: Notes" not in page
