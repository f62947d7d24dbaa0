"""The contract of ``_compat/bibtex.py``: what it reads and writes of sphinxcontrib-bibtex's
``cite`` domain is where it was written against (behaviour: test_publications,
test_pub_anchors, test_pub_buttons, test_pub_paper_pages)."""

from __future__ import annotations

import inspect
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

import sphinxcontrib.bibtex
from sphinx_portfolio._compat import bibtex as compat
from sphinxcontrib.bibtex import bibfile, directives, domain

INSTALLED = version("sphinxcontrib-bibtex")
WRITTEN = f"written against {', '.join(compat.WRITTEN_AGAINST)}"


def _fields(kind: type[NamedTuple]) -> set[str]:
    return set(kind._fields)


def test_the_domain_data_has_the_shape_written_against() -> None:
    data = domain.BibtexDomain.initial_data
    assert {"bibdata", "bibliographies", "citations"} <= set(data), (
        f"sphinxcontrib-bibtex {INSTALLED}: BibtexDomain.initial_data has {sorted(data)} "
        f"({WRITTEN})")
    assert isinstance(data["bibdata"], bibfile.BibData), f"data['bibdata'] ({WRITTEN})"
    for name in ("bibdata", "bibliographies", "citations"):
        assert isinstance(getattr(domain.BibtexDomain, name, None), property), (
            f"sphinxcontrib-bibtex {INSTALLED}: BibtexDomain.{name} is no property ({WRITTEN})")
    expected = {
        bibfile.BibData: {"encoding", "bibfiles", "data"},
        bibfile.BibFile: {"mtime", "keys"},
        directives.BibliographyKey: {"docname"},
        directives.BibliographyValue: {"line", "list_", "keyprefix", "citation_nodes"},
        domain.Citation: {"citation_id", "bibliography_key", "entry", "formatted_entry"},
    }
    for kind, fields in expected.items():
        assert fields <= _fields(kind), (
            f"sphinxcontrib-bibtex {INSTALLED}: {kind.__qualname__} lacks "
            f"{sorted(fields - _fields(kind))} ({WRITTEN})")


def test_its_cache_check_keeps_a_bibliography_with_current_times(tmp_path: Path) -> None:
    """keep_our_bibliography relies on builder-inited keeping bibdata it finds up to date."""
    path = tmp_path / "refs.bib"
    path.write_text("@misc{a, title={A}}\n", "utf-8")
    kept = bibfile.BibData(encoding="utf-8", data=bibfile.parse_bibdata([path], "utf-8").data,
                           bibfiles={path: bibfile.BibFile(mtime=bibfile.get_mtime(path),
                                                           keys={"a": None})})
    assert bibfile.process_bibdata(kept, [path], "utf-8") is kept, (
        f"sphinxcontrib-bibtex {INSTALLED} parses .bib files again although their times are "
        f"current: our lenient reader's bibliography would be replaced ({WRITTEN})")
    source = inspect.getsource(sphinxcontrib.bibtex)
    assert "process_bibdata(" in source and 'dom.data["bibdata"]' in source, (
        f"sphinxcontrib-bibtex {INSTALLED}'s builder-inited no longer updates data['bibdata'] "
        f"through process_bibdata ({WRITTEN})")
