"""What the extension adds to the configuration is the same in every build, so an
unchanged project rebuilds without a "configuration has changed" for our settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpers import build_twice
from sphinx.testing.util import SphinxTestApp


@pytest.mark.slow  # two builds
@pytest.mark.sphinx("html", testroot="tables", srcdir="incremental-tables")
def test_a_second_build_finds_our_settings_unchanged(
    app_params: Any, make_app: Callable[..., SphinxTestApp],
) -> None:
    again = build_twice(make_app, app_params)
    status = again.status.getvalue()
    changed = [line for line in status.splitlines() if "configuration has changed" in line]
    assert not any("html_static_path" in line or "portfolio_" in line for line in changed), changed
    assert (again.outdir / "_static" / "sphinx-portfolio.css").is_file()
    assert "sphinx-portfolio.css" in (again.outdir / "index.html").read_text("utf-8")


LAYOUT = '{%% extends "!layout.html" %%}{%% block extrahead %%}<meta name="marker" content="%s">' \
         '{{ super() }}{%% endblock %%}'


@pytest.mark.sphinx("html", testroot="tables", srcdir="incremental-templates",
                    confoverrides={"templates_path": ["_templates"]})
def test_the_next_build_compiles_only_the_templates_that_changed(
    app_params: Any, make_app: Callable[..., SphinxTestApp], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sphinx compiled every theme template in every build (~30 ms, a no-op one too)."""
    import jinja2

    args, kwargs = app_params
    layout = kwargs["srcdir"] / "_templates" / "layout.html"
    layout.parent.mkdir()
    layout.write_text(LAYOUT % "first", "utf-8")
    first = make_app(*args, **kwargs)
    first.build()
    assert '<meta name="marker" content="first">' in (first.outdir / "index.html").read_text()
    assert list((first.doctreedir / "jinja-bytecode").glob("*/*.cache"))

    layout.write_text(LAYOUT % "second", "utf-8")
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def record(self: jinja2.Environment, source: str, name: str | None = None,
               *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", record)
    again = make_app(*args, **kwargs)
    again.build()
    assert '<meta name="marker" content="second">' in (again.outdir / "index.html").read_text()
    # the theme's templates (page.html, its parents and partials) come from the cache
    assert {name for name in compiled if name} == {"layout.html"}
