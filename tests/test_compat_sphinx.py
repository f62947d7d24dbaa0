"""Contract tests for :mod:`sphinx_portfolio._compat.sphinx`: what it relies on in Sphinx
and docutils is still where it was. Each failure names the private name and the
installed version, so an upgrade that moves it says what to fix."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import docutils
import pytest
import sphinx
from docutils import nodes
from docutils.parsers.rst import directives, roles
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio._compat.sphinx import (
    amend_rendered_templates,
    builder_app,
    config_as_written,
    config_given,
    leave_out_general_index,
    local_toctree,
    registered_directives,
    registered_roles,
    resolving_as,
    uses_general_index,
)

SPHINX = f"Sphinx {sphinx.__version__}"
DOCUTILS = f"docutils {docutils.__version__}"


def _compat_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
                 options: Any = None, content: Any = None) -> tuple[list[nodes.Node], list[Any]]:
    return [nodes.Text(text)], []


def _amend_with_marker(page: str, template: str, context: dict[str, Any]) -> str:
    return page.replace("</body>", f"<!-- amended {template} --></body>")


def _setup_app(app: SphinxTestApp) -> None:
    """What an extension's setup and ``builder-inited`` would do (the app is made by now)."""
    app.add_role("compat-test-role", _compat_role)
    assert isinstance(app.builder, StandaloneHTMLBuilder)
    amend_rendered_templates(app.builder, _amend_with_marker)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """A two-page HTML site (no theme but Sphinx's own), built once."""
    root = tmp_path_factory.mktemp("compat-sphinx")
    srcdir = root / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('project = "Compat"\nhtml_use_index = True\n')
    (srcdir / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   other\n")
    (srcdir / "other.rst").write_text("Other\n=====\n\n:compat-test-role:`x`\n")
    app = SphinxTestApp("html", srcdir=srcdir, builddir=root / "build",
                        confoverrides={"html_title": "Given with -D"})
    _setup_app(app)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def test_config_raw_config_holds_what_conf_py_wrote(built: SphinxTestApp) -> None:
    assert isinstance(getattr(built.config, "_raw_config", None), dict), (
        f"Config._raw_config (conf.py's names as written) is gone or no dict in {SPHINX}")
    assert config_as_written(built.config)["project"] == "Compat"
    assert "html_title" not in config_as_written(built.config)


def test_config_overrides_is_public_and_holds_dash_d(built: SphinxTestApp) -> None:
    assert isinstance(inspect.getattr_static(Config, "overrides", None), property), (
        f"Config.overrides (the -D values) is no longer a property in {SPHINX}")
    assert built.config.overrides == {"html_title": "Given with -D"}
    assert config_given(built.config, "project")
    assert config_given(built.config, "html_title")
    assert not config_given(built.config, "html_logo")


def test_get_local_toctree_takes_a_pagename_and_keywords(built: SphinxTestApp) -> None:
    method = getattr(StandaloneHTMLBuilder, "_get_local_toctree", None)
    assert method is not None, f"StandaloneHTMLBuilder._get_local_toctree is gone in {SPHINX}"
    parameters = inspect.signature(method).parameters
    assert list(parameters)[:2] == ["self", "docname"], (
        f"_get_local_toctree's signature changed in {SPHINX}: {list(parameters)}")
    assert any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()), (
        f"_get_local_toctree no longer takes the template's keywords in {SPHINX}")
    assert isinstance(built.builder, StandaloneHTMLBuilder)
    made = local_toctree(built.builder, "index", collapse=False)
    assert 'href="other.html"' in made, f"_get_local_toctree made no toctree in {SPHINX}: {made}"


def test_docutils_registries_hold_sphinx_directives_and_roles(built: SphinxTestApp) -> None:
    assert isinstance(getattr(directives, "_directives", None), dict), (
        f"docutils.parsers.rst.directives._directives is gone or no dict in {DOCUTILS}")
    assert isinstance(getattr(roles, "_roles", None), dict), (
        f"docutils.parsers.rst.roles._roles is gone or no dict in {DOCUTILS}")
    assert registered_directives().get("toctree") is not None, (
        f"Sphinx ({SPHINX}) no longer registers directives in docutils' _directives")
    assert registered_roles().get("compat-test-role") is _compat_role, (
        f"app.add_role ({SPHINX}) no longer registers in docutils' _roles ({DOCUTILS})")


def test_env_builder_cls_is_what_post_transforms_ask(built: SphinxTestApp) -> None:
    if sphinx.version_info[0] < 9:
        assert getattr(built.env, "_builder_cls", None) is None
        return
    assert getattr(built.env, "_builder_cls", None) is StandaloneHTMLBuilder, (
        f"BuildEnvironment._builder_cls (the post-transforms' builder) changed in {SPHINX}")


def test_resolving_as_swaps_and_puts_back_the_builder_class(built: SphinxTestApp) -> None:
    class OtherBuilder(StandaloneHTMLBuilder):
        name = "compat-other"

    other = OtherBuilder.__new__(OtherBuilder)
    before = getattr(built.env, "_builder_cls", None)
    with resolving_as(built.env, other):
        if before is not None:
            assert built.env._builder_cls is OtherBuilder
    assert getattr(built.env, "_builder_cls", None) is before


def test_templates_render_is_what_every_page_goes_through(built: SphinxTestApp) -> None:
    assert callable(getattr(built.builder.templates, "render", None)), (
        f"builder.templates.render is gone in {SPHINX}")
    for page in ("index", "other", "search", "genindex"):
        written = (built.outdir / f"{page}.html").read_text(encoding="utf-8")
        assert f"<!-- amended {'page' if page in ('index', 'other') else page}.html -->" in (
            written), f"{page}.html did not go through builder.templates.render in {SPHINX}"


def test_use_index_is_the_builders_setting(built: SphinxTestApp) -> None:
    assert isinstance(built.builder, StandaloneHTMLBuilder)
    assert getattr(built.builder, "use_index", None) is True, (
        f"StandaloneHTMLBuilder.use_index (from html_use_index) is gone in {SPHINX}")
    assert uses_general_index(built.builder)
    leave_out_general_index(built.builder)
    assert not uses_general_index(built.builder)
    built.builder.use_index = True


def test_builder_app_is_the_application(built: SphinxTestApp) -> None:
    if sphinx.version_info[0] >= 9:
        assert getattr(built.builder, "_app", None) is built, (
            f"Builder._app (the application, Builder.app deprecated) is gone in {SPHINX}")
    assert builder_app(built.builder) is built
