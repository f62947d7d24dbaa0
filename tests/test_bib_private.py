"""What visitors get as BibTeX (the panels, each paper's .bib download, the published .bib,
the search index, CSL-JSON) holds bibliographic fields only: a reference manager's files,
notes, owners, groups and timestamps, other tools' fields and local paths stay in the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import warnings_of
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import Entry, Person
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import read_bib_text
from sphinx_portfolio.bib.export import PUBLIC_FIELDS, bibtex_entry

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
