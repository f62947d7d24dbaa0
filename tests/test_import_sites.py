"""Import whole sites of other tools (issue 21): ``import al-folio DIR`` and
``import hugo-blox DIR`` (sphinx_portfolio.interchange._alfolio, ._hugoblox).

Checked on the tools' own example sites, byte for byte as published (tests/data/migrate/,
see its README): each imports into data files our loaders accept and a .bib file our reader
reads; every value of every file there (each YAML, JSON and front matter leaf, each page's
text, each BibTeX entry) is in the written files or named in the report, with its file; and
each imported site builds, its owner, a paper, a position and a talk in the HTML and the PDF.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import (
    REPO,
    build_and_clean_up,
    cjk_font_settings,
    leaves,
    load_written,
    pdf_text,
    pdfs,
    quick_first,
    squash,
    warnings_of,
)
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import clean_latex, read_bib_text
from sphinx_portfolio.bib.biblatex import month_number
from sphinx_portfolio.bib.latex import fold_words
from sphinx_portfolio.cli import main
from sphinx_portfolio.data import load_profile
from sphinx_portfolio.interchange import (
    ImportResult,
    InterchangeError,
    _alfolio,
    _hugoblox,
    _jsonresume,
    _rendercv,
)
from sphinx_portfolio.interchange._alfolio import MAX_SITE_BYTES, import_alfolio
from sphinx_portfolio.interchange._hugoblox import import_hugoblox
from sphinx_portfolio.starter import write_site

MIGRATE = REPO / "tests" / "data" / "migrate"
SITES: dict[str, Callable[[Path], ImportResult]] = {
    "al-folio": import_alfolio,
    "al-folio-old-cv": import_alfolio,
    "al-folio-old-socials": import_alfolio,
    "hugo-blox": import_hugoblox,
    "hugo-blox-2025": import_hugoblox,
    "hugo-blox-wowchemy": import_hugoblox,
}


@functools.cache
def imported(name: str) -> ImportResult:
    """The sample site's import (read-only for the tests: shared between them)."""
    return SITES[name](MIGRATE / name)


def write_data(result: ImportResult, data_dir: Path) -> dict[str, Any]:
    """The imported data files written into ``data_dir`` and loaded with our loaders; none
    may report a problem. Stem -> the entries (the profile's fields for "profile")."""
    data_dir.mkdir(parents=True, exist_ok=True)
    loaded: dict[str, Any] = {}
    for stem, content in result.data.items():
        path = data_dir / f"{stem}.yaml"
        path.write_text(content, encoding="utf-8")
        loaded[stem] = load_written(path, stem)
    return loaded


# --- each sample imports into files our readers accept ---------------------------------------


@pytest.mark.parametrize("name", SITES)
def test_each_sample_imports_into_files_our_readers_accept(name: str, tmp_path: Path) -> None:
    result = imported(name)
    loaded = write_data(result, tmp_path / "_data")
    assert loaded["profile"]["name"]
    checked = read_bib_text(result.bib)
    assert [p for p in checked.problems if p.subtype != "bib-missing-field"] == []
    # the entries one by one (what an import adds to a site's .bib) read as the whole file
    alone = read_bib_text("\n\n".join(result.bib_entries.values()) + "\n")
    assert list(alone.data.entries) == list(checked.data.entries) == list(result.bib_entries)
    assert all(line.strip() and "\n" not in line for line in result.unmapped)


