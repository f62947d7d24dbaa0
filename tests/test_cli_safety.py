"""The command line loses nothing and writes nothing outside the site (issue 22).

``new --force`` and ``import --force`` keep each file they replace as ``NAME.bak`` and say
so, file by file; a file that would not change is left alone; without ``--force`` the
refusal names what would be replaced. Nothing is written through a symbolic link that leads
out of the site. Every refusal is one line on standard error, exit status 1, with nothing
written.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import quick_first
from sphinx_portfolio.cli import main
from sphinx_portfolio.files import write_whole

Capture = pytest.CaptureFixture[str]


def _tree(folder: Path) -> dict[str, bytes | str]:
    """Every file (its bytes) and link (where it points) under ``folder``."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(folder))] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def _one_line_refusal(capsys: Capture) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err, captured.err
    return captured.err.strip()


# --- new DIR ---------------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path, capsys: Capture) -> Path:
    site = tmp_path / "ada"
    assert main(["new", str(site), "--name", "Ada Lovelace"]) == 0
    capsys.readouterr()
    return site


EDITED = ["docs/conf.py", "docs/refs.bib", "docs/_data/profile.yaml", "docs/_data/skills.yaml",
          "README.md"]


def _edit(site: Path) -> None:
    for name in EDITED:
        with (site / name).open("a", encoding="utf-8") as stream:
            stream.write("\n# my own line\n")


def test_new_without_force_names_the_files_it_would_replace(site: Path, capsys: Capture) -> None:
    _edit(site)
    before = _tree(site)
    assert main(["new", str(site), "--name", "Ada Lovelace"]) == 1
    error = _one_line_refusal(capsys)
    # a few by name, then how many more (the order is the template's)
    assert error == (f"{site} is not empty: the starter would replace README.md, docs/_data/"
                     "profile.yaml, docs/_data/skills.yaml and 2 more (use --force: each is "
                     "kept as a .bak file beside it)")
    assert _tree(site) == before

    (site.parent / "other").mkdir()
    (site.parent / "other" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(site.parent / "other")]) == 1
    assert _one_line_refusal(capsys) == (f"{site.parent / 'other'} is not empty (no file in it "
                                         "would be replaced; use --force to write into it)")


def test_new_force_lists_each_file_it_replaces_and_keeps_it(site: Path, capsys: Capture) -> None:
    _edit(site)
    edited = {name: (site / name).read_bytes() for name in EDITED}
    assert main(["new", str(site), "--name", "Ada Lovelace", "--force"]) == 0
    out = capsys.readouterr().out
    replaced = [line for line in out.splitlines() if line.startswith("replaced ")]
    assert sorted(replaced) == sorted(
        f"replaced {site / name} (the previous one is kept as {site / name}.bak)"
        for name in EDITED)
    for name, text in edited.items():
        assert (site / f"{name}.bak").read_bytes() == text  # what was there, kept
        assert b"# my own line" not in (site / name).read_bytes()
    # the files that were as the starter writes them are left alone, and not kept twice
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*.bak")) == sorted(
        f"{name}.bak" for name in EDITED)
    assert "wrote 0 files into" in out and "replaced 5 (each kept as a .bak file beside it)" in out
    assert "as they were (unchanged)" in out

    # again: a second backup never writes over the first
    _edit(site)
    assert main(["new", str(site), "--name", "Ada Lovelace", "--force"]) == 0
    assert f"(the previous one is kept as {site / 'README.md'}.bak.1)" in capsys.readouterr().out
    assert (site / "README.md.bak").read_bytes() == edited["README.md"]


def test_new_force_with_another_name_replaces_what_names_it(site: Path, capsys: Capture) -> None:
    assert main(["new", str(site), "--name", "Grace Hopper", "--force"]) == 0
    out = capsys.readouterr().out
    assert f"replaced {site / 'docs' / 'refs.bib'} (the previous one is kept as " in out
    assert "Ada Lovelace" in (site / "docs" / "_data" / "profile.yaml.bak").read_text("utf-8")
    assert "Grace Hopper" in (site / "docs" / "_data" / "profile.yaml").read_text("utf-8")
    assert not (site / "docs" / "_schema" / "profile.schema.json.bak").exists()


