"""Citation counts and h-index come only from a dated, hand-copied data file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.bib import h_index

BIB = "".join(
    f"@misc{{paper{n}, title={{Paper {n}}}, author={{Example, Ada}}, year={{2020}}}}\n"
    for n in range(4)
)
COUNTS = """\
as_of: 2026-11-01
source: A fictional index
counts:
  paper0: 10
  paper1: 3
  paper2: 2
  papr3: 1
"""


@pytest.mark.parametrize(("counts", "expected"), [
    ([], 0), ([0, 0], 0), ([1], 1), ([10, 3, 2, 1], 2), ([5, 5, 5, 5, 5], 5), ([9, 8, 7], 3),
])
def test_h_index(counts: list[int], expected: int) -> None:
    assert h_index(counts) == expected


def _metrics(app_params: Any, make_app: Callable[..., SphinxTestApp], bib: str,
             counts: str | None = None) -> tuple[SphinxTestApp, list[str]]:
    """Build a page of the metrics and the list of ``bib`` (and ``counts`` as
    citations.yaml); the app and the metrics' items as text."""
    args, kwargs = app_params
    srcdir = kwargs["srcdir"]
    (srcdir / "refs.bib").write_text(bib, encoding="utf-8")
    if counts is not None:
        (srcdir / "_data" / "citations.yaml").write_text(counts, encoding="utf-8")
    (srcdir / "index.md").write_text(
        "# Metrics\n\n```{publication-metrics}\n```\n\n```{bibliography}\n:all:\n```\n",
        encoding="utf-8",
    )
    html = make_app(*args, **kwargs)
    html.build()
    soup = BeautifulSoup((html.outdir / "index.html").read_text("utf-8"), "html.parser")
    return html, [li.get_text(" ", strip=True) for li in soup.select(".portfolio-metrics li")]


# The copy keeps the root's folder name ("options/..."): warnings show it.
@pytest.mark.sphinx("html", testroot="options", srcdir="citation-counts/options")
def test_metrics_state_counts_with_source_and_date(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    html, items = _metrics(app_params, make_app, BIB, COUNTS)
    assert "Citations: 16, h-index 2 (A fictional index, 2026-11-01)." in items
    # the misspelled key is reported at its line, with a hint
    assert ("options/_data/citations.yaml:7: WARNING: counts.papr3: unknown BibTeX key 'papr3' "
            "(did you mean 'paper3'?) [portfolio.ref]") in warnings_of(html)


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="options", srcdir="citation-counts-undated")
def test_an_undated_file_is_rejected(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    args, kwargs = app_params
    srcdir = kwargs["srcdir"]
    (srcdir / "_data" / "citations.yaml").write_text(
        "source: Somewhere\ncounts: {unused: 3}\n", encoding="utf-8"
    )
    (srcdir / "index.md").write_text("# M\n\n```{publication-metrics}\n```\n", encoding="utf-8")
    html = make_app(*args, **kwargs)
    html.build()
    assert "citations.yaml:1: WARNING: missing required field 'as_of'" in warnings_of(html)
    soup = BeautifulSoup((html.outdir / "index.html").read_text("utf-8"), "html.parser")
    assert "Citations" not in soup.select_one(".portfolio-metrics").get_text()


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="options", srcdir="metrics-one-paper")
def test_one_publication_is_counted_in_the_singular(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    """Issue 21: an import of one paper read "1 publications: 1 other."."""
    _, items = _metrics(app_params, make_app, BIB.splitlines()[0] + "\n")
    assert items[0] == "1 publication: 1 preprint.", items
