"""An import loses nothing unsaid, puts each section where it belongs and says what it
decided (issue 21), on the formats' public samples (tests/data/interchange/ and
tests/data/migrate/, see their READMEs):

* every leaf value of each sample is in the files written or named by the report;
* each position's kind (research or industry) is decided from its words and reported;
* RenderCV's sections go where their titles say (al-folio's awards are not papers, its
  certificates not projects), the owner's marked name becomes an alias;
* JSON Resume's academic sections have a place, its publications get their author and year;
* the export keeps what JSON Resume holds; the MAPPING tables are true to the code;
* an import into a site ``new`` made leaves none of the starter's examples in the site or
  its PDF, and the site builds without a warning.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import (
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
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import clean_latex, read_bib_text
from sphinx_portfolio.cli import main
from sphinx_portfolio.data import load_profile
from sphinx_portfolio.data.yaml_reader import plain, read_yaml
from sphinx_portfolio.interchange import (
    ImportResult,
    _jsonresume,
    _rendercv,
    export_jsonresume,
    import_resume,
    plural,
)
from sphinx_portfolio.interchange._markdown import plain_markdown
from sphinx_portfolio.starter import DOCS, starter_files

TESTS = Path(__file__).parent
INTERCHANGE = TESTS / "data" / "interchange"
MIGRATE = TESTS / "data" / "migrate"
JSON_SAMPLE = INTERCHANGE / "sample.resume.json"
ALFOLIO_RESUME = MIGRATE / "al-folio" / "assets" / "json" / "resume.json"
RENDERCV_SAMPLE = INTERCHANGE / "rendercv_sample_content.yaml"
RENDERCV_EXAMPLE = MIGRATE / "rendercv" / "John_Doe_ClassicTheme_CV.yaml"
ALFOLIO_CV = MIGRATE / "al-folio" / "_data" / "cv.yml"
SCHEMA = json.loads((INTERCHANGE / "jsonresume.schema.json").read_text(encoding="utf-8"))

MORE = "\N{HORIZONTAL ELLIPSIS}"  # a value cut short in the report
SAMPLES = [("jsonresume", JSON_SAMPLE), ("jsonresume", ALFOLIO_RESUME),
           ("rendercv", RENDERCV_SAMPLE), ("rendercv", RENDERCV_EXAMPLE),
           ("rendercv", ALFOLIO_CV)]


def _source(fmt: str, path: Path) -> Any:
    """The sample as the importer reads it."""
    if fmt == "jsonresume":
        return json.loads(path.read_text(encoding="utf-8"))
    return plain(read_yaml(path).document)


def _loaded(result: ImportResult, tmp_path: Path) -> dict[str, Any]:
    """The written files read back with our loaders (none may report a problem): stem ->
    the entries as plain data; "refs.bib" -> the entries' fields, people and dates."""
    loaded: dict[str, Any] = {}
    for stem, text in result.data.items():
        path = tmp_path / f"{stem}.yaml"
        path.write_text(text, encoding="utf-8")
        loaded[stem] = load_written(path, stem)
    checked = read_bib_text(result.bib)
    assert [p for p in checked.problems if p.subtype != "bib-missing-field"] == []
    loaded["refs.bib"] = [
        {"fields": {name: clean_latex(value) for name, value in entry.fields.items()},
         "people": [str(person) for person in entry.persons.get("author", [])],
         "people as written": [" ".join(person.first_names + person.middle_names
                                        + person.last_names)
                               for person in entry.persons.get("author", [])]}
        for entry in checked.data.entries.values()]
    return loaded


# --- 1. every leaf: written, or named by the report -----------------------------------------


def _leaves(value: Any) -> list[tuple[str, str]]:
    """(path, text) of each leaf, its path as the report writes it ("work[0].highlights[1]")."""
    return [(path, str(leaf).strip()) for path, leaf in leaves(value)]


def _normal(text: str) -> str:
    return " ".join(plain_markdown(text)[0].split())