@pytest.mark.parametrize("link", ["docs", "docs/conf.py", "docs/_data", "docs/_schema",
                                  "docs/_data/profile.yaml"])
@pytest.mark.parametrize("dangling", [False, True])
def test_new_writes_nothing_through_a_link_out_of_the_folder(
        tmp_path: Path, capsys: Capture, link: str, dangling: bool) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    target = outside / "target"
    if not dangling:
        target.mkdir() if "." not in Path(link).name else target.write_text("mine", "utf-8")
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    (site / link).symlink_to(target)
    before, before_outside = _tree(site), _tree(outside)
    assert main(["new", str(site), "--force"]) == 1
    assert _one_line_refusal(capsys) == (
        f"{site / link} is a link to {os.path.realpath(target)}, outside {site}: nothing is "
        "written through it (remove the link, or copy what it points to)")
    assert _tree(site) == before and _tree(outside) == before_outside


def test_new_follows_a_link_that_stays_inside(tmp_path: Path, capsys: Capture) -> None:
    site = tmp_path / "site"
    (site / "real-docs").mkdir(parents=True)
    (site / "docs").symlink_to("real-docs")
    assert main(["new", str(site), "--force"]) == 0
    assert (site / "real-docs" / "conf.py").is_file()


def test_new_into_a_file_where_a_folder_must_be(tmp_path: Path, capsys: Capture) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "docs").write_text("a file", encoding="utf-8")
    assert main(["new", str(site), "--force"]) == 1
    assert _one_line_refusal(capsys) == f"{site / 'docs'} is not a folder: nothing is " \
        "written into it"
    assert _tree(site) == {"docs": b"a file"}


# --- import ----------------------------------------------------------------------------------


RESUME = ('{"basics": {"name": "Ada Lovelace"}, "work": [{"name": "Acme", "position": '
          '"Engineer", "startDate": "2020"}], "publications": [{"name": "On engines", '
          '"releaseDate": "1843"}]}')


@pytest.fixture
def resume(tmp_path: Path) -> Path:
    path = tmp_path / "resume.json"
    path.write_text(RESUME, encoding="utf-8")
    return path


def _bare_site(folder: Path, conf: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "conf.py").write_text('bibtex_bibfiles = ["refs.bib"]\n' + conf, "utf-8")
    return folder


@pytest.mark.parametrize(
    "link", quick_first(["_data", "_data/experience.yaml", "refs.bib", "_schema"]))
@pytest.mark.parametrize("dangling", [False, True])
def test_import_writes_nothing_through_a_link_out_of_the_site(
        tmp_path: Path, resume: Path, capsys: Capture, link: str, dangling: bool) -> None:
    site, outside = _bare_site(tmp_path / "site"), tmp_path / "outside"
    outside.mkdir()
    target = outside / "target"
    if not dangling:
        target.mkdir() if "." not in link else target.write_text("", "utf-8")
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    (site / link).symlink_to(target)
    before, before_outside = _tree(site), _tree(outside)
    if link == "_schema" and not dangling:  # the schemas are there: nothing is written
        assert main(["import", "jsonresume", str(resume), "--site", str(site)]) == 0
        assert _tree(outside) == before_outside
        return
    for force in ([], ["--force"]):
        assert main(["import", "jsonresume", str(resume), "--site", str(site), *force]) == 1
        assert _one_line_refusal(capsys) == (
            f"{site / link} is a link to {os.path.realpath(target)}, outside {site}: nothing "
            "is written through it (remove the link, or copy what it points to)")
    assert _tree(site) == before and _tree(outside) == before_outside


def test_import_follows_links_that_stay_inside_and_paths_conf_py_names(
        tmp_path: Path, resume: Path, capsys: Capture) -> None:
    site = _bare_site(tmp_path / "site", 'portfolio_data_dir = "../shared"\n')
    (site / "bib").mkdir()
    (site / "refs.bib").symlink_to("bib/refs.bib")  # dangling, but inside
    assert main(["import", "jsonresume", str(resume), "--site", str(site)]) == 0
    assert "On engines" in (site / "bib" / "refs.bib").read_text("utf-8")
    assert (site / "refs.bib").is_symlink()  # written through, not replaced
    # a data folder outside the site, named by conf.py as it is, is the user's choice
    assert (tmp_path / "shared" / "experience.yaml").is_file()
    assert (tmp_path / "_schema" / "experience.schema.json").is_file()