def test_al_folio_profile_is_the_one_its_pages_show() -> None:
    """The name of _config.yml, the highlighted names of jekyll-scholar as aliases, the
    e-mail and ids of socials.yml as al-folio links them, the about page's text."""
    result = imported("al-folio")
    profile = result.documents["profile"]
    assert profile["name"] == "You R. Name"
    assert profile["aliases"] == ["Einstein, Albert", "Einstein, A."]
    assert profile["email"] == "you@example.com"
    links = {link["label"]: link["url"] for link in profile["links"]}
    assert links["Google Scholar"] == "https://scholar.google.com/citations?user=qc6CJjYAAAAJ"
    assert links["Inspire HEP"] == "https://inspirehep.net/authors/1010907"
    assert links["Custom Social"] == "https://www.alberteinstein.com/"
    assert profile["summary"].startswith("Write your biography here.")
    assert "subreddit" in profile["summary"] and "https://www.reddit.com" not in profile["summary"]
    assert profile["headline"] == "Affiliations. Address. Contacts. Motto. Etc."
    # cv.yml's other name and e-mail: reported, not silently dropped
    assert any("Albert Einstein" in line and "You R. Name" in line for line in result.unmapped)
    # the older site: the same socials at the top of _config.yml
    old = imported("al-folio-old-socials").documents["profile"]
    assert old["email"] == "you@example.com"
    assert {link["url"] for link in old["links"]} == {
        "https://inspirehep.net/authors/1010907",
        "https://scholar.google.com/citations?user=qc6CJjYAAAAJ"}


def test_al_folio_papers_bib_is_the_site_bib_as_it_is() -> None:
    """papers.bib is kept byte for byte; a CV publication it lacks is added after it, one
    it has (the same title) is kept once and said so."""
    papers = (MIGRATE / "al-folio" / "_bibliography" / "papers.bib").read_text("utf-8")
    result = imported("al-folio")
    assert result.bib.startswith(papers.strip())
    added = read_bib_text(result.bib[len(papers.strip()):]).data.entries
    assert sorted(clean_latex(entry.fields["title"]) for entry in added.values()) == [
        "Die Grundlage der allgemeinen Relativitätstheorie",
        "Zur Elektrodynamik bewegter Körper"]
    assert any("einstein1905photoelectriceffect" in line and "kept once" in line
               for line in result.unmapped)
    # the files al-folio serves beside the .bib are named, with where they go
    assert any("assets/pdf/example_pdf.pdf" in line for line in result.unmapped)


def test_the_cv_source_is_the_one_al_folio_shows(tmp_path: Path) -> None:
    """cv_format of the CV page picks the file; the other is named, not imported."""
    current = imported("al-folio")
    assert any(line.startswith("assets/json/resume.json: not imported") and "cv_format" in line
               for line in current.unmapped)
    assert "Professor of Theoretical Physics" in current.data["experience"]
    # the older cv.yml (a list of typed sections) is read as such
    old = imported("al-folio-old-cv")
    assert old.documents["profile"]["name"] == "Albert Einstein"
    assert [entry["start"] for entry in old.documents["experience"]][:3] == [1933, 1933, 1917]
    assert old.documents["experience"][0]["end"] == 1955
    assert old.documents["projects"][0] == {
        "id": "al-folio", "title": "al-folio", "start": 2015, "end": "present",
        "notes": ["A beautiful, simple, clean, and responsive Jekyll theme for academics."]}
    # cv_format: jsonresume -> the JSON Resume, imported as `import jsonresume` does
    site = tmp_path / "site"
    shutil.copytree(MIGRATE / "al-folio", site)
    page = site / "_pages" / "cv.md"
    page.write_text(page.read_text("utf-8").replace("cv_format: rendercv",
                                                    "cv_format: jsonresume"), "utf-8")
    result = import_alfolio(site)
    assert any(line.startswith("_data/cv.yml: not imported") for line in result.unmapped)
    assert any(line.startswith("assets/json/resume.json: ") for line in result.unmapped)
    assert "Kaiser Wilhelm Institute for Physics" in result.data["experience"]


def test_hugo_blox_publications_from_cite_bib_and_from_the_page() -> None:
    """cite.bib is the entry, with what the page adds; without one, the entry is written
    from the page, the owner's slug as the owner's name."""
    result = imported("hugo-blox")
    entries = read_bib_text(result.bib).data.entries
    conference = entries["example1"]
    assert conference.fields["booktitle"] == "Source Themes Conference"  # cite.bib's own
    assert conference.fields["doi"] == "10.5555/123456"  # the page's hugoblox.ids.doi
    assert conference.fields["code"] == "https://github.com/HugoBlox/kit"
    assert conference.fields["keywords"] == "Large Language Models, selected"  # featured
    assert conference.fields["author+an"] == "1=equal; 2=equal"
    assert conference.fields["abbr"] == "ICW"
    preprint = next(entry for entry in entries.values()
                    if entry.fields["title"] == "An example preprint / working paper")
    assert [str(person) for person in preprint.persons["author"]] == ["Johnson, Alex"]
    assert preprint.fields["eprint"] == "1512.04133v1"
    assert (preprint.fields["year"], preprint.fields["month"]) == ("2019", "April")
    # Wowchemy's numeric publication types, and its author "admin"
    old = read_bib_text(imported("hugo-blox-wowchemy").bib).data.entries
    assert [str(p) for p in old["wu2019example"].persons["author"]] == ["Wu, Alice"]


