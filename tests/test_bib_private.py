"""What visitors get as BibTeX (the panels, each paper's .bib download, the published .bib,
the search index, CSL-JSON) holds bibliographic fields only: a reference manager's files,
notes, owners, groups and timestamps, other tools' fields and local paths stay in the build."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import warnings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import Entry, Person
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import read_bib_text
from sphinx_portfolio.bib.export import PUBLIC_FIELDS, bibtex_entry
from sphinx_portfolio.interchange import InterchangeError, import_resume

SECRETS = ("UNDER-EMBARGO", "SECRET", "ada-owner", "2024.01.02", "/home/ada", "file:")


@pytest.mark.sphinx("html", testroot="bib-private", srcdir="bib-private")
def test_no_private_field_reaches_a_visitor(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    outdir = Path(app.outdir)
    published = [outdir / "publications.html", outdir / "searchindex.js",
                 *outdir.rglob("*.bib"), *outdir.rglob("*.json"), *outdir.rglob("*.atom"),
                 *(outdir / "publications").glob("*.html")]
    assert len([path for path in published if path.suffix == ".bib"]) == 2  # refs, paper
    for path in published:
        text = path.read_text("utf-8")
        for secret in SECRETS:
            assert secret not in text, (path.name, secret)
    download = (outdir / "publications" / "example2024private.bib").read_text("utf-8")
    for kept in ("A Paper With Private Fields", "Journal of Examples", "10.1234/example.2024",
                 "Presented at the Example Workshop", "Example, Ada and Sample, Bob"):
        assert kept in download, kept


def test_a_key_no_reader_could_split() -> None:
    entry = Entry("misc", fields={"title": "T", "year": "2020"})
    entry.key = "a@misc{forged"
    written = bibtex_entry(entry)
    again = read_bib_text(written).data.entries
    assert list(again) == ["a_misc_forged"]


_NAMES = st.one_of(st.sampled_from(sorted(PUBLIC_FIELDS)),
                   st.from_regex(r"[a-z][a-z_+-]{0,15}", fullmatch=True))
_VALUES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@pytest.mark.slow  # 200 examples
@settings(max_examples=200, deadline=None)
@given(fields=st.dictionaries(_NAMES, _VALUES, max_size=6))
def test_only_bibliographic_fields_leave_the_build(fields: dict[str, str]) -> None:
    """Whatever an entry holds, its download has only allowed fields, and reads back as
    exactly one entry with the same key."""
    entry = Entry("article", fields={"title": "A Title", **fields},
                  persons={"author": [Person("Example, Ada")]})
    entry.key = "example2024"
    written = bibtex_entry(entry)
    bib = read_bib_text(written)
    assert list(bib.data.entries) == ["example2024"], written
    names = {name.lower() for name in bib.data.entries["example2024"].fields}
    assert names <= PUBLIC_FIELDS, names - PUBLIC_FIELDS
    for name in fields:
        if name.lower() not in PUBLIC_FIELDS:
            assert f"\n  {name.lower()} = " not in written


_KEYS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                max_size=30)


@settings(max_examples=200, deadline=None)
@given(key=_KEYS, fields=st.dictionaries(_NAMES, _VALUES, max_size=4))
def test_any_key_reads_back_as_one_entry_with_the_key_written(
        key: str, fields: dict[str, str]) -> None:
    """A key with a brace, a comma, ``@``, a quote or a space (a co-author's .bib, a hostile
    one) is written so a reader finds exactly one entry, with the key as written."""
    entry = Entry("misc", fields={"title": "A Title", **fields})
    entry.key = key
    written = bibtex_entry(entry)
    first_line = written.split("\n", 1)[0]
    shown_key = first_line[len("@misc{"):-1]
    assert list(read_bib_text(written).data.entries) == [shown_key], written


_RENDERCV_PUBLICATION = st.fixed_dictionaries(
    {"title": _VALUES.filter(str.strip), "authors": st.lists(_VALUES, min_size=1, max_size=3)},
    optional={"journal": _VALUES, "doi": _VALUES, "url": _VALUES, "date": _VALUES,
              "summary": _VALUES, "note": _VALUES, "file": _VALUES, "owner": _VALUES},
)


@pytest.mark.slow  # 100 imports, each written and read again
@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(publications=st.lists(_RENDERCV_PUBLICATION, min_size=1, max_size=3))
def test_a_yaml_value_reaches_a_download_only_in_an_allowed_field(
        tmp_path: Path, publications: list[dict[str, object]]) -> None:
    """A YAML value (a RenderCV file's publications, imported into refs.bib) reaches what
    visitors download only in a bibliographic field, and each download is one entry with
    the key the import gave it."""
    source = tmp_path / "cv.yaml"
    document = {"cv": {"name": "Ada Example", "sections": {"publications": publications}}}
    source.write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
    try:
        imported = import_resume("rendercv", source)
    except InterchangeError:
        return  # refused whole, with its one line: nothing reaches a visitor
    for key, entry in read_bib_text(imported.bib).data.entries.items():
        written = bibtex_entry(entry)
        again = read_bib_text(written).data.entries
        assert list(again) == [key], written
        assert {name.lower() for name in again[key].fields} <= PUBLIC_FIELDS