def test_import_writes_nothing_through_a_stale_part_file_link(
        tmp_path: Path, resume: Path, capsys: Capture) -> None:
    site, outside = _bare_site(tmp_path / "site"), tmp_path / "outside.txt"
    (site / ".refs.bib.part").symlink_to(outside)  # where the text goes before its rename
    assert main(["import", "jsonresume", str(resume), "--site", str(site)]) == 1
    assert _one_line_refusal(capsys).startswith(f"{site / '.refs.bib.part'} is a link to ")
    assert not outside.exists() and not (site / "refs.bib").exists()


def test_import_refuses_a_folder_where_its_file_goes(
        tmp_path: Path, resume: Path, capsys: Capture) -> None:
    site = _bare_site(tmp_path / "site")
    (site / "_data" / "experience.yaml").mkdir(parents=True)
    before = _tree(site)
    assert main(["import", "jsonresume", str(resume), "--site", str(site), "--force"]) == 1
    assert _one_line_refusal(capsys) == (f"{site / '_data' / 'experience.yaml'} is not a "
                                         "file: nothing is written over it")
    assert _tree(site) == before


def test_a_conf_py_that_fails_is_one_line(tmp_path: Path, resume: Path, capsys: Capture) -> None:
    site = _bare_site(tmp_path / "site", "import no_such_module\n")
    assert main(["import", "jsonresume", str(resume), "--site", str(site)]) == 1
    assert _one_line_refusal(capsys) == (f"{site / 'conf.py'}: cannot be run: "
                                         "ModuleNotFoundError: No module named 'no_such_module'")
    site = _bare_site(tmp_path / "other", "bibtex_bibfiles = 'refs.bib'\n")
    assert main(["export", "jsonresume", "--site", str(site), "-o", "-"]) == 1
    assert _one_line_refusal(capsys).endswith("portfolio_data_dir must be a string and "
                                              "bibtex_bibfiles a list")


# --- import into a site that has data: merged, not replaced -----------------------------------


MERGED = ('{"basics": {"name": "Ada Lovelace", "email": "ada@example.org"}, "work": ['
          '{"name": "Acme", "position": "Engineer", "startDate": "2020"},'
          '{"name": "Beta Works", "position": "Lead", "startDate": "2022"}],'
          '"publications": [{"name": "On engines", "releaseDate": "1843"},'
          '{"name": "A new paper", "releaseDate": "2020"}]}')
SITE_BIB = ("\ufeff% the site's own, edited by hand\r\n"
            "@article{lovelace1843notes,\r\n  title = {Notes},\r\n  year = {1843},\r\n}\r\n\r\n"
            "@misc{lovelace1843engines,\r\n  title = {The site's own title},\r\n"
            "  year = {1843},\r\n}\r\n")
SITE_EXPERIENCE = """# yaml-language-server: $schema=../_schema/experience.schema.json
# my jobs, newest first
- id: acme-job          # the same job as the import's "Acme", under my own id
  kind: research
  organization: Acme
  role: Engineer
  start: 2020

- id: old-lab
  kind: research
  organization: Old Lab
  role: Student
  start: 2015
  end: 2019
"""
SITE_PROFILE = "name: Ada\naffiliation: Analytical Society\n"


@pytest.fixture
def full_site(tmp_path: Path) -> Path:
    site = _bare_site(tmp_path / "site")
    (site / "refs.bib").write_bytes(SITE_BIB.encode("utf-8"))
    (site / "_data").mkdir()
    (site / "_data" / "experience.yaml").write_text(SITE_EXPERIENCE, encoding="utf-8")
    (site / "_data" / "profile.yaml").write_text(SITE_PROFILE, encoding="utf-8")
    return site


@pytest.fixture
def merged(tmp_path: Path) -> Path:
    path = tmp_path / "merged.json"
    path.write_text(MERGED, encoding="utf-8")
    return path


