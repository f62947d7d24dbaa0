"""The package as a stranger gets it: a wheel installed in a fresh virtual environment
outside this repository, ``sphinx-portfolio new``, strict HTML and PDF builds; then the
co-author's site (seed 003) made from that starter with no setting added.

Slow (a virtual environment and the dependencies from the package index), so one module
fixture makes the environment and every test uses it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from helpers import REPO, pdf_text

pytestmark = pytest.mark.slow  # takes seconds: left out of the quick suite (-m "not slow")

ROOTS = Path(__file__).parent / "roots"


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True,
                          text=True, check=False, timeout=900)


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    _ok(_run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, REPO,
             cwd=dist))
    (built,) = dist.glob("sphinx_portfolio-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment (not this one's packages) with the wheel installed; its bin/."""
    home = tmp_path_factory.mktemp("stranger")
    assert REPO not in home.parents
    _ok(_run(sys.executable, "-m", "venv", home / "venv", cwd=home))
    bin_dir = home / "venv" / "bin"
    _ok(_run(bin_dir / "python", "-m", "pip", "install", "-q", wheel, "nox", cwd=home))
    return bin_dir


def _build(bin_dir: Path, docs: Path, *strict: str) -> str:
    """`sphinx-build -b html`, as the starter's noxfile runs it (the PDF comes with it)."""
    out = docs.parent / "_build"
    return _ok(_run(bin_dir / "sphinx-build", "-b", "html", *strict, docs, out / "html",
                    cwd=docs))


def test_the_description_is_about_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(name).decode("utf-8"))
    description = metadata.get_payload()
    assert isinstance(description, str) and "sphinx-portfolio new" in description
    for owner_fact in ("Minhak", "KAIST", "screenshots"):
        assert owner_fact not in description
    targets = re.findall(r"\]\(([^)]*)\)", description)
    assert all(target.startswith("https://") for target in targets), targets


def test_the_bundled_csl_styles_and_their_licence_note_are_in_it(wheel: Path) -> None:
    from sphinx_portfolio.bib.cslstyle import BUNDLED_STYLES

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    folder = "sphinx_portfolio/bib/styles/"
    assert {folder + path.name for path in BUNDLED_STYLES.values()} <= names
    assert folder + "README.md" in names  # their source and licence (CC BY-SA 3.0)


def test_the_message_catalogues_are_in_it(wheel: Path) -> None:
    """Each language's compiled catalogue (what a build reads) and its .po, and the template."""
    from sphinx_portfolio.locale.catalogue import LANGUAGES

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    folder = "sphinx_portfolio/locale/"
    assert folder + "sphinx_portfolio.pot" in names
    for language in LANGUAGES:
        for suffix in (".mo", ".po"):
            assert f"{folder}{language}/LC_MESSAGES/sphinx_portfolio{suffix}" in names


def test_a_new_site_builds_strictly_with_its_own_noxfile(
    venv: Path, wheel: Path, tmp_path: Path,
) -> None:
    """As its README says: `nox -s build`, which installs requirements.txt into its own
    environment (the wheel, as it was installed) and builds under -W."""
    _ok(_run(venv / "sphinx-portfolio", "new", "site", "--name", "Ada Lovelace", cwd=tmp_path))
    site = tmp_path / "site"
    assert f"sphinx-portfolio @ {wheel.as_uri()}" in (site / "requirements.txt").read_text()
    log = _ok(_run(venv / "nox", "-s", "build", cwd=site))
    assert "-W" in log
    html = site / "_build" / "html"
    assert (html / "Ada_Lovelace_CV.pdf").is_file()
    assert "<strong>Ada Lovelace</strong>" in (html / "publications.html").read_text("utf-8")


def test_the_co_authors_site_from_the_starter(venv: Path, tmp_path: Path) -> None:
    """Seed 003: a name and four papers. The starter's examples they lack are deleted, as
    its README says; conf.py stays as written. Two papers have no year in the source: the
    build says so (and a strict build would stop there), everything else is clean."""
    _ok(_run(venv / "sphinx-portfolio", "new", "baek", "--name", "Beomhan Baek",
             cwd=tmp_path))
    docs = tmp_path / "baek" / "docs"
    conf = (docs / "conf.py").read_text("utf-8")
    for page in ("experience", "projects", "honors", "talks", "teaching", "skills"):
        (docs / f"{page}.md").unlink()
    for data in docs.glob("_data/*.yaml"):
        if data.stem != "profile":
            data.unlink()
    profile = docs / "_data" / "profile.yaml"
    header = profile.read_text("utf-8").splitlines()[0]
    profile.write_text(f"{header}\nname: Beomhan Baek\n", "utf-8")
    shutil.copy(ROOTS / "test-second-researcher" / "refs.bib", docs / "refs.bib")
    (docs / "index.md").write_text(
        "# Beomhan Baek\n\n```{profile}\n```\n\n"
        "```{toctree}\n:hidden:\n\npublications\ncv\n```\n", "utf-8")

    log = _build(venv, docs)
    assert (docs / "conf.py").read_text("utf-8") == conf
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert len(warnings) == 2, warnings
    assert all("has no year" in line for line in warnings)
    html = docs.parent / "_build" / "html"
    publications = (html / "publications.html").read_text("utf-8")
    assert publications.count("<strong>Beomhan Baek</strong>") == 3  # not in AMUSE's first 3
    paper = (html / "publications" / "baek-implicit.html").read_text("utf-8")
    assert "<math" in paper and "$\\ell" not in paper
    (pdf,) = html.glob("*.pdf")
    assert pdf.name == "Beomhan_Baek_CV.pdf"
    text = " ".join(pdf_text(pdf).split())
    for title in ("AMUSE: Anytime Muon", "Strong Duality and Improved Regret",
                  "Implicit Bias of Per-sample Adam", "Through the River"):
        assert title in text
    assert "Beomhan_Baek_CV.pdf" in (html / "cv.html").read_text("utf-8")