def _written(loaded: dict[str, Any]) -> str:
    """Every text written, one per line, whitespace made single; and each paper's date as
    YYYY-MM (BibTeX writes the month apart)."""
    texts = [text for _, text in _leaves(loaded)]
    months = {"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
              "July": 7, "August": 8, "September": 9, "October": 10, "November": 11,
              "December": 12}
    for entry in loaded["refs.bib"]:
        fields = entry["fields"]
        if "year" in fields and fields.get("month") in months:
            texts.append(f"{fields['year']}-{months[fields['month']]:02d}")
    return "\n".join(" ".join(text.split()) for text in texts)


def _heads(result: ImportResult) -> set[str]:
    """The paths the report names at the head of its lines ("work[0].url (...): ...")."""
    heads = set()
    for line in [*result.unmapped, *result.decisions]:
        ends = [index for index in (line.find(" ("), line.find(": ")) if index > 0]
        heads.add(line[: min(ends)] if ends else line)
    return heads


@pytest.mark.parametrize(("fmt", "path"), SAMPLES, ids=lambda value: getattr(value, "name", value))
def test_every_leaf_of_a_sample_is_written_or_reported(fmt: str, path: Path,
                                                       tmp_path: Path) -> None:
    result = import_resume(fmt, path)  # type: ignore[arg-type]
    written = _written(_loaded(result, tmp_path))
    heads = _heads(result)
    lost = []
    for where, value in _leaves(_source(fmt, path)):
        text = _normal(value)
        day = re.fullmatch(r"(\d{4}-\d{2})-\d{2}", text)  # our dates are YYYY or YYYY-MM
        found = text in written or (day is not None and day[1] in written)
        named = any(where == head or where.startswith((f"{head}.", f"{head}["))
                    for head in heads)
        if not (found or named):
            lost.append(f"{where}: {value}")
    assert lost == []


# --- 2. a position's kind, decided from its words and reported ------------------------------


def test_each_positions_kind_is_read_from_its_words_and_reported(tmp_path: Path) -> None:
    result = import_resume("jsonresume", ALFOLIO_RESUME)
    loaded = _loaded(result, tmp_path)
    assert [job["kind"] for job in loaded["experience"]] == ["research"] * 5  # was industry
    assert [line for line in result.decisions if line.startswith("work[")] == [
        f'work[0] (Professor of Theoretical Physics, Institute for Advanced St{MORE}): kind '
        'research: the position says "Professor"',
        'work[1] (Visiting Professor, California Institute of Technology): kind research: '
        'the position says "Visiting Professor"',
        'work[2] (Director, Kaiser Wilhelm Institute for Physics): kind research: the '
        'organization says "Institute"',
        'work[3] (Professor of Theoretical Physics, Karl-Ferdinand University): kind '
        'research: the position says "Professor"',
        f'work[4] (Associate Professor of Theoretical Physics, University of Z{MORE}): kind '
        'research: the position says "Associate Professor"']

    result = import_resume("rendercv", RENDERCV_EXAMPLE)
    (tmp_path / "rendercv").mkdir()
    loaded = _loaded(result, tmp_path / "rendercv")
    kinds = {job["organization"]: job["kind"] for job in loaded["experience"]}
    assert kinds == {"Nexus AI": "industry", "NVIDIA Research": "research",
                     "Google DeepMind": "research", "Apple ML Research": "research",
                     "Microsoft Research": "research"}
    decided = [line for line in result.decisions if ".experience[" in line]
    assert len(decided) == len(loaded["experience"])  # one line for each position
    assert decided[0] == ("cv.sections.experience[0] (Co-Founder & CTO, Nexus AI): kind "
                          "industry: nothing in its position or organization says research "
                          'or academia, nor its section "experience"')


# --- 3. RenderCV: by the section's title; the owner's marked name --------------------------