def test_import_without_force_says_what_it_would_add_and_replace(
        full_site: Path, merged: Path, capsys: Capture) -> None:
    before = _tree(full_site)
    assert main(["import", "jsonresume", str(merged), "--site", str(full_site)]) == 1
    assert _one_line_refusal(capsys) == (
        f"not importing into {full_site} without --force, which would replace "
        "_data/profile.yaml, which has 2 fields (a profile is one entry: the import's "
        "replaces it); add 1 entry to _data/experience.yaml (keeping its 2; 1 of the "
        "import's it has already); add 1 entry to refs.bib (keeping its 2; 1 of the import's "
        "it has already) (each file changed is kept as a .bak file beside it)")
    assert _tree(full_site) == before


def test_import_force_adds_to_the_bib_and_keeps_every_entry_it_has(
        full_site: Path, merged: Path, capsys: Capture) -> None:
    # a site with 2 papers ended with the import's, once --force replaced the .bib whole
    from sphinx_portfolio.bib import read_bib_files

    assert main(["import", "jsonresume", str(merged), "--site", str(full_site), "--force"]) == 0
    out = capsys.readouterr().out.splitlines()
    bib = full_site / "refs.bib"
    assert f"added 1 entry to {bib}; kept 2 existing (the previous one is kept as " \
           f"{bib}.bak)" in out
    assert "kept the site's entry for lovelace1843engines in refs.bib; the imported one, " \
           "with the same key, is not written" in out
    after = bib.read_bytes()
    assert after.startswith(SITE_BIB.rstrip("\r\n").encode("utf-8"))  # byte for byte
    assert (full_site / "refs.bib.bak").read_bytes() == SITE_BIB.encode("utf-8")
    checked = read_bib_files([bib])
    assert checked.problems == []
    assert list(checked.data.entries) == ["lovelace1843notes", "lovelace1843engines",
                                          "lovelace2020new"]
    assert checked.data.entries["lovelace1843engines"].fields["title"] == "The site's own title"

    # again: nothing left to add, so nothing is written, nor kept a second time
    assert main(["import", "jsonresume", str(merged), "--site", str(full_site)]) == 0
    assert f"added nothing to {bib}; kept 3 existing" in capsys.readouterr().out
    assert bib.read_bytes() == after and not (full_site / "refs.bib.bak.1").exists()


def test_import_force_adds_list_entries_and_says_what_it_replaces(
        full_site: Path, merged: Path, capsys: Capture) -> None:
    from sphinx_portfolio.data import KINDS, load_list

    assert main(["import", "jsonresume", str(merged), "--site", str(full_site), "--force"]) == 0
    out = capsys.readouterr().out.splitlines()
    data = full_site / "_data"
    assert f"added 1 entry to {data / 'experience.yaml'}; kept 2 existing (the previous one " \
           f"is kept as {data / 'experience.yaml'}.bak)" in out
    assert "kept the site's entry for acme in experience.yaml; the imported one, with the " \
           "same id (or title and start), is not written" in out
    text = (data / "experience.yaml").read_text(encoding="utf-8")
    assert text.startswith(SITE_EXPERIENCE.rstrip("\n"))  # its comments and layout stay
    loaded = load_list(data / "experience.yaml", KINDS["experience"])
    assert loaded.problems == []
    assert [record.entry.id for record in loaded.records] == ["acme-job", "old-lab", "beta-works"]

    # the profile is one entry: replaced, and said so with what it had
    assert f"replaced {data / 'profile.yaml'}, which had 2 fields: a profile is one entry: " \
           f"the import's replaces it (the previous one is kept as {data / 'profile.yaml'}" \
           ".bak)" in out
    assert (data / "profile.yaml.bak").read_text(encoding="utf-8") == SITE_PROFILE
    assert "ada@example.org" in (data / "profile.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "had", "why"), [
    ('[{id: acme-job, kind: research, organization: Acme, role: R, start: 2019}]\n',
     "1 entry", "the import's entries cannot be added after its own"),
    ("  - id: acme-job\n    kind: research\n    organization: Acme\n    role: R\n"
     "    start: 2019\n", "1 entry", "the import's entries cannot be added after its own"),
    ("id: acme-job\norganization: Acme\n", "", "it is not a list of entries"),
    ("- id: [unclosed\n", "", "it cannot be read: YAML syntax error"),
])
def test_a_list_file_that_cannot_be_added_to_is_replaced_and_kept(
        tmp_path: Path, merged: Path, capsys: Capture, text: str, had: str, why: str) -> None:
    site = _bare_site(tmp_path / "site")
    (site / "_data").mkdir()
    experience = site / "_data" / "experience.yaml"
    experience.write_text(text, encoding="utf-8")
    assert main(["import", "jsonresume", str(merged), "--site", str(site), "--force"]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "experience" in line]
    assert line.startswith(f"replaced {experience}{had and f', which had {had}'}: {why}")
    assert line.endswith(f"(the previous one is kept as {experience}.bak)")
    assert (site / "_data" / "experience.yaml.bak").read_text(encoding="utf-8") == text


