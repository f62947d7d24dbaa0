"""Import from JSON Resume and RenderCV, export to JSON Resume (sphinx_portfolio.interchange).

Checked against the formats' own published schema and samples (tests/data/interchange/,
see its README): our export validates against the official JSON Resume schema, a round trip
through JSON Resume keeps every field the format can hold, the samples of both formats
import into data our loaders accept without a single problem, and whatever could not be
mapped is reported, never dropped unsaid.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import PORTFOLIO, leaves, load_written
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator
from sphinx.cmd.build import build_main
from sphinx_portfolio.bib import clean_latex, entry_links, read_bib_files, read_bib_text
from sphinx_portfolio.bib.biblatex import month_number
from sphinx_portfolio.cli import main, site_files
from sphinx_portfolio.data import KINDS, load_list, load_profile
from sphinx_portfolio.interchange import (
    MAX_SOURCE_BYTES,
    ImportResult,
    InterchangeError,
    export_jsonresume,
    import_resume,
)
from sphinx_portfolio.interchange._converters import Unique
from sphinx_portfolio.interchange._decisions import award_kind, experience_kind
from sphinx_portfolio.interchange._jsonresume import NOT_EXPORTED, export_left_out

DATA = Path(__file__).parent / "data" / "interchange"
OURS = DATA / "ours"
SCHEMA = json.loads((DATA / "jsonresume.schema.json").read_text(encoding="utf-8"))
JSON_SAMPLE = DATA / "sample.resume.json"
RENDERCV_SAMPLE = DATA / "rendercv_sample_content.yaml"
MIGRATE = Path(__file__).parent / "data" / "migrate"
ALFOLIO_RESUME = MIGRATE / "al-folio" / "assets" / "json" / "resume.json"


def _validate(resume: dict[str, Any]) -> None:
    """Against the official schema, formats (email, dates) included; every link is http(s)."""
    validator = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(resume)]
    assert errors == []
    text = json.dumps(resume)
    assert '"$schema"' not in text  # no schema URL we could vouch for
    for url in re.findall(r'"url": "([^"]*)"', text):
        assert url.startswith(("https://", "http://", "mailto:")), url


def _write(result: ImportResult, site: Path) -> dict[str, Any]:
    """The imported files written as a site's, then loaded with our loaders: stem -> the
    entries (model dumps), "profile" -> the profile's; no loader may report a problem."""
    (site / "_data").mkdir(parents=True)
    loaded: dict[str, Any] = {}
    for stem, text in result.data.items():
        assert text.startswith(f"# yaml-language-server: $schema=../_schema/{stem}.schema.json\n")
        path = site / "_data" / f"{stem}.yaml"
        path.write_text(text, encoding="utf-8")
        loaded[stem] = load_written(path, stem)
    (site / "refs.bib").write_text(result.bib, encoding="utf-8")
    return loaded


def _bib(text: str) -> dict[str, Any]:
    checked = read_bib_text(text)
    assert [p for p in checked.problems if p.subtype != "bib-missing-field"] == []
    return dict(checked.data.entries)


# --- 1. round trip ---------------------------------------------------------------------------


def _original(stem: str) -> Any:
    path = OURS / "_data" / f"{stem}.yaml"
    if stem == "profile":
        profile, _ = load_profile(path)
        assert profile is not None
        return profile.model_dump(mode="json")
    return [record.entry.model_dump(mode="json") for record in load_list(path, KINDS[stem]).records]


def _first_year(terms: list[str]) -> int:
    return min(int(term.split()[1]) for term in terms)


def _expected(stem: str, entry: dict[str, Any]) -> dict[str, Any]:
    """What a round trip through JSON Resume gives back: the fields JSON Resume has no place
    for are lost (set to their defaults here), a few are kept in another field, and the
    kinds no JSON Resume field holds are read again from the entry's words. Every difference
    from the original is listed here, and only here."""
    e = dict(entry)
    if stem == "profile":  # one label: the position (the headline only without one)
        return {**e, "affiliation": None, "aliases": [], "headline": None}
    e["id"] = None  # ids are made anew, from the entry's main text
    if stem == "education":  # all kept (al-folio's location and highlights)
        pass
    elif stem == "experience":  # JSON Resume's work: no advisor or tags; the kind is read
        kind, _ = experience_kind(e["role"], e["organization"])  # again from the words
        e.update(kind=kind, advisor=None, tags=[])
    elif stem == "projects":
        e.update(collaborators=[], papers=[])
    elif stem == "awards":  # one date; terms: the year of the first; kind from the title
        start = e["start"] or str(_first_year(e["terms"]))
        e.update(kind=award_kind(e["title"])[0], start=start, end=None, terms=[], amount=None,
                 location=None, paper=None, project=None, tags=[])
    elif stem == "activities":  # JSON Resume's volunteer: no kind; venues in the summary
        if e["terms"]:
            e["start"] = str(_first_year(e["terms"]))
        summary = "; ".join(part for part in (e["summary"], ", ".join(e["venues"])) if part)
        e.update(kind="service", terms=[], venues=[], summary=summary or None)
    elif stem == "certificates":  # JSON Resume's certificates: one date, no notes
        e.update(end=None, notes=[])
    elif stem == "skills" and e["category"] == "Languages":  # JSON Resume's languages:
        e.update(note=None)  # a language and its fluency, no note
    return e


