"""Untrusted data files (a pull request's YAML): past every bound, one located warning.

Each case edits a copy of the ``untrusted-data`` root (three awards, one project, a profile with
two links), generating its big, deep or explosive input here rather than committing it, then
builds the HTML site under each theme of ``helpers.THEMES`` and checks: the build ends in
seconds, with no traceback, with exactly the one expected warning at its ``file:line``, nothing on
any page that runs (``helpers.assert_inert``), and everything else still rendered.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_inert, by_theme, html_text, warnings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.data import KINDS, load_list
from sphinx_portfolio.data.yaml_reader import MAX_DEPTH, MAX_FILE_BYTES

#: Generous: each case builds in about a second; before the bounds some never finished.
SECONDS = 20
AWARDS = ["First Prize of Examples", "Second Prize of Samples", "Third Prize of Tests"]
PROJECT = "An Example Project"

pytestmark = pytest.mark.sphinx("html", testroot="untrusted-data")


def _build(
    app_params: Any, make_app: Callable[..., SphinxTestApp], edit: Callable[[Path], None]
) -> SphinxTestApp:
    """Edit the copy's ``_data`` folder, then build it, within :data:`SECONDS`, into pages that
    hold nothing that runs."""
    args, kwargs = app_params
    edit(Path(kwargs["srcdir"]) / "_data")
    app = make_app(*args, **kwargs)
    start = time.monotonic()
    app.build()
    assert time.monotonic() - start < SECONDS
    assert_inert(app.outdir)
    return app


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _the_warning(app: SphinxTestApp, location: str, subtype: str, words: list[str]) -> None:
    """Exactly one warning, at ``location`` (a ``file:line`` suffix), of ``subtype``."""
    warnings = warnings_of(app)
    assert "Traceback" not in warnings and "Exception" not in warnings
    lines = [line for line in warnings.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    where, _, rest = lines[0].partition(": WARNING: ")
    assert where.endswith(location), lines[0]
    assert rest.endswith(f"[portfolio.{subtype}]"), lines[0]
    for word in words:
        assert word in rest


def _page(app: SphinxTestApp) -> str:
    return html_text(Path(app.outdir) / "index.html")


def _renders(app: SphinxTestApp, *present: str, absent: tuple[str, ...] = ()) -> None:
    page = _page(app)
    for text in present:
        assert text in page
    for text in absent:
        assert text not in page


# The awards file has 10 lines: an appended entry starts at line 11, its third key at line 13.
_ENTRY = "- id: {id}\n  title: {title}\n  start: 2022\n"


@pytest.mark.parametrize("theme", by_theme(srcdir="untrusted-big-number"))
def test_a_number_of_5000_digits_loses_its_entry(
    theme: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    def edit(data: Path) -> None:  # Python refuses to convert an int of over 4,300 digits
        _append(data / "awards.yaml", "- id: big\n  title: Big Number Prize\n  start: "
                + "9" * 5000 + "\n")

    app = _build(app_params, make_app, edit)
    _the_warning(app, "_data/awards.yaml:13", "limit",
                 ["start: number of 5,000 characters", "the entry is left out", "quote it"])
    _renders(app, *AWARDS, PROJECT, absent=("Big Number Prize",))


@pytest.mark.slow  # a build of its own
@pytest.mark.parametrize("theme", by_theme(srcdir="untrusted-deep-block"))
def test_300_levels_of_block_nesting_lose_their_entry(
    theme: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    def edit(data: Path) -> None:  # nested lists, one level per line: detail at line 14
        deep = "".join("  " * (level + 2) + "-\n" for level in range(300))
        _append(data / "awards.yaml", _ENTRY.format(id="deep", title="Deep Prize")
                + "  detail:\n" + deep)

    app = _build(app_params, make_app, edit)
    # the file's list and the entry are 2 levels; detail's lists start at line 15
    line = 15 + MAX_DEPTH - 2
    _the_warning(app, f"_data/awards.yaml:{line}", "limit",
                 [f"detail.0.0.0\N{HORIZONTAL ELLIPSIS}: lists and mappings nested more than "
                  f"{MAX_DEPTH} levels deep", "the entry is left out", "flatten"])
    _renders(app, *AWARDS, PROJECT, absent=("Deep Prize",))


@pytest.mark.slow  # a build of its own
@pytest.mark.parametrize("theme", by_theme(srcdir="untrusted-deep-flow"))
def test_300_levels_of_brackets_skip_their_file(
    theme: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    def edit(data: Path) -> None:  # the scanner's work per token grows with '[' depth
        _append(data / "projects.yaml", "- id: deep\n  title: Deep\n  start: 2020\n  notes: "
                + "[" * 300 + "]" * 300 + "\n")

    app = _build(app_params, make_app, edit)
    _the_warning(app, "_data/projects.yaml:8", "limit",
                 [f"nested more than {MAX_DEPTH} levels deep", "the file is skipped"])
    _renders(app, *AWARDS, "Researcher", absent=(PROJECT,))


@pytest.mark.parametrize("theme", by_theme(srcdir="untrusted-alias-bomb"))
def test_an_alias_bomb_loses_its_entry(
    theme: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    def edit(data: Path) -> None:  # 9 ** 9 values once expanded, from a dozen lines
        levels = "".join(
            f"  t{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]\n"
            for level in range(1, 10)
        )
        _append(data / "awards.yaml", _ENTRY.format(id="bomb", title="Bomb Prize")
                + "  t0: &a0 [x, x, x, x, x, x, x, x, x]\n" + levels)

    app = _build(app_params, make_app, edit)
    _the_warning(app, "_data/awards.yaml:15", "limit",
                 ["t1.0: YAML alias '*a0' refused (and 80 more in this entry)",
                  "the entry is left out", "allow no aliases"])
    _renders(app, *AWARDS, PROJECT, absent=("Bomb Prize",))


@pytest.mark.slow  # writes 50 MB, then builds
@pytest.mark.parametrize("theme", by_theme(srcdir="untrusted-huge-file"))
def test_a_50_mb_file_is_skipped(
    theme: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    def edit(data: Path) -> None:
        entry = "- id: filler\n  title: Filler Prize\n  start: 2020\n"
        with (data / "awards.yaml").open("a", encoding="utf-8") as stream:
            stream.write(entry * (50 * 1024 * 1024 // len(entry)))

    app = _build(app_params, make_app, edit)
    _the_warning(app, "_data/awards.yaml:1", "limit",
                 [f"larger than {MAX_FILE_BYTES // 1024} KiB, skipped", "a few KB"])
    _renders(app, PROJECT, "Researcher", "GitHub", absent=(*AWARDS, "Filler Prize"))


@pytest.mark.parametrize("theme", by_theme(srcdir="untrusted-duplicate-key"))
def test_a_duplicate_key_loses_only_that_key(
    theme: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    def edit(data: Path) -> None:  # a second 'title' in the second award, at line 7
        path = data / "awards.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("  start: 2020\n", "  title: Other\n  start: 2020\n"),
                        encoding="utf-8")

    app = _build(app_params, make_app, edit)
    _the_warning(app, "_data/awards.yaml:7", "yaml",
                 ["duplicate key 'title' (first given at line 6)", "second value is ignored"])
    _renders(app, *AWARDS, PROJECT, absent=("Other",))


@pytest.mark.slow  # a build of its own
@pytest.mark.parametrize("theme", by_theme(srcdir="untrusted-latin-1"))
def test_a_byte_that_is_not_utf8_loses_only_its_entry(
    theme: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    def edit(data: Path) -> None:  # 'Échantillons' saved as Latin-1, in the second award
        path = data / "awards.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_bytes(text.replace("Samples", "\xc9chantillons").encode("latin-1"))

    app = _build(app_params, make_app, edit)
    _the_warning(app, "_data/awards.yaml:6", "file",
                 ["byte 0xc9 is not UTF-8 text", "the entry is left out", "save the file as UTF-8"])
    _renders(app, AWARDS[0], AWARDS[2], PROJECT, absent=("chantillons",))


@pytest.mark.slow  # a build of its own
@pytest.mark.parametrize("theme", by_theme(srcdir="untrusted-profile-link"))
def test_a_bad_profile_link_loses_only_that_link(
    theme: str, app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    def edit(data: Path) -> None:
        path = data / "profile.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("https://scholar.example.org/ada", "javascript:alert(1)"),
                        encoding="utf-8")

    app = _build(app_params, make_app, edit)
    _the_warning(app, "_data/profile.yaml:8", "url",
                 ["links.1.url: 'javascript:alert(1)' is not an http(s) or mailto link",
                  "the link is left out"])
    _renders(app, "Researcher", "GitHub", "Research interests",
             *AWARDS, PROJECT, absent=("Scholar",))
    assert "javascript:" not in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


# -- random nesting, at the loader (fast) ---------------------------------------------------


@st.composite
def nested(draw: st.DrawFn) -> tuple[str, str, int]:
    """An award's ``detail`` nested 0-60 levels, in brackets, in block lists or compact lists."""
    depth = draw(st.integers(0, 60))
    style = draw(st.sampled_from(["flow", "block", "compact"]))
    if style == "flow":
        value = " " + "[" * depth + "x" + "]" * depth + "\n"
    elif style == "compact":
        value = "\n    " + "- " * depth + "x\n"
    else:
        value = "\n" + "".join("  " * (level + 2) + "-\n" for level in range(depth))
    return "- id: deep\n  title: Deep\n  start: 2020\n  detail:" + value, style, depth


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=nested())
def test_any_nesting_gives_data_or_one_located_limit(case: tuple[str, str, int]) -> None:
    text, style, depth = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "awards.yaml"
        path.write_text("- id: good\n  title: Good\n  start: 2020\n" + text, encoding="utf-8")
        start = time.monotonic()
        loaded = load_list(path, KINDS["awards"])
        assert time.monotonic() - start < 2
    ids = [record.entry.id for record in loaded.records]
    limits = [problem for problem in loaded.problems if problem.subtype == "limit"]
    assert all(problem.line >= 1 for problem in loaded.problems)
    if 2 + depth > MAX_DEPTH:  # the file's list and the entry are two levels
        assert len(limits) == 1, loaded.problems
        assert "nested more than" in limits[0].message
        # past MAX_DEPTH brackets themselves (not the levels around them) skip the file
        assert ids == ([] if style == "flow" and depth > MAX_DEPTH else ["good"])
    else:
        assert not limits and "good" in ids