def test_hugo_blox_profiles_of_three_generations() -> None:
    current = imported("hugo-blox").documents
    assert current["profile"]["name"] == "Dr. Alex Johnson"
    assert current["profile"]["email"] == "alex.johnson@example.com"  # its mailto: link
    assert current["profile"]["aliases"] == ["Johnson, Alex"]
    assert current["talks"][0]["start"] == "2030-06-01"  # event_start, not the page's date
    assert {"Technical Skills", "Languages"} <= {s["category"] for s in current["skills"]}
    v2025 = imported("hugo-blox-2025").documents
    assert v2025["profile"]["name"] == "吳健雄"
    assert v2025["profile"]["aliases"] == ["Chien, Shiung Wu"]
    assert v2025["profile"]["summary"].startswith("Chien Shiung Wu is a professor")
    assert v2025["talks"][0]["url"] == "https://slideshare.net"  # url_slides first
    wowchemy = imported("hugo-blox-wowchemy").documents
    assert wowchemy["profile"]["email"] == "test@example.org"  # the home page's contact block
    assert [e["organization"] for e in wowchemy["experience"]] == ["GenCoin", "University X"]
    assert [c["issuer"] for c in wowchemy["certificates"]] == ["Coursera", "edX", "DataCamp"]
    assert [e["start"] for e in wowchemy["education"]] == [2012, 2009, 2008]


# --- every value: written, or named in the report --------------------------------------------

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*\n?", re.S | re.M)
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_MD_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)>?[^)]*\)")
_HREF = re.compile(r"""href\s*=\s*["']([^"']*)""")
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})(?:-\d{2})?(?:[T ].*)?$")


def norm(value: str) -> str:
    """Words only, folded: what survives Markdown, HTML and punctuation being dropped."""
    return "".join(fold_words(value))


def path_prefixes(path: str) -> list[str]:
    """"a.b[0].c" -> "a", "a.b", "a.b[0]", "a.b[0].c": a report line naming one of them
    names the value (a whole entry, a whole settings key)."""
    cuts = [match.start() for match in re.finditer(r"[.\[]", path) if match.start()]
    return [path[:cut] for cut in cuts] + [path]


def names_path(line: str, path: str) -> bool:
    return any(re.search(r"(?<![\w.\[\]/-])" + re.escape(prefix) + r"(?![\w.\[-])", line)
               for prefix in path_prefixes(path))


class Evidence:
    """What a result says: its written files (raw and folded) and its report lines."""

    def __init__(self, result: ImportResult) -> None:
        values = [str(value) for _, value in leaves(result.documents)]
        dates = [f"{entry.fields['year']}-{month_number(entry.fields.get('month', '')):02d}"
                 for entry in read_bib_text(result.bib).data.entries.values()
                 if "year" in entry.fields]  # a month of BibTeX's as our dates write it
        self.written = "\n".join([*values, result.bib, *dates])
        self.folded = norm(self.written)
        self.words = set(fold_words(self.written))
        self.lines = [*result.unmapped, *result.decisions]

    def about(self, file: str) -> list[str]:
        return [line for line in self.lines if file in line]

    def whole_file(self, file: str) -> bool:
        return any(line.startswith((f"{file}: not imported", f"{file}: not read"))
                   for line in self.lines)

    def has(self, file: str, path: str, value: Any) -> bool:
        """Whether ``value`` (at ``path`` of ``file``) is written or reported."""
        lines = self.about(file)
        if any(names_path(line, path) for line in lines) or self.whole_file(file):
            return True
        if isinstance(value, bool):
            return False  # a flag is accounted for only by its key
        if isinstance(value, date | datetime):
            value = value.isoformat()
        shown = str(value)
        targets = _MD_TARGET.findall(shown) + _HREF.findall(shown)
        if any(target and not any(target in line for line in lines) for target in targets):
            return False  # a link a text held: dropped unsaid
        words = norm(_MD_TARGET.sub("]", _TAG.sub(" ", shown)))
        needles = [words]
        dated = _DATE.match(shown)
        if dated:
            needles.append(dated[1] + dated[2])  # our dates are months
        for needle in needles:
            if needle in self.folded if len(needle) >= 4 else needle in self.words:
                return True  # (a short one as a word: "PhD" in "PhD in Physics")
            if needle and any(needle[:40] in norm(line) for line in lines):
                return True
        return False