def test_a_link_in_place_of_the_part_file_is_not_written_through(tmp_path: Path) -> None:
    """Every file we write whole goes through ``.NAME.part``: a symlink planted there (or a
    part file a killed run left) is replaced, the file it leads to untouched."""
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me", "utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / ".refs.bib.part").symlink_to(elsewhere)
    write_whole(site / "refs.bib", b"@misc{a, title={A}}\n")
    assert elsewhere.read_text("utf-8") == "keep me"
    assert (site / "refs.bib").read_bytes() == b"@misc{a, title={A}}\n"
    assert not (site / ".refs.bib.part").exists()


# --- import into a site `new` made: the starter's examples are replaced, nothing else ------


def _imported(site: Path, resume: Path, *force: str) -> int:
    return main(["import", "jsonresume", str(resume), "--site", str(site / "docs"), *force])


def test_an_import_into_a_new_site_replaces_the_starters_examples_without_force(
        site: Path, resume: Path, capsys: Capture) -> None:
    docs = site / "docs"
    before = _tree(site)
    assert _imported(site, resume) == 0  # no --force: the examples are no one's data
    out = capsys.readouterr().out.splitlines()
    replaced = [("_data/profile.yaml", "6 fields"), ("_data/experience.yaml", "2 entries"),
                ("refs.bib", "2 entries")]
    for name, count in replaced:
        assert f"replaced the starter's examples in {docs / name} ({count}) (the previous " \
               f"one is kept as {docs / name}.bak)" in out
        assert (docs / f"{name}.bak").read_bytes() == before[f"docs/{name}"]  # kept
    # the two example papers are gone, the imported one alone is there
    bib = (docs / "refs.bib").read_text("utf-8")
    assert "On engines" in bib and "Faster Training" not in bib and "A First Result" not in bib
    experience = (docs / "_data" / "experience.yaml").read_text("utf-8")
    assert "Acme" in experience and "Example Company" not in experience
    # the site's name was the starter's profile's: it is the imported one's now (here the
    # same name, so conf.py and index.md are left alone)
    assert (docs / "conf.py").read_bytes() == before["docs/conf.py"]
    # the examples the import has nothing for go, with the pages that showed them, each
    # kept as a .bak; none is left to name
    assert [line for line in out if line.startswith("removed")] == [
        f"removed the starter's example {what} (no {stems} in the import); kept as .bak"
        for what, stems in [
            ("activities.yaml and teaching.md", "activities"),
            ("awards.yaml and honors.md", "awards"),
            ("education.yaml and the Education section of experience.md", "education"),
            ("projects.yaml, projects.md and the Current projects section of index.md",
             "projects"),
            ("skills.yaml and skills.md", "skills"),
            ("talks.yaml and talks.md", "talks")]] + [
        "removed the starter's example introduction from index.md (the imported profile is "
        "the home page's now, with its summary if it has one); kept as .bak"]
    assert not [line for line in out if line.startswith("still the starter's examples")]
    for name in ["_data/activities.yaml", "teaching.md", "_data/awards.yaml", "honors.md",
                 "_data/education.yaml", "_data/projects.yaml", "projects.md",
                 "_data/skills.yaml", "skills.md", "_data/talks.yaml", "talks.md"]:
        assert not (docs / name).exists(), name
        assert (docs / f"{name}.bak").read_bytes() == before[f"docs/{name}"], name
    for name in ["experience.md", "index.md"]:
        assert (docs / f"{name}.bak").read_bytes() == before[f"docs/{name}"], name
    assert "## Education" not in (docs / "experience.md").read_text("utf-8")
    assert "## Research experience" in (docs / "experience.md").read_text("utf-8")
    index = (docs / "index.md").read_text("utf-8")
    assert index.startswith("# Ada Lovelace\n")
    assert "A short introduction" not in index and "Current projects" not in index
    assert "publications\nexperience\ncv\n```" in index  # the toctree: the pages left