def _outside(name: str, text: str) -> Path:
    """A file outside every site's source folder (a home folder's, say)."""
    folder = Path(tempfile.mkdtemp(prefix="outside-the-site-"))
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


_SECRET = "- id: secret\n  title: Secret Prize of Elsewhere\n  start: 2022\n"


@pytest.mark.sphinx("html", testroot="untrusted-data", srcdir="untrusted-symlink")
def test_a_data_file_linked_from_outside_the_site_is_not_read(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    """Issue 22: a symlink in ``_data`` read YAML from outside ``docs/`` into the site."""
    def edit(data: Path) -> None:
        (data / "awards.yaml").unlink()
        (data / "awards.yaml").symlink_to(_outside("awards.yaml", _SECRET))

    app = _build(app_params, make_app, edit)
    _the_warning(app, "_data/awards.yaml:1", "file",
                 ["not read", "outside the site's source folder", "keep the file itself inside"])
    _renders(app, PROJECT, absent=("Secret Prize",))


@pytest.mark.slow  # a build of its own
@pytest.mark.sphinx("html", testroot="untrusted-data", srcdir="untrusted-outside-table")
def test_a_table_of_a_file_outside_the_site_is_not_read(
    app_params: Any, make_app: Callable[..., SphinxTestApp]
) -> None:
    """Issue 22: a table's argument (``../../x.yaml``, or through a symlinked folder) read YAML
    from outside ``docs/``; it is one warning at the directive."""
    def edit(data: Path) -> None:
        outside = _outside("awards.yaml", _SECRET)
        index = data.parent / "index.md"
        relative = Path("..") / ".." / ".." / ".." / ".." / ".." / ".." / ".." / ".."
        _append(index, f"\n```{{award-table}} {relative}{outside}\n```\n")

    app = _build(app_params, make_app, edit)
    _the_warning(app, "index.md:12", "file", ["not read", "outside the site's source folder"])
    _renders(app, *AWARDS, PROJECT, absent=("Secret Prize",))