def test_round_trip_through_json_resume_keeps_every_field_it_can_hold(tmp_path: Path) -> None:
    files = site_files(OURS)  # its conf.py, as the command line reads it
    assert {path.stem for path in files.data_dir.glob("*.yaml")} == {"profile", *KINDS}
    resume = export_jsonresume(files.data_dir, files.bib_files)
    _validate(resume)
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(resume, indent=2), encoding="utf-8")

    result = import_resume("jsonresume", source)

    assert result.unmapped == []  # the export writes nothing the import cannot place
    loaded = _write(result, tmp_path / "site")
    # JSON Resume has no section for talks and patents: they are left out, and said so
    assert set(NOT_EXPORTED) == {"talks", "patents"}
    assert set(loaded) == {"profile", *KINDS} - set(NOT_EXPORTED)
    assert export_left_out(files.data_dir) == [
        f"{files.data_dir / 'talks.yaml'} (1 entry): not exported: {NOT_EXPORTED['talks']}",
        f"{files.data_dir / 'patents.yaml'} (1 entry): not exported: {NOT_EXPORTED['patents']}"]
    assert loaded["profile"] == _expected("profile", _original("profile"))
    for stem in set(KINDS) - set(NOT_EXPORTED):
        again = [{**entry, "id": None} for entry in loaded[stem]]
        expected = [_expected(stem, entry) for entry in _original(stem)]
        if stem == "skills":  # JSON Resume keeps the languages apart, after the skills
            again.sort(key=lambda entry: entry["category"])
            expected.sort(key=lambda entry: entry["category"])
        assert again == expected, stem
    # the entries' own texts are what the new ids are made of
    assert [e["id"] for e in loaded["experience"]] == ["analytical-engine-laboratory",
                                                       "jacquard-looms-co"]
    # what was decided from the words is said, entry by entry
    assert "work[0] (Research Assistant, Analytical Engine Laboratory): kind research: the " \
        'position says "Research"' in result.decisions
    assert 'awards[0] (Research Fellowship): kind fellowship: its title says "Fellowship"' \
        in result.decisions

    original = read_bib_files([OURS / "refs.bib"]).data.entries
    imported = _bib(result.bib)
    assert len(imported) == len(original)
    for old, new in zip(original.values(), imported.values(), strict=True):
        # kept: the title, the venue (as the publisher), the stated date, one link, the
        # abstract; the owner is the author (JSON Resume names none); lost: the co-authors,
        # the entry type and the other link fields
        assert clean_latex(new.fields["title"]) == clean_latex(old.fields["title"])
        venue = old.fields.get("booktitle") or old.fields.get("journal")
        assert clean_latex(new.fields.get("publisher", "")) == clean_latex(venue or "")
        assert new.fields.get("year") == old.fields.get("year")
        assert new.fields.get("month") == old.fields.get("month")
        assert new.fields["url"] == entry_links(old)[0][1]
        assert clean_latex(new.fields.get("abstract", "")) == clean_latex(
            old.fields.get("abstract", ""))
        assert [str(person) for person in new.persons["author"]] == ["Lovelace, Ada"]
        assert new.type == "misc"
    # a year is never guessed (the arXiv-only paper has none), nor a DOI invented
    assert [e.fields.get("year") for e in imported.values()] == ["2023", "2022", None]
    assert all("doi" not in entry.fields for entry in imported.values())


def test_import_export_import_loses_nothing_the_first_import_held(tmp_path: Path) -> None:
    """A JSON Resume imported, exported and imported again gives the same site: what the
    first import kept, JSON Resume holds (the sample and al-folio's resume.json)."""
    for number, source in enumerate([JSON_SAMPLE, ALFOLIO_RESUME]):
        first = import_resume("jsonresume", source)
        site = tmp_path / str(number)
        loaded = _write(first, site)
        exported = tmp_path / f"{number}.json"
        resume = export_jsonresume(site / "_data", [site / "refs.bib"])
        _validate(resume)
        exported.write_text(json.dumps(resume), encoding="utf-8")
        second = import_resume("jsonresume", exported)
        assert second.unmapped == []
        again = _write(second, tmp_path / f"{number}-again")
        for stem in loaded:
            if stem == "projects":  # a description and highlights are both notes
                assert again[stem] == loaded[stem], stem
            elif stem == "skills":  # the languages after the skills, as JSON Resume has it
                assert sorted(again[stem], key=str) == sorted(loaded[stem], key=str)
            else:
                assert again[stem] == loaded[stem], stem
        assert second.bib == first.bib


