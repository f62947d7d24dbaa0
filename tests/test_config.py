"""Settings in conf.py are checked once, at config-inited: each bad value is one
``portfolio.config`` warning at its line in conf.py, and the build goes on without it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import quick_first
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_portfolio.config import PREFIX, PortfolioConfig


def _build(make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path,
           conf_lines: str, builder: str = "html", **overrides: object) -> tuple[Path, str]:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-pdf", srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8") + conf_lines, "utf-8")
    app = make_app(builder, srcdir=srcdir, confoverrides=overrides or None)
    app.build()
    return conf, strip_escape_sequences(app.warning.getvalue())


def _line(conf: Path, text: str) -> int:
    return next(number for number, line in enumerate(conf.read_text("utf-8").splitlines(), 1)
                if text in line)


def test_a_wrong_type_is_one_located_warning(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    conf, warnings = _build(make_app, rootdir, tmp_path, "portfolio_data_dir = 3\n")
    line = _line(conf, "portfolio_data_dir = 3")
    assert warnings.splitlines() == [
        f"{conf}:{line}: WARNING: portfolio_data_dir: input should be a valid string, not 3; "
        "using the default [portfolio.config]"
    ]
    # the default folder was used: the tables still render
    assert "An older example project" in (tmp_path / "src" / "_build" / "html" /
                                          "projects.html").read_text("utf-8")


@pytest.mark.slow  # a build of its own
def test_an_unknown_variant_key_is_one_warning_at_its_line(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    conf, warnings = _build(make_app, rootdir, tmp_path, (
        "portfolio_pdf_variants = {\n"
        '    "short": {"limit": {"projects": 1}},\n'
        '    "tiny": {\n'
        '        "notes": False,\n'
        '        "limits": {"awards": 2},\n'
        "    },\n"
        "}\n"
    ))
    line = _line(conf, '"limits"')
    assert warnings.splitlines() == [
        f"{conf}:{line}: WARNING: portfolio_pdf_variants['tiny']['limits']: unknown key "
        "(did you mean 'limit'?); ignored [portfolio.config]"
    ]


def test_every_bad_value_is_reported_and_the_good_ones_kept(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    conf, warnings = _build(make_app, rootdir, tmp_path, (
        'portfolio_pdf_keywords = "examples, samples"\n'
        'portfolio_venue_abbreviations = {"Journal of Examples": 7}\n'
        'portfolio_pdf_subject = "Curriculum Vitae of an example"\n'
    ), builder="cvpdf")
    found = re.findall(r"conf\.py:(\d+): WARNING: (portfolio_\w+).*\[portfolio\.config\]",
                       warnings)
    assert found == [  # in the order the settings are declared
        (str(_line(conf, "portfolio_venue_abbreviations")), "portfolio_venue_abbreviations"),
        (str(_line(conf, 'portfolio_pdf_keywords = "')), "portfolio_pdf_keywords"),
    ]
    assert len(warnings.splitlines()) == 2  # and no second, unlocated one from Sphinx
    pdf = tmp_path / "src" / "_build" / "cvpdf" / "Ada_Example_CV.pdf"
    metadata = PdfReader(pdf).metadata
    assert metadata is not None and metadata.subject == "Curriculum Vitae of an example"


@pytest.mark.slow  # a build of its own
def test_a_variant_name_that_is_not_a_string_is_reported_at_the_variants(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    conf, warnings = _build(make_app, rootdir, tmp_path, 'portfolio_pdf_variants[5] = {}\n')
    line = _line(conf, "portfolio_pdf_variants = {")  # where the setting is made
    assert warnings.splitlines() == [
        f"{conf}:{line}: WARNING: portfolio_pdf_variants[5]: input should be a valid string, "
        "not 5; ignored [portfolio.config]"
    ]
    assert sorted(path.name for path in (tmp_path / "src" / "_build" / "html").glob("*.pdf")) \
        == ["Ada_Example_CV.pdf", "Ada_Example_CV_short.pdf"]


@pytest.mark.sphinx("html", testroot="pdf", srcdir="config-declared")
def test_every_setting_is_registered_typed_and_described(app: SphinxTestApp) -> None:
    for name in PortfolioConfig.model_fields:
        value = app.config._options[PREFIX + name]  # Sphinx's own record of the setting
        assert value.description and value.valid_types, name
        assert value.rebuild in {"env", "html", ""}, name


@pytest.mark.parametrize("folder", quick_first([".", "..", "../data", "/tmp", "_data/../.."]))
def test_a_data_folder_outside_the_source_is_refused(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path, folder: str,
) -> None:
    """Issue 22: ``portfolio_data_dir = "."`` put the data files' schemas in the site's
    parent; a folder outside the source would publish what the site does not hold."""
    conf, warnings = _build(make_app, rootdir, tmp_path, f"portfolio_data_dir = {folder!r}\n")
    line = _line(conf, "portfolio_data_dir = ")
    assert warnings.splitlines() == [
        f"{conf}:{line}: WARNING: portfolio_data_dir: value error, must be a folder inside the "
        f"source folder (relative, no '..'), not {folder!r}; using the default "
        "[portfolio.config]"
    ]
    assert "An older example project" in (tmp_path / "src" / "_build" / "html" /
                                          "projects.html").read_text("utf-8")


@pytest.mark.slow  # a build of its own
def test_a_data_folder_inside_the_source_is_normalised(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    _, warnings = _build(make_app, rootdir, tmp_path, 'portfolio_data_dir = "./_data/"\n')
    assert "portfolio" not in warnings
    assert PortfolioConfig.model_validate({"data_dir": "./_data/"}).data_dir == "_data"


@pytest.mark.parametrize(("conf_lines", "shown"), quick_first([
    ("", "Ada Example"),  # the profile's name, as ``author`` (conf.py names none)
    ('author = "A. Example"\n', "A. Example"),
    ('copyright = "2020, Ada Example"\n', "2020, Ada Example"),
]))
def test_the_footer_names_the_owner(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path, conf_lines: str,
    shown: str,
) -> None:
    """Issue 21: a site whose conf.py names no copyright showed "Copyright ©" and nothing."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-tables", srcdir)
    conf = srcdir / "conf.py"
    without_author = conf.read_text("utf-8").replace('author = "Ada Example"\n', "")
    conf.write_text(without_author + 'html_theme = "furo"\n' + conf_lines, "utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    footer = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert re.search(rf"Copyright\s*&#169;\s*{re.escape(shown)}", footer), shown