def test_an_import_renames_the_starters_site(tmp_path: Path, resume: Path,
                                             capsys: Capture) -> None:
    site = tmp_path / "site"
    assert main(["new", str(site)]) == 0  # "Jane Doe"
    capsys.readouterr()
    docs = site / "docs"
    assert _imported(site, resume) == 0
    out = capsys.readouterr().out
    assert f"named the site Ada Lovelace in {docs / 'conf.py'} (project, html_title, the " \
           f"docstring), where the starter had Jane Doe (the previous one is kept as " \
           f"{docs / 'conf.py'}.bak)" in out
    assert f"named the site Ada Lovelace in {docs / 'index.md'} (the heading)" in out
    conf = (docs / "conf.py").read_text("utf-8")
    assert 'project = "Ada Lovelace"' in conf and 'html_title = "Ada Lovelace"' in conf
    assert "Jane Doe" not in conf
    assert (docs / "index.md").read_text("utf-8").startswith("# Ada Lovelace\n")
    assert 'project = "Jane Doe"' in (docs / "conf.py.bak").read_text("utf-8")


def test_a_name_the_user_changed_is_left_alone(tmp_path: Path, resume: Path,
                                              capsys: Capture) -> None:
    site = tmp_path / "site"
    assert main(["new", str(site)]) == 0
    docs = site / "docs"
    conf = (docs / "conf.py").read_text("utf-8").replace('html_title = "Jane Doe"',
                                                         'html_title = "My pages"')
    (docs / "conf.py").write_text(conf, "utf-8")
    capsys.readouterr()
    assert _imported(site, resume) == 0
    after = (docs / "conf.py").read_text("utf-8")
    assert 'html_title = "My pages"' in after and 'project = "Ada Lovelace"' in after


def test_a_site_with_the_users_own_entries_needs_force_and_keeps_them(
        site: Path, resume: Path, capsys: Capture) -> None:
    docs = site / "docs"
    # one example edited: the file is the user's now (added to, with --force)
    experience = docs / "_data" / "experience.yaml"
    experience.write_text(experience.read_text("utf-8").replace("Research Intern",
                                                                "Intern"), "utf-8")
    # a paper of the user's own beside the examples: the .bib file is the user's too
    with (docs / "refs.bib").open("a", encoding="utf-8") as stream:
        stream.write("\n@misc{mine2020, title = {My own paper}, year = {2020}}\n")
    before = _tree(site)
    assert _imported(site, resume) == 1
    refusal = _one_line_refusal(capsys)
    assert refusal.startswith(f"not importing into {docs} without --force, which would add "
                              "1 entry to _data/experience.yaml (keeping its 2); add 1 entry "
                              "to refs.bib (keeping its 3)")
    assert "profile.yaml" not in refusal  # the starter's profile needs no --force
    assert _tree(site) == before
    assert _imported(site, resume, "--force") == 0
    text = (docs / "refs.bib").read_text("utf-8")
    assert "My own paper" in text and "Faster Training" in text and "On engines" in text
    assert "Intern" in experience.read_text("utf-8") and "Acme" in experience.read_text("utf-8")


# --- the starter's examples the import has nothing for go, and only those ------------------


def test_a_talks_file_the_user_edited_is_kept_with_its_page(
        site: Path, resume: Path, capsys: Capture) -> None:
    docs = site / "docs"
    talks = docs / "_data" / "talks.yaml"
    talks.write_text(talks.read_text("utf-8").replace("Example Workshop on Learning",
                                                      "My own workshop"), "utf-8")
    before = _tree(site)
    assert _imported(site, resume) == 0
    out = capsys.readouterr().out
    assert talks.read_bytes() == before["docs/_data/talks.yaml"]
    assert (docs / "talks.md").read_bytes() == before["docs/talks.md"]
    assert not (docs / "_data" / "talks.yaml.bak").exists()
    assert not (docs / "talks.md.bak").exists()
    assert "\ntalks\n" in (docs / "index.md").read_text("utf-8")  # still in the toctree
    assert "talks.yaml and talks.md" not in out
    assert "kept as they were (not in the import): talks.yaml\n" in out
    # the other examples go all the same
    assert not (docs / "_data" / "awards.yaml").exists() and not (docs / "honors.md").exists()