def test_export_leaves_out_what_json_resume_cannot_say_the_same_way() -> None:
    resume = export_jsonresume(OURS / "_data", [OURS / "refs.bib"])
    work = {w["name"]: w for w in resume["work"]}
    assert "endDate" not in work["Analytical Engine Laboratory"]  # ongoing
    tutor = next(v for v in resume["volunteer"] if v["position"] == "Teaching Assistant")
    assert tutor["startDate"] == tutor["endDate"] == "2022"  # one date, not "to the present"
    assert [p.get("releaseDate") for p in resume["publications"]] == ["2023-07", "2022", None]
    assert resume["publications"][0]["name"] == (
        "Notes on the Analytical Engine: Bernoulli Numbers & Beyond")
    assert resume["publications"][2]["url"] == "https://arxiv.org/abs/2401.01234"


# --- 2. the full portfolio (tests/roots/test-portfolio) ----------------------------------------


def test_the_full_portfolio_exports_a_valid_json_resume() -> None:
    files = site_files(PORTFOLIO / "docs")
    resume = export_jsonresume(files.data_dir, files.bib_files)
    _validate(resume)
    assert resume["basics"]["name"] == "Minhak Song"
    bib = read_bib_files(files.bib_files).data.entries
    assert len(resume["publications"]) == len(bib)
    for stem, section in [("experience", "work"), ("education", "education"),
                          ("awards", "awards"), ("projects", "projects"),
                          ("activities", "volunteer")]:
        assert len(resume[section]) == len(load_list(files.data_dir / f"{stem}.yaml",
                                                     KINDS[stem]).records)
    skills = [record.entry for record in load_list(files.data_dir / "skills.yaml",
                                                   KINDS["skills"]).records]
    # spoken languages are JSON Resume's languages, one a language
    assert len(resume["skills"]) == sum(skill.category != "Languages" for skill in skills)
    assert [language["language"] for language in resume["languages"]] == [
        item.split(" (")[0] for skill in skills if skill.category == "Languages"
        for item in skill.items]


def test_export_refuses_data_with_problems(tmp_path: Path) -> None:
    (tmp_path / "awards.yaml").write_text("- id: x\n  title: No date\n", encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"awards\.yaml:1: .*fix the data"):
        export_jsonresume(tmp_path, [tmp_path / "missing.bib"])


# --- 3. the formats' own samples -------------------------------------------------------------


def _unaccounted(source: Any, result: ImportResult, loaded: dict[str, Any]) -> list[str]:
    """Source values neither found in what was written nor named by the report."""
    written = json.dumps(loaded, ensure_ascii=False) + result.bib + "".join(
        f"{entry.fields['year']}-{month_number(entry.fields.get('month', '')):02d}"
        for entry in _bib(result.bib).values())
    reported = [line.split(" ")[0].rstrip(":") for line in result.unmapped]
    lost = []
    for path, value in ((path, str(leaf).strip()) for path, leaf in leaves(source)):
        if path.startswith("$schema"):
            continue  # where the file's schema is: nothing about the researcher
        plain = re.sub(r"\*+|\[([^\]]*)\]\([^)]*\)", r"\1", value)  # RenderCV's Markdown
        date = re.fullmatch(r"(\d{4}-\d{2})-\d{2}", value)
        found = (plain in written or json.dumps(plain)[1:-1] in written
                 or (date is not None and date[1] in written))
        named = any(path == name or path.startswith((f"{name}.", f"{name}["))
                    for name in reported)
        if not (found or named):
            lost.append(f"{path}: {value}")
    return lost


