"""Issue 21: the sections the four formats have (talks, patents, certificates, courses, grants,
a headline and a summary) each have a place in our data, shown on the web and in the PDF.

Built from ``tests/roots/test-new-kinds``: one HTML build, which writes the PDF CV too; the
builds that change a file work on a copy.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import build_and_clean_up, pdf_text, pdfs, quick_first, squash, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.data import KINDS, load_list
from sphinx_portfolio.data.schema import schemas
from sphinx_portfolio.domain import PortfolioDomain
from sphinx_portfolio.tables.directives import TABLE_DIRECTIVES

ROOT = "test-new-kinds"


@dataclass
class Built:
    outdir: Path
    warnings: str
    pdf: str  # the PDF CV's text

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{page}.html").read_text("utf-8"), "html.parser")

    def rows(self, page: str, kind: str) -> list[list[str]]:
        """The rows of each table of ``kind`` on ``page``: the text of each row."""
        return [[row.get_text(" ", strip=True).replace("\N{NO-BREAK SPACE}", " ")
                 for row in table.select("tbody tr")]
                for table in self.soup(page).select(f"table.portfolio-{kind}")]


def _copy(rootdir: Path, target: Path) -> Path:
    shutil.copytree(rootdir / ROOT, target / "src")
    return target / "src"


def _build(srcdir: Path) -> Built:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir.parent / "build")
    build_and_clean_up(app)
    return Built(Path(app.outdir), warnings_of(app), pdf_text(pdfs(app)[0]))


@pytest.fixture(scope="module")
def web(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(_copy(rootdir, tmp_path_factory.mktemp("new-kinds")))


def test_the_site_builds_without_a_warning(web: Built) -> None:
    assert web.warnings == ""


# --- talks ---------------------------------------------------------------------------------------


def test_talks_show_title_event_kind_and_date(web: Built) -> None:
    everything, invited = web.rows("talks", "talks")
    assert everything == [
        "Engines of Examples Example Conference 2024, Sampleton, ST (keynote) Jun 2024",
        "Programs for an Example Engine [ 1 ] Sample University Seminar (invited talk) "
        "Recorded for the seminar\N{RIGHT SINGLE QUOTATION MARK}s archive. Mar 2023",
        "A Poster of Samples Workshop on Samples (poster) 2022",
    ]
    # :kind: picks, :columns: chooses
    assert invited == ["Programs for an Example Engine [ 1 ] Sample University Seminar Mar 2023"]


def test_a_talk_links_its_slides_and_its_paper_links_back(web: Built) -> None:
    soup = web.soup("talks")
    slides = soup.select_one("#talk-engine-keynote a.reference.external")
    assert slides is not None and slides["href"] == "https://example.org/slides/engines.pdf"
    assert slides.get_text() == "Engines of Examples"
    assert soup.select_one("table.portfolio-talks a[href^='publications.html#']") is not None
    back = web.soup("publications").select_one(".portfolio-backlinks")
    assert back is not None and back.get_text(" ", strip=True) == (
        "Talk: Programs for an Example Engine")
    assert back.a is not None and back.a["href"] == "talks.html#talk-engine-seminar"


def test_a_page_links_a_talk_and_a_patent_by_their_ids(web: Built) -> None:
    """The domain knows the new kinds: ``{portfolio:talk}`id``` is a link, not a warning."""
    links = {a["href"] for a in web.soup("education").select("a.reference.internal")}
    assert {"talks.html#talk-engine-keynote", "patents.html#patent-sample-engine"} <= links


def test_an_education_and_an_award_link_their_pages(web: Built) -> None:
    """As a talk's title links its slides: the institution and the award title link their
    ``url``."""
    links = {a.get_text(): a["href"] for page in ("education", "grants")
             for a in web.soup(page).select("table a.reference.external")}
    assert links["Example University"] == "https://example.org/university"
    assert links["Honorary Sample"] == "https://example.org/honors/sample"


def test_every_table_kind_is_a_kind_of_the_domain() -> None:
    kinds = {directive.target_kind for directive in TABLE_DIRECTIVES.values()}
    assert kinds == set(PortfolioDomain.object_types)


def test_talks_are_in_the_pdf(web: Built) -> None:
    text = squash(web.pdf)
    for line in ("Talks", "EnginesofExamples", "ExampleConference2024,Sampleton,ST(keynote)",
                 "Jun2024", "SampleUniversitySeminar(invitedtalk)", "Mar2023",
                 "WorkshoponSamples(poster)"):
        assert line in text, line


# --- patents -------------------------------------------------------------------------------------


def test_patents_show_number_status_and_inventors(web: Built) -> None:
    assert web.rows("patents", "patents") == [[
        "Engine for Samples US 1,234,567 B2, granted Inventors: Ada Example, Dr. Bob Sample "
        "Nov 2023",
        "Loom Controlled by Example Cards EP, filed Inventors: Ada Example "
        "Licensed to Example Looms Ltd. Feb 2021",
    ]]
    link = web.soup("patents").select_one("#patent-sample-engine a.reference.external")
    assert link is not None and link["href"] == "https://patents.example.org/US1234567"


def test_patents_are_in_the_pdf(web: Built) -> None:
    text = squash(web.pdf)
    for line in ("Patents", "EngineforSamples", "US1,234,567B2,granted",
                 "Inventors:AdaExample,Dr.BobSample", "Nov2023", "EP,filed", "Feb2021"):
        assert line in text, line


# --- certificates --------------------------------------------------------------------------------


def test_certificates_show_issuer_and_validity(web: Built) -> None:
    assert web.rows("certificates", "certificates") == [[
        "Certificate in Sample Safety Example Institute Jan 2023 \N{EN DASH} Jan 2026",
        "Example Methods Licence Sample Board 2020",
    ]]


def test_certificates_are_in_the_pdf(web: Built) -> None:
    text = squash(web.pdf)
    for line in ("Certificates", "CertificateinSampleSafety", "ExampleInstitute",
                 "Jan2023\N{EN DASH}Jan2026", "ExampleMethodsLicence", "SampleBoard"):
        assert line in text, line


# --- an education's courses, grants --------------------------------------------------------------


def test_courses_show_under_the_degree_on_the_web_and_in_the_pdf(web: Built) -> None:
    assert web.rows("education", "education") == [[
        "Example University , Sampleton, ST PhD in Examples "
        "Courses: Sample Theory, Engines of Examples Thesis on example engines. "
        "Sep 2018 \N{EN DASH} Jun 2023",
    ]]
    assert "Courses:SampleTheory,EnginesofExamples" in squash(web.pdf)


def test_grants_are_awards_of_their_kind(web: Built) -> None:
    grants, honors = web.rows("grants", "awards")
    assert grants == ["Grant for Example Engines (Principal investigator, 45,000 USD) "
                      "Example Foundation 2023 \N{EN DASH} 2025"]
    assert honors == ["Honorary Sample Sample Society 2022"]
    text = squash(web.pdf)
    assert "GrantforExampleEngines" in text and "ExampleFoundation" in text
    assert "PrizeWithoutaKind" not in text  # an award without a kind is in no :kind: table


# --- the profile ---------------------------------------------------------------------------------


def test_headline_and_summary_are_in_the_profile_on_the_web(web: Built) -> None:
    block = web.soup("index").select_one(".portfolio-profile")
    assert block is not None
    paragraphs = [(p["class"][0], p.get_text(" ", strip=True))
                  for p in block.find_all("p", recursive=False)]
    assert paragraphs == [
        ("portfolio-headline", "Numerical analyst and example programmer"),
        ("portfolio-position", "Researcher, Example University"),
        ("portfolio-summary", "I write example programs for engines that do not exist yet, "
                              "and the notes that explain them."),
        ("portfolio-summary", "Before that I studied sample theory."),
        ("portfolio-interests", "Research interests: Examples, Samples"),
    ]


def test_headline_and_summary_are_under_the_name_in_the_pdf(web: Built) -> None:
    lines = [line.strip() for line in web.pdf.splitlines() if line.strip()]
    assert lines[:4] == ["Ada Example", "Numerical analyst and example programmer",
                         "Researcher, Example University", "ada@example.org"]
    text = squash(web.pdf)
    assert squash("I write example programs for engines that do not exist yet, and the notes "
                  "that explain them. Before that I studied sample theory.") in text
    assert text.index("Beforethat") < text.index("Researchinterests") < text.index("Talks")


# --- problems ------------------------------------------------------------------------------------


def test_a_typo_in_each_new_file_is_one_located_unknown_key_warning(
    rootdir: Path, tmp_path: Path,
) -> None:
    srcdir = _copy(rootdir, tmp_path)
    data = srcdir / "_data"
    for name, key, typo, value in (("talks", "event", "evnt", "Sample University Seminar"),
                                   ("patents", "inventors", "invetors", "[Ada Example, Dr."),
                                   ("certificates", "issuer", "isuer", "Sample Board")):
        path = data / f"{name}.yaml"
        text = path.read_text("utf-8")
        assert f"  {key}: {value}" in text
        path.write_text(text.replace(f"  {key}: {value}", f"  {typo}: {value}"), "utf-8")
    warnings = _build(srcdir).warnings.splitlines()
    assert len(warnings) == 3, warnings
    for warning, (where, key, field) in zip(warnings, [
        ("talks.yaml:11", "evnt", "event"), ("patents.yaml:7", "invetors", "inventors"),
        ("certificates.yaml:9", "isuer", "issuer"),
    ], strict=True):
        assert f"_data/{where}: WARNING: unknown key '{key}' (did you mean '{field}'?)" in warning
        assert warning.endswith("[portfolio.unknown-key]")


@pytest.mark.slow  # a build of its own
def test_a_talks_unknown_paper_is_reported_at_its_line(rootdir: Path, tmp_path: Path) -> None:
    srcdir = _copy(rootdir, tmp_path)
    talks = srcdir / "_data" / "talks.yaml"
    talks.write_text(talks.read_text("utf-8").replace("paper: example2022engine",
                                                      "paper: example2022engin"), "utf-8")
    built = _build(srcdir)
    (warning,) = built.warnings.splitlines()
    assert "_data/talks.yaml:14: WARNING: paper: unknown BibTeX key 'example2022engin'" in warning
    assert "did you mean 'example2022engine'?" in warning and warning.endswith("[portfolio.ref]")
    assert "SampleUniversitySeminar" in squash(built.pdf)  # the talk is still shown


@pytest.mark.parametrize("kind", quick_first(["talks", "patents", "certificates"]))
def test_an_empty_file_is_reported_and_its_table_left_out(
    rootdir: Path, tmp_path: Path, kind: str,
) -> None:
    srcdir = _copy(rootdir, tmp_path)
    (srcdir / "_data" / f"{kind}.yaml").write_text("[]\n", "utf-8")
    built = _build(srcdir)
    (warning,) = built.warnings.splitlines()
    assert f"_data/{kind}.yaml:1: WARNING: the list has no entries" in warning
    assert warning.endswith("[portfolio.empty]")
    assert built.soup(kind).select("table") == []
    heading = kind.title()
    assert heading not in built.pdf.splitlines() and "Education" in built.pdf.splitlines()


# --- the data files ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["talks", "patents", "certificates", "education", "awards"])
def test_the_roots_files_load_and_match_their_schema(rootdir: Path, kind: str) -> None:
    path = rootdir / ROOT / "_data" / f"{kind}.yaml"
    loaded = load_list(path, KINDS[kind])
    assert loaded.problems == [] and loaded.records
    jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schemas()[kind])


@pytest.mark.parametrize(("kind", "entry"), [
    ("talks", {"id": "x", "title": "X", "event": "Y", "start": 2020, "kind": "lecture"}),
    ("patents", {"id": "x", "title": "X", "start": 2020, "status": "pending"}),
    ("certificates", {"id": "x", "title": "X", "start": 2020, "isuer": "Y"}),
    ("awards", {"id": "x", "title": "X", "start": 2020, "kind": "medal"}),
    ("talks", {"id": "x", "title": "X", "event": "Y"}),  # a talk needs its date
])
def test_the_schemas_reject_what_the_models_reject(
    tmp_path: Path, kind: str, entry: dict[str, object],
) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([entry], schemas()[kind])
    path = tmp_path / f"{kind}.yaml"
    path.write_text(yaml.safe_dump([entry]), "utf-8")
    assert load_list(path, KINDS[kind]).problems