def test_al_folio_cv_yml_sections_go_where_their_titles_say(tmp_path: Path) -> None:
    # Read as a RenderCV file, al-folio's cv.yml put the Nobel Prize among the papers (its
    # awards have a title, as papers do), the medal as a paper of 2029, the certificates
    # among the projects, and left out its skills, languages and interests "for no
    # start_date"
    result = import_resume("rendercv", ALFOLIO_CV)
    loaded = _loaded(result, tmp_path)
    assert [(a["title"], a["kind"], a["body"], a["start"]) for a in loaded["awards"]] == [
        ("Nobel Prize in Physics", "award", "Royal Swedish Academy of Sciences", "1921-11-01"),
        ("Max Planck Medal", "award", "German Physical Society", "2029")]  # as written
    assert [(c["title"], c["issuer"], c["start"]) for c in loaded["certificates"]] == [
        (title, "Stanford University", "2018-01-01")
        for title in ("Machine Learning", "Quantum Computing", "Quantum Information")]
    assert [p["title"] for p in loaded["projects"]] == ["Quantum Computing"]
    papers = loaded["refs.bib"]
    assert [p["fields"]["title"] for p in papers] == [
        "Zur Elektrodynamik bewegter Körper",
        "Über einen die Erzeugung und Verwandlung des Lichtes betreffenden heuristischen "
        "Gesichtspunkt", "Die Grundlage der allgemeinen Relativitätstheorie"]
    assert [(p["fields"]["year"], p["fields"]["publisher"]) for p in papers] == [
        ("1905", "Annalen der Physik"), ("1905", "Annalen der Physik"),
        ("1916", "Annalen der Physik")]  # releaseDate and publisher were lost
    assert {tuple(p["people"]) for p in papers} == {("Einstein, Albert",)}
    assert [(s["category"], s["items"]) for s in loaded["skills"]] == [
        ("Physics", ["Quantum Mechanics, Quantum Computing, Quantum Information, Quantum "
                     "Cryptography, Quantum Communication, Quantum Teleportation"]),
        ("Languages", ["German (Native speaker)", "English (Fluent)"])]
    assert loaded["profile"]["interests"] == ["Physics"]
    assert loaded["profile"]["summary"].startswith("A German-born theoretical physicist")
    assert loaded["profile"]["position"] == "Scientist"
    assert loaded["education"][0]["courses"] == ["Theory of Relativity"]
    assert loaded["education"][0]["degree"] == "PhD in Physics"  # studyType and area
    assert loaded["activities"][0]["kind"] == "service"  # Volunteer
    assert not any("no start_date" in line for line in result.unmapped)  # a wrong reason
    assert ("cv.sections.References[0] (Professor John Doe): not mapped: a reference is "
            "another person's words, which have no place in your site") in result.unmapped


SECTIONS = """\
cv:
  name: Ada Lovelace
  headline: Poet of mathematics
  sections:
    academic_positions:
      - {company: University of London, position: Lecturer, start_date: 2020-01}
    industry_experience:
      - {company: Engine Lab, position: Research Engineer, start_date: 2018-01,
         end_date: 2019-12}
    grants:
      - {name: Engines for all, company: Royal Society, date: 2021}
    honors:
      - {name: Fellow of the Royal Society, date: 2022}
      - "Best Poem Prize (2019)"
    service:
      - {name: "Program committee, MechComp", date: 2023}
    invited_talks:
      - {name: On engines, company: Royal Institution, date: 2023-05}
      - "Notes on notes — Analytical Society (2022)"
    patents:
      - {name: A card reader, date: 2022-03, summary: Filed at the GB office}
      - "A second card reader (GB 42)"
    certifications:
      - {name: Engine Operator, company: Analytical Society, date: 2021-06}
    education:
      - {institution: University of Cambridge, degree: PhD, area: Mathematics,
         start_date: 2015-09, end_date: 2019-06}
    coursework:
      - Analysis
      - {label: Physics, details: Mechanics}
    languages:
      - {label: English, details: native}
      - French (fluent)
    skills:
      - {label: Programming, details: Punched cards}
    references:
      - {name: Charles Babbage, summary: Ada is brilliant.}
    publications:
      - {title: On engines, authors: ["*Augusta Ada King*", Charles Babbage], date: 2023}
      - {title: More engines, authors: ["**A. Lovelace**"], date: 2024}
      - {title: Alone, date: 2024}
"""