def test_the_json_resume_sample_imports(tmp_path: Path) -> None:
    sample = json.loads(JSON_SAMPLE.read_text(encoding="utf-8"))
    result = import_resume("jsonresume", JSON_SAMPLE)
    loaded = _write(result, tmp_path)

    assert len(loaded["experience"]) == len(sample["work"])
    assert len(loaded["education"]) == len(sample["education"])
    assert len(loaded["activities"]) == len(sample["volunteer"])
    assert len(loaded["awards"]) == len(sample["awards"])
    assert len(loaded["projects"]) == len(sample["projects"])
    assert len(_bib(result.bib)) == len(sample["publications"])
    assert [s["category"] for s in loaded["skills"]] == ["Web Development", "Compression",
                                                         "Languages"]
    assert loaded["skills"][2]["items"] == ["English (Native speaker)"]
    assert loaded["profile"]["interests"] == ["Wildlife"]
    assert [link["label"] for link in loaded["profile"]["links"]] == ["Twitter", "SoundCloud"]
    assert loaded["education"][0]["degree"] == "Bachelor in Information Technology"
    assert loaded["education"][0]["courses"] == sample["education"][0]["courses"]
    assert loaded["education"][0]["gpa"] == "4.0"
    assert loaded["experience"][0]["kind"] == "industry"
    assert loaded["experience"][0]["focus"] == sample["work"][0]["summary"]
    assert loaded["experience"][0]["url"] == sample["work"][0]["url"]
    assert loaded["activities"][0]["url"] == sample["volunteer"][0]["url"]
    assert loaded["projects"][0]["url"] == sample["projects"][0]["url"]
    assert loaded["projects"][0]["description"] == sample["projects"][0]["description"]
    assert loaded["activities"][0]["kind"] == "service"
    assert loaded["profile"]["summary"] == sample["basics"]["summary"]
    assert loaded["profile"]["position"] == "Programmer"
    assert loaded["awards"][0]["kind"] == "award"

    assert loaded["profile"]["phone"] == sample["basics"]["phone"]
    assert loaded["profile"]["location"] == {
        "address": "2712 Broadway St", "postal_code": "CA 94115", "city": "San Francisco",
        "region": "California", "country_code": "US"}
    for line in [
                 "references[0] (Erlich Bachman): not mapped: a reference is another "
                 "person's words, which have no place in your site",
                 "interests[0].keywords (Ferrets, Unicorns): our interests are names alone",
                 "work[0].description (Awesome compression company): no field for it",
                 "basics.profiles[0].username (neutralthoughts): not in the link's URL"]:
        assert line in result.unmapped
    assert result.decisions == [
        "basics.label (Programmer): the profile's position: one short phrase names a "
        "position",
        "work[0] (CEO/President, Pied Piper): kind industry: nothing in its position or "
        "organization says research or academia",
        "1 publication without authors (publications[0]): written with you (Richard "
        "Hendriks) as the author, as a CV lists its owner's own publications; add the "
        "co-authors in the .bib file"]
    (publication,) = _bib(result.bib).values()
    assert [str(person) for person in publication.persons["author"]] == ["Hendriks, Richard"]
    assert (publication.fields["year"], publication.fields["month"]) == ("2014", "October")
    # a date's day is kept (our dates hold it), not reported lost
    assert loaded["experience"][0]["start"] == sample["work"][0]["startDate"]
    assert not any(line.startswith("the day of ") for line in result.unmapped)
    assert publication.fields["date"] == sample["publications"][0]["releaseDate"]
    assert _unaccounted(sample, result, loaded) == []


def test_the_rendercv_sample_imports(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    sample = YAML(typ="safe", pure=True).load(RENDERCV_SAMPLE.read_text(encoding="utf-8"))
    result = import_resume("rendercv", RENDERCV_SAMPLE)
    loaded = _write(result, tmp_path)

    sections = sample["sections"]
    assert len(loaded["education"]) == len(sections["education"])
    assert len(loaded["experience"]) == len(sections["experience"])
    assert len(loaded["projects"]) == len(sections["projects"])
    assert len(loaded["skills"]) == len(sections["skills"])
    assert loaded["education"][0]["degree"] == "PhD in Computer Science"
    assert loaded["education"][0]["end"] == "present"
    assert loaded["projects"][0]["title"] == "Example Project"  # Markdown made plain
    assert loaded["projects"][1]["terms"] == ["Fall 2023"]
    assert loaded["profile"]["links"] == [
        {"label": "LinkedIn", "url": "https://linkedin.com/in/john.doe"},
        {"label": "GitHub", "url": "https://github.com/john.doe"}]
    (publication,) = _bib(result.bib).values()
    assert [str(person) for person in publication.persons["author"]] == [
        "Baggins, Frodo", "Doe, John", "Gamgee, Samwise"]
    assert publication.fields["doi"] == "10.1109/TASC.2023.3340648"

    for line in ["sections.welcome_to_RenderCV!: a text section, not mapped (2 entries)",
                 "sections.extracurricular_activities: a bullet section, not mapped (2 entries)",
                 "sections.numbered_entries: a numbered section, not mapped (3 entries)",
                 "phone (+1-609-999-9995): no field for it",
                 "sections.projects[0].name (https://example.com): a link in the text; "
                 "our text has no links"]:
        assert line in result.unmapped
    assert _unaccounted(sample, result, loaded) == []


def test_a_rendercv_file_with_its_settings(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "cv:\n  name: Ada Lovelace\n  social_networks:\n"
        "    - {network: Mastodon, username: '@ada@example.social'}\n"
        "    - {network: ORCID, username: 0000-0002-1825-0097}\n"
        "  sections:\n"
        "    research_experience:\n"
        "      - {company: Engine Lab, position: Assistant, start_date: 2022-01}\n"
        "    awards:\n      - {name: Best Paper, date: 2023}\n"
        "    teaching:\n      - {name: Teaching Assistant, date: Fall 2022}\n"
        "design:\n  theme: classic\nlocale:\n  language: en\n", encoding="utf-8")
    result = import_resume("rendercv", source)
    loaded = _write(result, tmp_path / "site")
    assert loaded["experience"][0]["kind"] == "research"
    assert loaded["experience"][0]["end"] == "present"  # a start alone: ongoing, as RenderCV
    assert loaded["awards"][0]["start"] == "2023"
    assert loaded["activities"][0] | {"id": ""} == {
        "id": "", "kind": "teaching", "role": "Teaching Assistant", "organization": None,
        "location": None, "venues": [], "summary": None, "url": None, "notes": [],
        "start": None, "end": None, "terms": ["Fall 2022"]}
    assert loaded["profile"]["links"] == [
        {"label": "ORCID", "url": "https://orcid.org/0000-0002-1825-0097"}]
    assert result.unmapped == [
        "design: RenderCV's layout settings, not mapped",
        "locale: RenderCV's layout settings, not mapped",
        "cv.social_networks[0] (Mastodon, @ada@example.social): no link: the URL of a "
        "Mastodon profile cannot be made from a user name",
    ]


# --- 4. untrusted input ----------------------------------------------------------------------

TRICKY = ["key: value # not a comment", "*alias", "yes", "No", "&anchor", "!tag", "- dash",
          "@at", "`tick", "null", "~", "0x1F", "1e3", "2020-01-01", "'quoted'", '"double"',
          "%percent", "{braces}", "[list]", "|", "> folded", "a\tb", "two\nlines", "#1",
          "?", ": colon", "\u2028separator", "nel\u0085", "bom\ufeff"]


def _resume(tmp_path: Path, resume: Any) -> Path:
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(resume), encoding="utf-8")
    return path