def test_a_page_the_user_edited_keeps_its_examples(
        site: Path, resume: Path, capsys: Capture) -> None:
    """The user's own page may show the file in ways not known: the file stays, named."""
    docs = site / "docs"
    with (docs / "talks.md").open("a", encoding="utf-8") as stream:
        stream.write("\nAnd a word of my own.\n")
    before = _tree(site)
    assert _imported(site, resume) == 0
    out = capsys.readouterr().out
    for name in ["docs/talks.md", "docs/_data/talks.yaml"]:
        assert (site / name).read_bytes() == before[name]
    assert "\ntalks\n" in (docs / "index.md").read_text("utf-8")
    assert "still the starter's examples (the import has none of these): talks.yaml; " \
           "replace or delete them\n" in out


def test_a_home_page_the_user_edited_keeps_everything(
        site: Path, resume: Path, capsys: Capture) -> None:
    """Without the starter's home page nothing is taken out: its toctree is the user's."""
    docs = site / "docs"
    index = docs / "index.md"
    index.write_text(index.read_text("utf-8").replace("A short introduction",
                                                      "My introduction"), "utf-8")
    before = _tree(site)
    assert _imported(site, resume) == 0
    out = capsys.readouterr().out
    assert "removed" not in out
    after = _tree(site)
    for name in ["index.md", "talks.md", "_data/talks.yaml", "experience.md", "projects.md"]:
        assert after[f"docs/{name}"] == before[f"docs/{name}"], name
    assert "still the starter's examples (the import has none of these): activities.yaml, " \
           "awards.yaml, education.yaml, projects.yaml, skills.yaml, talks.yaml" in out


def test_no_education_and_no_experience_takes_their_page_out(
        tmp_path: Path, site: Path, capsys: Capture) -> None:
    docs = site / "docs"
    source = tmp_path / "papers.json"
    source.write_text('{"basics": {"name": "Ada Lovelace"}, "publications": [{"name": '
                      '"On engines", "releaseDate": "1843"}]}', "utf-8")
    assert main(["import", "jsonresume", str(source), "--site", str(docs)]) == 0
    out = capsys.readouterr().out
    assert "removed the starter's example education.yaml, experience.yaml and experience.md " \
           "(no education or experience in the import); kept as .bak\n" in out
    assert not (docs / "experience.md").exists() and (docs / "experience.md.bak").is_file()
    toctree = (docs / "index.md").read_text("utf-8")
    assert "publications\ncv\n```" in toctree


def test_links_are_not_the_starters_and_nothing_goes_through_them(
        tmp_path: Path, site: Path, resume: Path, capsys: Capture) -> None:
    """A page or data file that is a link (inside the site or out of it) is the user's
    doing: it stays, and so does what it points to."""
    docs = site / "docs"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "talks.md").write_bytes((docs / "talks.md").read_bytes())
    (docs / "talks.md").unlink()
    (docs / "talks.md").symlink_to(outside / "talks.md")
    (docs / "_data" / "shared").mkdir()
    (docs / "_data" / "awards.yaml").rename(docs / "_data" / "shared" / "awards.yaml")
    (docs / "_data" / "awards.yaml").symlink_to("shared/awards.yaml")
    before, before_outside = _tree(site), _tree(outside)
    assert _imported(site, resume) == 0
    out = capsys.readouterr().out
    after = _tree(site)
    for name in ["docs/talks.md", "docs/_data/talks.yaml", "docs/_data/awards.yaml",
                 "docs/_data/shared/awards.yaml", "docs/honors.md"]:
        assert after[name] == before[name], name
    assert _tree(outside) == before_outside
    assert "still the starter's examples (the import has none of these): awards.yaml, " \
           "talks.yaml; replace or delete them\n" in out
    assert not (docs / "skills.md").exists()  # the rest goes as ever