def test_rendercv_academic_sections_have_somewhere_to_go(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(SECTIONS, encoding="utf-8")
    result = import_resume("rendercv", source)
    loaded = _loaded(result, tmp_path)
    profile = loaded["profile"]
    assert profile["headline"] == "Poet of mathematics"
    # the section's title says the kind before the position's words do
    assert [(e["role"], e["kind"]) for e in loaded["experience"]] == [
        ("Lecturer", "research"), ("Research Engineer", "industry")]
    assert [(a["title"], a["kind"], a["body"], a["start"]) for a in loaded["awards"]] == [
        ("Engines for all", "grant", "Royal Society", "2021"),
        ("Fellow of the Royal Society", "honor", None, "2022"),
        ("Best Poem Prize", "honor", None, "2019")]
    assert [(a["role"], a["kind"]) for a in loaded["activities"]] == [
        ("Program committee, MechComp", "service")]
    assert [(t["title"], t["event"], t["kind"], t["start"]) for t in loaded["talks"]] == [
        ("On engines", "Royal Institution", "invited", "2023-05"),
        ("Notes on notes", "Analytical Society", "invited", "2022")]
    assert [(p["title"], p["start"], p["notes"]) for p in loaded["patents"]] == [
        ("A card reader", "2022-03", ["Filed at the GB office"])]
    assert ('cv.sections.patents[1] (A second card reader (GB 42)): not mapped: read as a '
            'patent, the text needs a title and a year, as "Title (2024)"; add it to '
            "patents.yaml by hand") in result.unmapped
    assert [(c["title"], c["issuer"]) for c in loaded["certificates"]] == [
        ("Engine Operator", "Analytical Society")]
    assert loaded["education"][0]["courses"] == ["Analysis", "Physics (Mechanics)"]
    assert ("cv.sections.coursework (Analysis, Physics (Mechanics)): 2 courses given to the "
            "first education entry (university-of-cambridge: PhD in Mathematics); move them if "
            "they belong to another") in result.decisions
    assert [(s["category"], s["items"]) for s in loaded["skills"]] == [
        ("Programming", ["Punched cards"]), ("Languages", ["English (native)", "French (fluent)"])]
    assert any(line.startswith("cv.sections.references[0] (Charles Babbage): not mapped: a "
                               "reference is another person's words") for line in result.unmapped)

    # the name marked as yours: an alias, unless your name matches it already
    assert profile["aliases"] == ["Augusta Ada King"]
    assert ('cv.sections.publications[0].authors[0] (*Augusta Ada King*): marked as yours, '
            'and "Ada Lovelace" does not match it: added to the profile\'s aliases'
            ) in result.decisions
    papers = loaded["refs.bib"]
    assert [p["people as written"] for p in papers] == [
        ["Augusta Ada King", "Charles Babbage"], ["A. Lovelace"], ["Ada Lovelace"]]
    assert any(line.startswith("1 publication without authors (cv.sections.publications[2])")
               for line in result.decisions)


def test_an_entry_with_no_organization_in_an_experience_section_is_kept(
        tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("cv:\n  name: Ada\n  sections:\n    research_experience:\n"
                      "      - {name: Engines, start_date: 2020-01}\n    awards:\n"
                      "      - {label: Best Paper, details: MechComp, date: 2021}\n",
                      encoding="utf-8")
    result = import_resume("rendercv", source)
    loaded = _loaded(result, tmp_path)
    assert [p["title"] for p in loaded["projects"]] == ["Engines"]  # not lost
    assert result.decisions == ["cv.sections.research_experience[0] (Engines): a project: "
                                "it names no company, which an experience entry needs"]
    assert [(a["title"], a["detail"]) for a in loaded["awards"]] == [("Best Paper", "MechComp")]
    assert result.unmapped == []


# --- 4. JSON Resume: every academic section has a place --------------------------------------


def test_json_resume_academic_sections_have_somewhere_to_go(tmp_path: Path) -> None:
    resume = json.loads(ALFOLIO_RESUME.read_text(encoding="utf-8"))
    result = import_resume("jsonresume", ALFOLIO_RESUME)
    loaded = _loaded(result, tmp_path)
    profile = loaded["profile"]
    assert (profile["position"], profile["summary"]) == ("Scientist", resume["basics"]["summary"])
    assert profile["interests"] == ["Physics"]
    assert [(a["title"], a["body"], a["detail"]) for a in loaded["awards"]] == [
        (a["title"], a["awarder"], a["summary"] or None) for a in resume["awards"]]
    assert [(c["title"], c["issuer"], c["start"]) for c in loaded["certificates"]] == [
        (c["name"], c["issuer"], c["date"]) for c in resume["certificates"]]
    assert [(a["role"], a["kind"], a["location"]) for a in loaded["activities"]] == [
        ("Lead Organizer", "service", "Zurich, Switzerland")]
    assert loaded["education"][0]["courses"] == ["Theory of Relativity"]
    assert loaded["skills"][-1] == {"id": "languages", "category": "Languages",
                                    "items": ["German (Native speaker)", "English (Fluent)"],
                                    "note": None}
    assert [p["title"] for p in loaded["projects"]] == ["Quantum Computing"]
    assert loaded["projects"][0]["description"] == resume["projects"][0]["summary"]
    assert loaded["projects"][0]["notes"] == resume["projects"][0]["highlights"]
    papers = loaded["refs.bib"]  # the owner's, with the year and month of releaseDate
    assert [(p["people"], p["fields"]["year"], p["fields"]["month"]) for p in papers] == [
        (["Einstein, Albert"], "1905", "June"), (["Einstein, Albert"], "1905", "March"),
        (["Einstein, Albert"], "1916", "March")]
    assert [line for line in result.unmapped if line.startswith("references")] == [
        f"references[{index}] ({name}): not mapped: a reference is another person's words, "
        "which have no place in your site"
        for index, name in enumerate(["Professor John Doe", "Professor Jane Smith"])]

    tagline = tmp_path / "tagline.json"
    tagline.write_text(json.dumps({"basics": {"name": "Ada", "label": "Poet | Programmer"}}),
                       encoding="utf-8")
    result = import_resume("jsonresume", tagline)
    assert "headline: Poet | Programmer" in result.data["profile"]
    assert result.decisions == ["basics.label (Poet | Programmer): the profile's headline: "
                                "it reads as a tagline (several phrases or more than five "
                                "words)"]


# --- 5. export: what JSON Resume holds ---------------------------------------------------------


def test_the_export_keeps_what_json_resume_holds(tmp_path: Path) -> None:
    resume = json.loads(ALFOLIO_RESUME.read_text(encoding="utf-8"))
    result = import_resume("jsonresume", ALFOLIO_RESUME)
    site = tmp_path / "_data"
    site.mkdir()
    for stem, text in result.data.items():
        (site / f"{stem}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(result.bib, encoding="utf-8")
    exported = export_jsonresume(site, [tmp_path / "refs.bib"])

    assert exported["basics"]["summary"] == resume["basics"]["summary"]
    assert exported["basics"]["label"] == "Scientist"
    first = exported["work"][0]  # its summary stays the summary, not a first highlight
    assert (first["summary"], first["highlights"], first["location"]) == (
        resume["work"][0]["summary"], resume["work"][0]["highlights"],
        resume["work"][0]["location"])
    helped = exported["volunteer"][0]  # its summary too, and its highlights in their order
    assert (helped["summary"], helped["highlights"]) == (
        resume["volunteer"][0]["summary"], resume["volunteer"][0]["highlights"])
    assert exported["education"][0]["courses"] == ["Theory of Relativity"]
    assert (exported["education"][0]["studyType"], exported["education"][0]["area"]) == (
        "PhD", "Physics")
    assert exported["languages"] == [{"language": "German", "fluency": "Native speaker"},
                                     {"language": "English", "fluency": "Fluent"}]
    assert [c["name"] for c in exported["certificates"]] == [
        c["name"] for c in resume["certificates"]]
    assert [p["url"] for p in exported["publications"]] == [
        p["url"] for p in resume["publications"]]
    # the day of a date is kept, and exported again
    assert exported["work"][0]["startDate"] == "1933-01-01"
    assert exported["publications"][0]["releaseDate"] == resume["publications"][0][
        "releaseDate"]
    assert not any(line.startswith("the day of ") for line in result.unmapped)
    # the phone and the location are the profile's, and exported again
    assert exported["basics"]["phone"] == resume["basics"]["phone"] == "(912) 123-4567"
    assert exported["basics"]["location"] == resume["basics"]["location"]
    assert not any(line.startswith("basics.") for line in result.unmapped)


# --- 6. messages ---------------------------------------------------------------------------


def test_counts_have_the_right_number(tmp_path: Path) -> None:
    assert [plural(1, "entry"), plural(2, "entry"), plural(0, "file"), plural(1, "date"),
            plural(3, "day")] == ["1 entry", "2 entries", "0 files", "1 date", "3 days"]
    source = tmp_path / "r.json"
    source.write_text(json.dumps({"work": [{"name": "Acme", "position": "Engineer",
                                            "startDate": "2020-01-02"}]}), encoding="utf-8")
    result = import_resume("jsonresume", source)
    assert result.unmapped == []  # the day is kept: nothing to report
    assert 'start: "2020-01-02"' in result.data["experience"]


# --- 7. the MAPPING tables are the code's -------------------------------------------------------


def test_the_json_resume_mapping_names_every_section_and_each_is_handled(
        tmp_path: Path) -> None:
    rows = _jsonresume.MAPPING
    named = {re.split(r"[.\[, ]", part.strip())[0] for source, _ in rows
             for part in source.split(",") if not part.strip().startswith(("email", "url",
                                                                           "location", "image"))}
    basics = {field.strip() for source, _ in rows if source.startswith("basics.")
              for field in source.removeprefix("basics.").replace("[]", "").split(",")}
    assert named == set(SCHEMA["properties"])  # every section of the schema, $schema too
    assert basics == set(SCHEMA["properties"]["basics"]["properties"])
    # each section said to go somewhere does, on the sample that has them all
    result = import_resume("jsonresume", ALFOLIO_RESUME)
    sample = json.loads(ALFOLIO_RESUME.read_text(encoding="utf-8"))
    for source, target in rows:
        section = re.split(r"[.\[, ]", source)[0]
        whole_entries = [line for line in result.unmapped
                         if re.match(rf"{re.escape(section)}(\[\d+\])? \(", line)]
        if target.startswith("not mapped"):
            assert section in {"basics", "meta", "references"}
            if section == "references":
                assert len(whole_entries) == len(sample["references"])
        else:
            assert whole_entries == [], section


#: What the start of a MAPPING target names -> the destinations of _rendercv._route.
_TARGETS = {"education.yaml: the courses": {"courses"}, "education.yaml": {"education"},
            "experience.yaml": {"experience"}, "activities.yaml": {"activities"},
            "awards.yaml": {"awards"}, "talks.yaml": {"talks"}, "patents.yaml": {"patents"},
            "certificates.yaml": {"certificates"}, "skills.yaml: one entry": {"languages"},
            "skills.yaml": {"skills"}, "profile.yaml: interests": {"interests"},
            "the .bib file": {"publications"}, "projects.yaml": {"projects"},
            "not mapped": {"references"}}


def test_the_rendercv_mapping_is_how_sections_are_routed() -> None:
    rows = [(source, target) for source, target in _rendercv.MAPPING
            if source.startswith("sections: ") and "other" not in source]
    assert len(rows) == 14
    for source, target in rows:
        expected = next(value for start, value in _TARGETS.items() if target.startswith(start))
        for title in source.removeprefix("sections: ").split(", "):
            for kind in ("NormalEntry", "ExperienceEntry"):
                destination, _ = _rendercv._route(kind, title)
                if title == "research" and kind == "ExperienceEntry":
                    assert destination == "experience"  # research experience, not projects
                else:
                    assert destination in expected, (title, kind, destination)
    # a title that names none of our kinds: by the entry's type, and said so
    assert _rendercv._route("NormalEntry", "Miscellany") == ("projects", "")
    assert _rendercv._route("OneLineEntry", "Miscellany") == ("skills", "")
    header = {key.strip() for source, _ in _rendercv.MAPPING if source.startswith("cv.")
              for key in re.sub(r"\(.*\)|\[\]", "", source).replace("cv.", "").split(",")}
    assert header >= set(_rendercv._HEADER) | set(_rendercv._HEADER_LOST) - {"image"}


# --- 8. one command: a site new made, a CV imported, a strict build --------------------------


def test_a_rendercv_cv_imported_into_a_new_site_builds_strictly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert main(["new", str(site)]) == 0
    assert main(["import", "rendercv", str(RENDERCV_EXAMPLE), "--site", str(site / "docs")]) == 0
    out = capsys.readouterr().out
    assert "replaced the starter's examples in" in out and "named the site John Doe" in out
    status = build_main(["-b", "html", "-W", "-q", "-E", str(site / "docs"),
                         str(tmp_path / "html")])
    assert status == 0, capsys.readouterr().err
    home = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "John Doe" in home and "Jane Doe" not in home
    talks = (tmp_path / "html" / "talks.html").read_text(encoding="utf-8")
    assert "Stanford HAI Symposium" in talks and "Example Workshop" not in talks

    # the export says what JSON Resume has no section for, on standard error
    exported = tmp_path / "resume.json"
    assert main(["export", "jsonresume", "--site", str(site / "docs"), "-o", str(exported)]) == 0
    error = capsys.readouterr().err
    assert f"{site / 'docs' / '_data' / 'talks.yaml'} (4 entries): not exported: JSON " \
           "Resume has no section for talks" in error
    assert "Stanford HAI Symposium" not in exported.read_text(encoding="utf-8")


# --- 9. no example of the starter's survives an import into a site new made ----------------

#: The fields of the starter's example entries that name them.
_NAMING = ("title", "role", "institution", "organization", "body", "event")


def _starter_examples() -> set[str]:
    """What names each of the starter's examples, from the template as ``new`` writes it:
    its entries' naming fields, its papers' titles and venues, its introduction's words."""
    written = starter_files("Jane Doe")
    found = {"A short introduction"}
    for path, data in written.items():
        if path.parent == DOCS / "_data" and path.stem != "profile":
            found |= {str(entry[key]) for entry in yaml.safe_load(data)
                      for key in _NAMING if key in entry}
    papers = read_bib_text(written[DOCS / "refs.bib"].decode("utf-8")).data.entries
    found |= {clean_latex(entry.fields[key]) for entry in papers.values()
              for key in ("title", "booktitle", "journal") if key in entry.fields}
    return found


def _source_text(source: Path) -> str:
    """Every text of the import's source, squashed and casefolded (an example's words that
    it holds itself may show: they are the import's)."""
    paths = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
    return squash(" ".join(path.read_text("utf-8", errors="replace")
                           for path in paths)).casefold()


@pytest.mark.parametrize(("fmt", "source"), quick_first([
    ("jsonresume", JSON_SAMPLE), ("rendercv", RENDERCV_SAMPLE), ("rendercv", RENDERCV_EXAMPLE),
    ("al-folio", MIGRATE / "al-folio"), ("hugo-blox", MIGRATE / "hugo-blox")]),
    ids=lambda value: getattr(value, "name", value))
def test_an_import_into_a_new_site_leaves_none_of_the_starters_examples(
        fmt: str, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """new, then import, then a build: no warning (al-folio's four are the files it keeps
    beside its .bib, named by the import), no page left out of the toctree or listed and
    gone, and none of the starter's examples in a page or in the PDF, whatever the import
    had nothing for (talks, service, projects...)."""
    site = tmp_path / "site"
    docs = site / "docs"
    assert main(["new", str(site), "--name", "Jane Doe"]) == 0
    assert main(["import", fmt, str(source), "--site", str(docs)]) == 0
    out = capsys.readouterr().out
    assert "still the starter's examples" not in out
    owner = load_profile(docs / "_data" / "profile.yaml")[0]
    assert owner is not None
    overrides = cjk_font_settings(owner.name)
    app = build_and_clean_up(SphinxTestApp("html", srcdir=docs, builddir=tmp_path / "build",
                                           confoverrides=overrides))
    warnings = warnings_of(app).splitlines()
    for line in warnings:
        assert fmt == "al-folio" and line.endswith("[portfolio.bib-local-file]"), line
    assert len(warnings) == (4 if fmt == "al-folio" else 0), warnings
    pages = sorted(Path(app.outdir).rglob("*.html"))
    assert {"index.html", "publications.html", "cv.html"} <= {page.name for page in pages}
    shown = {page.name: squash(html.unescape(page.read_text("utf-8"))).casefold()
             for page in pages}
    (pdf,) = pdfs(app)
    shown[pdf.name] = squash(pdf_text(pdf)).casefold()
    theirs = _source_text(source)
    examples = {example for example in _starter_examples()
                if squash(example).casefold() not in theirs}
    assert {"Example Fellowship", "Example University", "Example Workshop on Learning",
            "Faster Training with Fewer Steps", "A short introduction"} <= examples
    left = sorted((name, example) for name, text in shown.items() for example in examples
                  if squash(example).casefold() in text)
    assert left == []


# --- 8. import -> export -> import --------------------------------------------------------------

#: What JSON Resume's schema defines and our data has no place for: each is reported by the
#: import (and so is every al-folio ``icon``, a key of al-folio's own).
_REPORTED = (
    re.compile(r"^(\$schema|meta\..*|references\[\d+\]\..*)$"),  # about the file; others' words
    re.compile(r"^basics\.image$"),  # a URL; our photo is a file of the site
    re.compile(r"^basics\.profiles\[\d+\]\.username$"),  # kept only inside the link's URL
    re.compile(r"^work\[\d+\]\.description$"),  # what the organization is, not your work
    re.compile(r"^interests\[\d+\]\.keywords\[\d+\]$"),  # our interests are names
    re.compile(r"^projects\[\d+\]\.(roles\[\d+\]|type)$"),
)


def _schema_leaves(value: Any, schema: dict[str, Any], path: str = "") -> list[tuple[str, Any]]:
    """(path, value) of every non-empty leaf of ``value`` that the JSON Resume ``schema``
    defines: keys the schema does not name (al-folio's ``icon``, its projects' ``summary``)
    are left out."""
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return [leaf for key, item in value.items() if key in properties
                for leaf in _schema_leaves(item, properties[key], f"{path}.{key}".lstrip("."))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value)
                for leaf in _schema_leaves(item, schema.get("items", {}), f"{path}[{index}]")]
    return [] if value in ("", None) else [(path, value)]


def _at(document: Any, path: str) -> Any:
    for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        try:
            document = document[int(index)] if index else document[key]
        except (KeyError, IndexError, TypeError):
            return "(missing)"
    return document


@pytest.mark.slow  # two imports and an export for each sample
@pytest.mark.parametrize("source", [JSON_SAMPLE, ALFOLIO_RESUME], ids=["sample", "al-folio"])
def test_import_export_import_keeps_every_value_json_resume_defines(
        source: Path, tmp_path: Path) -> None:
    """Imported into a new site and exported, every value JSON Resume's schema defines is in
    the export at its path (dates YYYY-MM-DD as written), but those :data:`_REPORTED`; the
    export imported again gives the same data files."""
    resume = json.loads(source.read_text(encoding="utf-8"))
    site, again = tmp_path / "site", tmp_path / "again"
    exported = tmp_path / "out.json"
    for folder in (site, again):
        assert main(["new", str(folder), "--name", "Jane Doe"]) == 0
    assert main(["import", "jsonresume", str(source), "--site", str(site / "docs")]) == 0
    assert main(["export", "jsonresume", "--site", str(site / "docs"), "-o", str(exported)]) == 0
    out = json.loads(exported.read_text(encoding="utf-8"))

    leaves = _schema_leaves(resume, SCHEMA)
    kept = [path for path, _ in leaves if not any(p.match(path) for p in _REPORTED)]
    assert len(kept) > 0.8 * len(leaves)  # the exceptions are few
    assert [(path, value, _at(out, path)) for path, value in leaves if path in kept
            and _at(out, path) != value] == []

    assert main(["import", "jsonresume", str(exported), "--site", str(again / "docs")]) == 0
    first, second = site / "docs" / "_data", again / "docs" / "_data"
    assert sorted(p.name for p in first.glob("*.yaml")) == sorted(
        p.name for p in second.glob("*.yaml"))
    for path in first.glob("*.yaml"):
        if path.stem == "skills":  # JSON Resume's languages come after its skills
            assert sorted(yaml.safe_load(path.read_text("utf-8")), key=str) == sorted(
                yaml.safe_load((second / path.name).read_text("utf-8")), key=str)
        else:
            assert path.read_text("utf-8") == (second / path.name).read_text("utf-8"), path.stem
    assert (site / "docs" / "refs.bib").read_text("utf-8") == (
        again / "docs" / "refs.bib").read_text("utf-8")