def test_untrusted_json_resume(tmp_path: Path) -> None:
    title = "Broken } title @misc{evil, title={x}} and {more $x$ 100% #1 a_b ~ -- ^ ``q''"
    source = _resume(tmp_path, {
        "basics": {"name": "Ada", "url": "javascript:alert(1)", "email": "not an email",
                   "profiles": [{"network": "Evil", "url": "javascript:alert(2)"},
                                {"network": "GitHub", "username": "ada"}]},
        "work": [{"name": "yes", "position": "*alias", "startDate": "2020-01",
                  "highlights": TRICKY},
                 {"name": "No start", "position": "x"},
                 {"name": "Bad date", "position": "x", "startDate": "soon"}],
        "publications": [{"name": title, "releaseDate": "2021",
                          "summary": "one\n@article{x,\n  title = {y}}", "url": "file:///etc"}],
    })
    result = import_resume("jsonresume", source)
    loaded = _write(result, tmp_path / "site")

    assert loaded["experience"][0]["notes"] == [text.strip() for text in TRICKY]
    assert loaded["experience"][0]["organization"] == "yes"
    assert loaded["experience"][0]["role"] == "*alias"
    assert loaded["profile"]["website"] is None
    assert loaded["profile"]["links"] == [{"label": "GitHub", "url": "https://github.com/ada"}]
    assert "basics.url (javascript:alert(1)): not an http(s) link" in result.unmapped
    assert ("basics.profiles[0] (Evil, javascript:alert(2)): not an http(s) or mailto link"
            in result.unmapped)
    assert any(line.startswith("basics.email (not an email): ") for line in result.unmapped)
    assert "work[1] (No start): not mapped: no startDate" in result.unmapped
    assert "work[2] (Bad date): not mapped: startDate (soon): not a date" in result.unmapped
    assert "publications[0].url (file:///etc): not an http(s) link" in result.unmapped

    (entry,) = _bib(result.bib).values()
    assert clean_latex(entry.fields["title"]) == title
    assert clean_latex(entry.fields["abstract"]) == "one @article{x, title = {y}}"
    assert entry.fields["year"] == "2021"


def test_untrusted_rendercv(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "cv:\n  name: 'key: value # x'\n  website: 'javascript:alert(1)'\n  sections:\n"
        "    publications:\n"
        "      - title: 'Unbalanced }} {{{ braces'\n"
        "        authors: ['Smith and Wesson', 'Doe, John, Jr, Extra', others, '**Ada**']\n"
        "        url: 'javascript:alert(1)'\n"
        "        doi: 'not a doi'\n"
        "        date: Fall 2020\n", encoding="utf-8")
    result = import_resume("rendercv", source)
    loaded = _write(result, tmp_path / "site")
    assert loaded["profile"]["name"] == "key: value # x"
    (entry,) = _bib(result.bib).values()
    assert clean_latex(entry.fields["title"]) == "Unbalanced }} {{{ braces"
    assert len(entry.persons["author"]) == 4
    assert entry.fields["year"] == "2020"
    assert set(entry.fields) == {"title", "year"}
    assert "cv.website (javascript:alert(1)): not an http(s) link" in result.unmapped
    assert "sections.publications[0].date (Fall 2020): only its year is kept" in (
        [line.removeprefix("cv.") for line in result.unmapped])


#: Control characters, which the import drops (and reports): tab and line breaks aside.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _shown(text: str) -> str:
    return CONTROL.sub("", text).strip()


@pytest.mark.slow  # 150 examples, each an import and an export
@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30).filter(_shown), min_size=1, max_size=5),
       st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\\"),
               min_size=1, max_size=40).filter(_shown))