def page_parts(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT.match(text)
    if match is None:
        return {}, text
    return yaml.safe_load(match[1]) or {}, text[match.end():]


def body_words(body: str) -> str:
    """A page's text as its words, without the headings and Markdown attribute lines the
    import leaves out (each heading reported), its HTML and its links' targets."""
    lines = [line for line in body.splitlines()
             if not re.match(r"^ {0,3}#{1,6}\s|^\s*\{[^{}]*\}\s*$", line)]
    return norm(_MD_TARGET.sub("]", _TAG.sub(" ", "\n".join(lines))))


def unaccounted(name: str) -> list[str]:
    """Every value of the sample site that is neither written nor named in the report."""
    result = imported(name)
    evidence = Evidence(result)
    root = MIGRATE / name
    missing = []
    out_entries = read_bib_text(result.bib).data.entries
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        file = path.relative_to(root).as_posix()
        content = path.read_text("utf-8")
        if path.suffix == ".bib":
            for key, entry in read_bib_text(content, path).data.entries.items():
                written = out_entries.get(key)
                same = written is not None and all(
                    written.fields.get(field) == value for field, value in entry.fields.items()
                ) and {role: [str(p) for p in people] for role, people in entry.persons.items()
                       } == {role: [str(p) for p in people]
                             for role, people in written.persons.items()}
                if not same and not any(key in line for line in evidence.about(file)):
                    missing.append(f"{file}: entry {key}")
            continue
        if path.suffix in {".yml", ".yaml"}:
            document, body = yaml.safe_load(content), ""
        elif path.suffix == ".json":
            document, body = json.loads(content), ""
        elif path.suffix == ".md":
            document, body = page_parts(content)
        else:
            continue
        for where, value in leaves(document):
            if where.rsplit(".", 1)[-1] == "featured" and file.startswith("content/publication"):
                # featured: our keywords "selected", or nothing to say
                if value is True and "selected" not in evidence.written:
                    missing.append(f"{file}: {where}")
                continue
            if not evidence.has(file, where, value):
                missing.append(f"{file}: {where} = {value!r}")
        words = body_words(body)
        if words and words not in evidence.folded and not any(
                re.search(r"\btext\b", line) for line in evidence.about(f"{file}: ")):
            missing.append(f"{file}: the page's text")
    return missing


@pytest.mark.parametrize("name", quick_first(SITES, quick=2))
def test_every_value_is_written_or_reported(name: str) -> None:
    """Leaf by leaf, every file of the sample site: a value is in the written files (its
    words, or its month for a date) or a report line names it with its file (its path, a
    path above it, or its value); a link in a text, lost, is reported; a page's text is
    written or reported; each BibTeX entry is written with all its fields, or reported."""
    assert unaccounted(name) == []


def test_the_leaf_check_finds_a_value_dropped_unsaid() -> None:
    """The check above is not vacuous: a report missing one line misses its value."""
    result = imported("al-folio")
    line = next(line for line in result.unmapped if "cv.address" in line)
    trimmed = ImportResult(result.data, result.bib, [x for x in result.unmapped if x != line],
                           result.documents, result.bib_entries, decisions=result.decisions)
    evidence = Evidence(trimmed)
    assert not evidence.has("_data/cv.yml", "cv.address.street", "2712 Broadway St")
    assert Evidence(result).has("_data/cv.yml", "cv.address.street", "2712 Broadway St")


# --- the checkout is read safely --------------------------------------------------------------


@pytest.mark.slow  # an import of its own
def test_a_symlink_out_of_the_site_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\nsubtitle: secret\n---\nthe secret text\n", "utf-8")
    site = tmp_path / "site"
    shutil.copytree(MIGRATE / "al-folio", site)
    (site / "_pages" / "about.md").unlink()
    (site / "_pages" / "about.md").symlink_to(secret)
    (site / "_data" / "socials.yml").unlink()
    (site / "_data" / "socials.yml").symlink_to("/dev/zero")
    result = import_alfolio(site)
    assert "secret" not in "".join(result.data.values())
    assert "_pages/about.md: not read: a symbolic link out of the site" in result.unmapped
    assert "_data/socials.yml: not read: a symbolic link out of the site" in result.unmapped


def test_files_past_the_bounds_are_not_read(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(MIGRATE / "al-folio-old-socials", site)
    (site / "_pages").mkdir()
    (site / "_pages" / "about.md").write_bytes(b"---\n---\n" + b"a" * (3 * 1024 * 1024))
    result = import_alfolio(site)
    assert any(line.startswith("_pages/about.md: not read: larger than")
               for line in result.unmapped)
    assert "summary" not in result.documents["profile"]


def test_a_folder_that_is_no_such_site_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InterchangeError, match="no al-folio site"):
        import_alfolio(tmp_path)
    with pytest.raises(InterchangeError, match="no Hugo Blox site"):
        import_hugoblox(tmp_path)
    with pytest.raises(InterchangeError, match="not a folder"):
        import_alfolio(tmp_path / "missing")
    assert MAX_SITE_BYTES >= 16 * 1024 * 1024


def test_each_importer_declares_its_mapping() -> None:
    for module in (_alfolio, _hugoblox, _jsonresume, _rendercv):
        mapping = module.MAPPING
        assert mapping and all(isinstance(source, str) and isinstance(target, str)
                               for source, target in mapping)


# --- each imported site builds ----------------------------------------------------------------

#: What each sample's site must show, in the HTML and in the PDF: the owner's name, a
#: publication's title, a position and a talk (None where the sample has none).
SHOWN: dict[str, tuple[str, str | None, str | None, str | None]] = {
    "al-folio": ("You R. Name", "The meaning of relativity", "Scientist", None),
    "al-folio-old-cv": ("Albert Einstein", None, "Professor of Theoretical Physics", None),
    "al-folio-old-socials": ("You R. Name", None, None, None),
    "hugo-blox": ("Dr. Alex Johnson", "An example conference paper",
                  "Senior AI Research Scientist",
                  "Create Beautiful Presentations with Markdown"),
    "hugo-blox-2025": ("吳健雄", "An example journal article", "Chief Scientist",
                       "Example Talk"),
    "hugo-blox-wowchemy": ("Alice Wu 吳恩達", "An example preprint / working paper",
                           "Professor of Artificial Intelligence", "Example Talk"),
}


@pytest.mark.parametrize("name", quick_first(SITES))
def test_each_imported_site_builds(name: str, tmp_path: Path) -> None:
    """The import written into a new site (its data files and its .bib replacing the
    starter's, which is written under another name: what shows the imported owner is the
    import) builds. al-folio's only warnings are the files it keeps beside its .bib, each
    named in the report; a name in Chinese characters takes the CJK font the starter's
    conf.py names, as its comment says."""
    result = imported(name)
    write_site(tmp_path / "site", name="Placeholder Person")
    docs = tmp_path / "site" / "docs"
    write_data(result, docs / "_data")
    (docs / "refs.bib").write_text(result.bib, encoding="utf-8")
    owner, paper, position, talk = SHOWN[name]
    overrides = cjk_font_settings(owner)
    app = build_and_clean_up(SphinxTestApp("html", srcdir=docs, builddir=tmp_path / "build",
                                           confoverrides=overrides))
    warnings = warnings_of(app).splitlines()
    for line in warnings:  # located, for a file the import named and left out
        assert line.startswith("docs/refs.bib:") and line.endswith("[portfolio.bib-local-file]")
        missing = re.search(r"put it at docs/(\S+)\)", line)
        assert missing and any(missing[1] in report for report in result.unmapped), line
    assert len(warnings) == (4 if name == "al-folio" else 0), warnings
    html = squash(" ".join(path.read_text("utf-8") for path in Path(app.outdir).glob("*.html")))
    pdf = pdfs(app)[0]
    reader = PdfReader(pdf)
    assert reader.metadata is not None and reader.metadata.author == owner
    printed = squash(pdf_text(pdf))
    for shown in (owner, paper, position, talk):
        if shown is not None:
            assert squash(shown) in html, shown
            if shown != owner:  # the PDF names its owner in its metadata (and file name)
                assert squash(shown) in printed, shown


# --- the guide's tables ------------------------------------------------------------------------


def test_the_guide_shows_each_importers_mapping(tmp_path: Path) -> None:
    """reference.migration makes one table per importer from its MAPPING, row by row, in a
    page that builds without a warning."""
    from sphinx_portfolio.guide import migration

    (tmp_path / "conf.py").write_text(
        "from sphinx.util.docutils import SphinxDirective\n"
        "from sphinx_portfolio.guide import migration\n"
        "extensions = ['sphinx_portfolio.guide']\n"
        "bibtex_bibfiles = []\n"
        "portfolio_pdf = False\n"
        "nitpicky = True\n"
        "class Tables(SphinxDirective):\n"
        "    def run(self):\n"
        "        return migration.part(self)\n"
        "def setup(app):\n"
        "    app.add_directive('migration-tables', Tables)\n", "utf-8")
    (tmp_path / "index.md").write_text("# Moving in\n\n```{migration-tables}\n```\n", "utf-8")
    app = build_and_clean_up(SphinxTestApp("html", srcdir=tmp_path,
                                           builddir=tmp_path / "_build"))
    assert warnings_of(app) == ""
    page = (Path(app.outdir) / "index.html").read_text("utf-8")
    shown = [importer.command for importer, _, _ in migration.mappings()]
    assert shown == ["jsonresume", "rendercv", "al-folio", "hugo-blox"]
    text = squash(BeautifulSoup(page, "html.parser").get_text(" "))
    for module in (_jsonresume, _rendercv, _alfolio, _hugoblox):
        for source, target in module.MAPPING:
            assert squash(source.replace("`", "")) in text, source
            assert squash(target.replace("`", "")) in text, target
    assert 'id="portfolio-import-al-folio"' in page


# --- the command line ----------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "sample", "owner"), [
    ("al-folio", "al-folio", "You R. Name"), ("hugo-blox", "hugo-blox", "Dr. Alex Johnson")])
def test_the_command_imports_a_site_folder_into_a_new_site(
        fmt: str, sample: str, owner: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``sphinx-portfolio import al-folio DIR`` (and ``hugo-blox``): into a site ``new``
    made, with no --force, the owner's files in place of the starter's examples."""
    site = tmp_path / "site"
    assert main(["new", str(site), "--name", "Jane Doe"]) == 0
    docs = site / "docs"
    assert main(["import", fmt, str(MIGRATE / sample), "--site", str(docs)]) == 0
    out = capsys.readouterr().out
    assert "replaced the starter's examples in" in out and "not mapped" in out
    profile, problems = load_profile(docs / "_data" / "profile.yaml")
    assert problems == [] and profile is not None and profile.name == owner
    assert "Faster Training with Fewer Steps" not in (docs / "refs.bib").read_text("utf-8")


def test_the_command_refuses_a_file_where_a_folder_is_wanted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert main(["new", str(site)]) == 0
    capsys.readouterr()
    source = tmp_path / "cv.yml"
    source.write_text("name: x\n", "utf-8")
    assert main(["import", "al-folio", str(source), "--site", str(site / "docs")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a folder" in err
