"""``sphinx-portfolio new DIR``: a site that builds, HTML and PDF, strictly, as it is written."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import REPO, pdf_text, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.cli import main
from sphinx_portfolio.data import KINDS, load_list, load_profile
from sphinx_portfolio.starter import StarterError, write_site

RTD_SCHEMA = REPO / "tests" / "data" / "readthedocs-config-v2.schema.json"


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("starter") / "ada"
    assert main(["new", str(site), "--name", "Ada Lovelace"]) == 0
    return site


@pytest.fixture(scope="module")
def built(starter: Path, make_app: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    """The site, with its PDF, into _build/html, as a user would."""
    html = make_app("html", srcdir=starter / "docs")
    html.build()
    return html


# sphinx.testing's make_app is function-scoped; the module's builds share one.
@pytest.fixture(scope="module")
def make_app(request: pytest.FixtureRequest) -> Callable[..., SphinxTestApp]:
    apps: list[SphinxTestApp] = []

    def make(*args: object, **kwargs: object) -> SphinxTestApp:
        app = SphinxTestApp(*args, **kwargs)  # type: ignore[arg-type]
        apps.append(app)
        return app

    request.addfinalizer(lambda: [app.cleanup() for app in apps])
    return make


def test_the_starter_builds_without_a_warning(built: SphinxTestApp) -> None:
    assert warnings_of(built) == ""
    assert (built.outdir / "Ada_Lovelace_CV.pdf").is_file()  # published beside the pages


def test_the_home_page_shows_the_person_their_papers_and_math(built: SphinxTestApp) -> None:
    soup = BeautifulSoup((built.outdir / "index.html").read_text("utf-8"), "html.parser")
    assert soup.select_one("h1").get_text(strip=True).startswith("Ada Lovelace")
    assert soup.find("math") is not None  # $O(\sqrt{T})$ in the prose
    selected = soup.select("div.citation")
    assert len(selected) == 2
    assert all(entry.select_one("strong").get_text() == "Ada Lovelace" for entry in selected)
    cv = (built.outdir / "cv.html").read_text("utf-8")
    assert 'href="Ada_Lovelace_CV.pdf"' in cv
    # its sections are headings, in the page's outline
    assert [h2.get_text(strip=True).rstrip("¶") for h2 in soup.select("article h2")] == [
        "Selected publications", "Current projects"]
    assert soup.select("p.rubric") == []


def test_every_page_reaches_the_pdf_and_none_is_empty(built: SphinxTestApp) -> None:
    pages = sorted(built.outdir.rglob("*.html"))
    assert not (built.outdir / "genindex.html").exists()  # a portfolio indexes nothing
    for page in pages:
        text = page.read_text("utf-8")
        assert "genindex" not in text, page
        soup = BeautifulSoup(text, "html.parser")
        hrefs = {a["href"] for a in soup.select("a.portfolio-cv-button")}
        if page.name != "404.html":  # that one links from the site's root
            assert {(page.parent / href).resolve() for href in hrefs} == {
                (built.outdir / "Ada_Lovelace_CV.pdf").resolve()}, page


def test_the_pdf_has_every_section(starter: Path, built: SphinxTestApp) -> None:
    (pdf,) = pdfs_in(starter / "docs" / "_build" / "html")
    text = pdf_text(pdf)
    for heading in ("Publications", "Education", "Research projects", "Honors and awards",
                    "Teaching and service", "Skills"):
        assert heading in text
    assert "portfolio-web-only" not in text and "A short introduction" not in text


def pdfs_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def test_every_data_file_is_valid_and_its_schema_link_resolves(starter: Path) -> None:
    data = starter / "docs" / "_data"
    files = sorted(data.glob("*.yaml"))
    # every kind but those few researchers have, which the guide shows
    assert {path.stem for path in files} == {"profile", *KINDS} - {"patents", "certificates"}
    for path in files:
        first = path.read_text("utf-8").splitlines()[0]
        link = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert link is not None, path
        schema = json.loads((path.parent / link[1]).read_text("utf-8"))
        jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema)
        if path.stem == "profile":
            assert load_profile(path)[1] == []
        else:
            loaded = load_list(path, KINDS[path.stem])
            assert loaded.problems == [] and loaded.records, path


def test_the_read_the_docs_config_is_valid(starter: Path) -> None:
    config = yaml.safe_load((starter / ".readthedocs.yaml").read_text("utf-8"))
    jsonschema.validate(config, json.loads(RTD_SCHEMA.read_text("utf-8")))
    html_job = config["build"]["jobs"]["build"]["html"]
    assert len(html_job) == 1 and "-b html" in html_job[0]  # one build writes the PDF too
    assert "-b cvpdf" in " ".join(config["build"]["jobs"]["build"]["pdf"])
    assert "rinoh" not in (starter / "noxfile.py").read_text("utf-8")


def test_nothing_is_left_unfilled(starter: Path) -> None:
    for path in starter.rglob("*"):
        if path.is_file() and "_build" not in path.parts:
            assert "{{" not in path.read_text("utf-8"), path


def test_it_does_not_write_over_a_site(starter: Path) -> None:
    with pytest.raises(StarterError, match="is not empty"):
        write_site(starter)
    assert main(["new", str(starter)]) == 1


@pytest.mark.parametrize("name", [
    "Ada: Lovelace", 'Ada "Lovelace"', "{Ada}", " ",
    "Ada\udc85x",  # a byte that is no UTF-8, as the shell hands it over
    "Ada\x1b[2Jx", "Ada $x$ Lovelace", "Ada <img src=x onerror=alert(1)>",
    "Tom and Jerry others",  # BibTeX: two people
])
def test_a_name_that_would_break_yaml_or_bibtex_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(StarterError):
        write_site(tmp_path / "site", name)
    assert not (tmp_path / "site").exists()  # refused before anything is written


def test_new_onto_a_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").write_text("a file", "utf-8")
    assert main(["new", str(tmp_path / "taken")]) == 1
    assert capsys.readouterr().err.strip() == f"{tmp_path / 'taken'} is a file, not a folder " \
        "for the site"


def test_the_next_steps_say_one_build_makes_both(tmp_path: Path) -> None:
    from sphinx_portfolio.starter import next_steps

    assert "_build/pdf" not in next_steps(tmp_path) and "PDF CV" in next_steps(tmp_path)