def test_any_text_reads_back_as_written(notes: list[str], title: str) -> None:
    # A backslash is written \textbackslash{}, which our BibTeX reader does not read back.
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = _resume(tmp, {"work": [{"name": notes[0], "position": "r",
                                         "startDate": "2020", "highlights": notes}],
                               "publications": [{"name": title}]})
        result = import_resume("jsonresume", source)
        loaded = _write(result, tmp / "site")
        assert loaded["experience"][0]["notes"] == [_shown(note) for note in notes]
        (entry,) = _bib(result.bib).values()
        # BibTeX reads runs of white space as one space, the no-break space aside
        assert clean_latex(entry.fields["title"]) == re.sub(r"[^\S\xa0]+", " ", _shown(title))


def test_files_past_the_bounds_are_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"basics": {"summary": "x" * (2 * 1024 * 1024)}}), "utf-8")
    with pytest.raises(InterchangeError, match=r"huge\.json: larger than 2,048 KiB"):
        import_resume("jsonresume", huge)

    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(InterchangeError, match="nested too deeply"):
        import_resume("jsonresume", deep)
    deep.write_text('{"x": ' + "[" * 500 + "]" * 500 + "}", encoding="utf-8")
    with pytest.raises(InterchangeError, match="nested more than 20 levels deep"):
        import_resume("jsonresume", deep)
    deep_yaml = tmp_path / "deep.yaml"
    deep_yaml.write_text("cv:\n  name: " + "[" * 50 + "]" * 50 + "\n", encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"deep\.yaml:2: .*nested more than 20 levels"):
        import_resume("rendercv", deep_yaml)

    long_texts = _resume(tmp_path, {"publications": [
        {"name": "Long abstract", "summary": "x" * 20_000}, {"name": "y" * 20_000}]})
    result = import_resume("jsonresume", long_texts)
    assert [e.fields["title"] for e in _bib(result.bib).values()] == ["Long abstract"]
    assert result.unmapped == [
        "publications[0] (Long abstract): its abstract is longer than a BibTeX field may be "
        "(10,000); it is left out",
        f"publications[1] ({'y' * 59}\N{HORIZONTAL ELLIPSIS}): not mapped: its title is longer "
        "than a BibTeX field may be (10,000)"]

    many = _resume(tmp_path, {"work": [{"name": f"Organization {i}", "position": "Role",
                                        "startDate": "2020"} for i in range(3_000)]})
    with pytest.raises(InterchangeError, match="its experience would take more than 256 KiB"):
        import_resume("jsonresume", many)

    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "basics": {\n    "name": "Ada",\n  }\n}', encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"^\S*broken\.json:4: not valid JSON"):
        import_resume("jsonresume", broken)

    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("cv:\n  name: &a Ada\n  email: *a\n", encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"bomb\.yaml:3: YAML alias '\*a' refused"):
        import_resume("rendercv", bomb)

    big = tmp_path / "big.yaml"
    big.write_text("cv:\n  name: " + "x" * 300_000 + "\n", encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"big\.yaml: larger than 256 KiB"):
        import_resume("rendercv", big)

    with pytest.raises(InterchangeError, match="top level is not an object"):
        import_resume("jsonresume", _resume(tmp_path, ["not", "a", "resume"]))


@pytest.mark.slow  # maps 40,000 jobs
def test_a_huge_resume_is_refused_before_any_entry_is_mapped(tmp_path: Path) -> None:
    # 40,000 jobs at one employer: 1.9 MB, under the byte bound. Their ids were made unique
    # by counting up from 2 each time and all of them dumped as YAML before the size was
    # checked: two minutes. Now the count is checked first.
    source = tmp_path / "huge.json"
    work = [{"name": "Acme", "position": "Eng", "startDate": "2020"}] * 40_000
    source.write_text(json.dumps({"work": work}, separators=(",", ":")), encoding="utf-8")
    assert 1_800_000 < source.stat().st_size < MAX_SOURCE_BYTES
    started = time.perf_counter()
    with pytest.raises(InterchangeError, match=r"huge\.json: 40,000 entries \(work: 40,000\), "
                       r"more than the 5,000 a CV is imported with"):
        import_resume("jsonresume", source)
    assert time.perf_counter() - started < 10

    # under the count, a file sure to be too large is refused as its entries are mapped
    source.write_text(json.dumps({"work": work[:5_000]}), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(InterchangeError, match="its experience would take more than 256 KiB"):
        import_resume("jsonresume", source)
    one = {"name": "Acme", "position": "Engineer", "startDate": "2020",
           "highlights": ["a"] * 300_000}
    source.write_text(json.dumps({"work": [one]}), encoding="utf-8")
    with pytest.raises(InterchangeError, match="its experience would take more than 256 KiB"):
        import_resume("jsonresume", source)
    assert time.perf_counter() - started < 10

    rendercv = tmp_path / "cv.yaml"
    rendercv.write_text("cv:\n  sections:\n    projects:\n" + "      - name: a\n" * 6_000,
                        encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"6,000 entries \(cv\.sections\.projects"):
        import_resume("rendercv", rendercv)


def test_ids_are_made_unique_in_linear_time() -> None:
    ids = Unique()
    assert [ids("acme"), ids("acme"), ids("acme-2"), ids("acme")] == [
        "acme", "acme-2", "acme-2-2", "acme-3"]
    keys = Unique(separator="", taken={"smith2020"})
    assert [keys("smith2020"), keys("smith2020")] == ["smith20202", "smith20203"]
    started = time.perf_counter()
    many = Unique()
    names = [many("acme") for _ in range(40_000)]
    assert len(set(names)) == 40_000 and names[-1] == "acme-40000"
    assert time.perf_counter() - started < 2  # counting up from 2 each time took a minute


def test_what_cannot_be_placed_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "r.json"
    source.write_text('{"basics": {"name": "A", "name": "B"}, "certificates": [{"name": "C"}],'
                      ' "work": "not a list", "x-custom": 1}', encoding="utf-8")
    result = import_resume("jsonresume", source)
    assert result.unmapped == [
        'basics.name: given twice; kept "A", dropped "B"',
        "work (not a list): not a list, not mapped",
        "certificates[0] (C): not mapped: no date",  # certificates.yaml: it needs one
        "x-custom (1): no field for it",
    ]
    assert _write(result, tmp_path / "site")["profile"]["name"] == "A"


def test_keys_given_twice_are_reported_by_path_with_both_values(tmp_path: Path) -> None:
    source = tmp_path / "r.json"
    source.write_text(
        '{"basics": {"name": "Ada"}, "work": [{"name": "Acme", "position": "Engineer",'
        ' "startDate": "2020", "position": "Manager", "position": {"x": "Boss"}},'
        ' {"name": "B", "position": "R", "startDate": "2021",'
        ' "highlights": ["one"], "highlights": ["two", "three"]}],'
        ' "x": {"a": {"k": 1, "k": 2}}, "x": {"b": {"k": 3, "k": 4}}}', encoding="utf-8")
    result = import_resume("jsonresume", source)
    assert result.unmapped[:4] == [
        'work[0].position: given twice; kept "Engineer", dropped "Manager"',
        'work[0].position: given twice; kept "Engineer", dropped "Boss"',
        'work[1].highlights: given twice; kept "one", dropped "two, three"',
        'x.a.k: given twice; kept "1", dropped "2"',  # x.b was dropped whole: said once
    ]
    assert 'x: given twice; kept "1", dropped "3"' in result.unmapped
    loaded = _write(result, tmp_path / "site")
    assert [e["role"] for e in loaded["experience"]] == ["Engineer", "R"]
    assert loaded["experience"][1]["notes"] == ["one"]


def test_control_characters_are_dropped_and_reported(tmp_path: Path) -> None:
    source = _resume(tmp_path, {
        "basics": {"name": "Ada\x1b[2J Lovelace", "summary": "x"},
        "work": [{"name": "Acme\x00", "position": "Engineer\x07\x07", "startDate": "2020",
                  "highlights": ["tab\tand\nline kept", "nel\x85 and del\x7f"]}],
        "publications": [{"name": "On\x08 things"}]})
    result = import_resume("jsonresume", source)
    assert [line for line in result.unmapped if "control" in line] == [
        "basics.name: control characters dropped (U+001B)",
        "work[0].name: control characters dropped (U+0000)",
        "work[0].position: control characters dropped (U+0007)",
        "work[0].highlights[1]: control characters dropped (U+0085, U+007F)",
        "publications[0].name: control characters dropped (U+0008)",
    ]
    loaded = _write(result, tmp_path / "site")
    assert loaded["profile"]["name"] == "Ada[2J Lovelace"
    (job,) = loaded["experience"]
    assert (job["organization"], job["role"]) == ("Acme", "Engineer")
    assert job["notes"] == ["tab\tand\nline kept", "nel and del"]
    (entry,) = _bib(result.bib).values()
    assert clean_latex(entry.fields["title"]) == "On things"
    everything = result.bib + "".join(result.data.values())
    assert not CONTROL.search(everything.replace("\t", "").replace("\n", ""))

    rendercv = tmp_path / "cv.yaml"
    rendercv.write_text('cv:\n  name: "Ada\\e[31m Lovelace"\n', encoding="utf-8")
    result = import_resume("rendercv", rendercv)
    assert result.unmapped == ["cv.name: control characters dropped (U+001B)"]
    assert "Ada[31m Lovelace" in result.data["profile"]


@pytest.mark.parametrize(("markdown", "plain", "reported"), [
    ("[Python](https://en.wikipedia.org/wiki/Python_(programming_language)) is _fun_",
     "Python is fun",
     ["(https://en.wikipedia.org/wiki/Python_(programming_language)): a link in the text"]),
    ("See [the page](<https://example.org/a page>) and __this__",
     "See the page and this", ["(https://example.org/a page): a link in the text"]),
    ('[Title](https://example.org "a title") with *stars* and ***more***',
     "Title with stars and more", ["(https://example.org): a link in the text"]),
    ("snake_case_name and _a_b_ stay", "snake_case_name and a_b stay", []),
    ("[broken](https://example.org/a page) text",
     "[broken](https://example.org/a page) text",
     ["([broken](https://example.org/a page)): kept as written: Markdown reads no link"]),
    ("[unbalanced](https://example.org/a(b) text",
     "[unbalanced](https://example.org/a(b) text",
     ["([unbalanced](https://example.org/a(b)): kept as written: Markdown reads no link"]),
])
def test_rendercv_markdown_is_made_plain_or_reported(
        tmp_path: Path, markdown: str, plain: str, reported: list[str]) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("cv:\n  name: Ada\n  sections:\n    projects:\n      - name: P\n"
                      "        date: 2020\n        highlights:\n"
                      f"          - {json.dumps(markdown)}\n", encoding="utf-8")
    result = import_resume("rendercv", source)
    loaded = _write(result, tmp_path / "site")
    assert loaded["projects"][0]["notes"] == [plain]
    lines = [line.removeprefix("cv.sections.projects[0].highlights ")
             for line in result.unmapped]
    assert len(lines) == len(reported)
    assert all(line.startswith(start) for line, start in zip(lines, reported, strict=True))


# --- 5. the command line and a build of the imported site -------------------------------------


@pytest.mark.parametrize(("fmt", "source", "key", "texts"), [
    ("jsonresume", JSON_SAMPLE, "hendriks2014video",
     ["Pied Piper", "Video compression for 3d media"]),
    ("rendercv", RENDERCV_SAMPLE, "baggins20043d",
     ["Company C", "3D Finite Element Analysis of No-Insulation Coils"]),
])
def test_the_command_line_imports_exports_and_the_site_builds(
        fmt: str, source: Path, key: str, texts: list[str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text(
        'extensions = ["sphinx_portfolio"]\nbibtex_bibfiles = ["refs.bib"]\n'
        'bibtex_default_style = "portfolio"\nexclude_patterns = ["_build"]\n',
        encoding="utf-8")
    (site / "index.md").write_text(
        "# CV\n\n```{profile}\n```\n\n```{experience-table}\n```\n\n```{education-table}\n```\n"
        "\n```{project-table}\n```\n\n```{skill-table}\n```\n\n## Publications\n\n"
        "```{publications}\n```\n", encoding="utf-8")
    argv = ["import", fmt, str(source), "--site", str(site)]

    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"wrote {site / '_data' / 'experience.yaml'}" in out
    assert "not mapped (" in out
    assert (site / "refs.bib").read_text(encoding="utf-8").startswith(f"@misc{{{key},")
    for data in (site / "_data").glob("*.yaml"):  # each file's editor link resolves
        link = data.read_text(encoding="utf-8").splitlines()[0].split("$schema=")[1]
        assert (data.parent / link).is_file(), link

    # again: the site has every entry already, so nothing changes (and nothing is refused)
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert re.search(f"added nothing to {re.escape(str(site / 'refs.bib'))}; kept [1-9]", out)
    (kept,) = [line for line in out.splitlines() if " in refs.bib; the imported " in line]
    assert re.fullmatch(f"kept the site's entr(y|ies) for {key}(, .*)? in refs.bib; the "
                        "imported (one|ones), with the same key, (is|are) not written", kept)
    assert f"unchanged {site / '_data' / 'profile.yaml'}\n" in out
    assert not list(site.rglob("*.bak"))  # (what merging adds or replaces: test_cli_safety)

    exported = tmp_path / "resume.json"
    export = ["export", "jsonresume", "--site", str(site), "-o", str(exported)]
    assert main(export) == 0
    _validate(json.loads(exported.read_text(encoding="utf-8")))
    exported.write_text('{"basics": {"phone": "kept"}}', encoding="utf-8")
    assert main(export) == 1  # never over a file without --force
    assert "not overwriting" in capsys.readouterr().err
    assert main([*export, "--force"]) == 0
    assert '"phone": "kept"' in (tmp_path / "resume.json.bak").read_text(encoding="utf-8")
    assert main(["export", "jsonresume", "--site", str(site), "-o", str(tmp_path)]) == 1
    assert "is a folder: name the file to write" in capsys.readouterr().err

    capsys.readouterr()
    status = build_main(["-b", "html", "-W", "-q", "-E", str(site), str(tmp_path / "html")])
    assert status == 0, capsys.readouterr().err
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert all(text in page for text in texts)


def test_the_command_line_reports_a_bad_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "cv.yaml"
    broken.write_text("cv: [unclosed\n", encoding="utf-8")
    assert main(["import", "rendercv", str(broken), "--site", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"{broken}:") and error.count("\n") == 1
