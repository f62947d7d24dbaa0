"""Sphinx's and docutils' private names, and the one patch of a Sphinx object.

Written against Sphinx 8.1 to 9.0 and docutils 0.21.2 to 0.22 (checked on 9.0.4 and 0.22.4).
What each function relies on (``tests/test_compat_sphinx.py`` checks each on the installed
versions):

* :func:`config_given` / :func:`config_as_written`: ``Config._raw_config``, the names
  conf.py set, as written (no public listing; ``Config.overrides``, public since 7.3,
  holds the ``-D`` ones).
* :func:`local_toctree`: ``StandaloneHTMLBuilder._get_local_toctree(pagename, **kwargs)``,
  what the ``toctree()`` of a page's template context calls.
* :func:`registered_directives` / :func:`registered_roles`: docutils' module-level
  registries ``directives._directives`` and ``roles._roles``, where Sphinx registers
  every directive and role too (``sphinx.util.docutils``).
* :func:`resolving_as`: ``BuildEnvironment._builder_cls``, which Sphinx 9's
  post-transforms read to decide whether they run (Sphinx 8 has none and reads
  ``app.builder``).
* :func:`amend_rendered_templates`: ``builder.templates.render(template, context)``, what
  every HTML page goes through; Sphinx has no event after a page is rendered.
* :func:`builder_app`: ``Builder._app`` (Sphinx 9, where ``Builder.app`` is deprecated);
  Sphinx 8 has only ``Builder.app``.
* :func:`uses_general_index` / :func:`leave_out_general_index`: ``builder.use_index``
  (set from ``html_use_index`` in ``init()``, read when pages link the index and when
  it is written).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from docutils.parsers.rst import directives, roles
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

__all__ = [
    "amend_rendered_templates", "builder_app", "config_as_written", "config_given",
    "leave_out_general_index", "local_toctree", "registered_directives", "registered_roles",
    "resolving_as", "uses_general_index",
]


def config_as_written(config: Config) -> dict[str, Any]:
    """The names and values conf.py set, as written (before Sphinx checks or converts them)."""
    raw: dict[str, Any] = config._raw_config
    return raw


def config_given(config: Config, name: str) -> bool:
    """Whether conf.py or ``-D`` set ``name``."""
    return name in config_as_written(config) or name in config.overrides


def local_toctree(builder: StandaloneHTMLBuilder, pagename: str, **kwargs: Any) -> str:
    """The HTML of ``pagename``'s ``toctree(**kwargs)``, as its template would get it."""
    made: str = builder._get_local_toctree(pagename, **kwargs)
    return made


def registered_directives() -> dict[str, Any]:
    """Name -> directive (class, or a module path not yet imported) registered so far."""
    registry: dict[str, Any] = directives._directives  # type: ignore[attr-defined]
    return registry


def registered_roles() -> dict[str, Any]:
    """Name -> role function registered so far."""
    registry: dict[str, Any] = roles._roles  # type: ignore[attr-defined]
    return registry


@contextlib.contextmanager
def resolving_as(env: BuildEnvironment, builder: Builder) -> Iterator[None]:
    """While inside, ``env`` tells post-transforms that ``builder`` builds (Sphinx 9);
    put back afterwards. On Sphinx 8 (no ``_builder_cls``) it does nothing."""
    before_class = getattr(env, "_builder_cls", None)
    if before_class is not None:
        env._builder_cls = type(builder)
    try:
        yield
    finally:
        if before_class is not None:
            env._builder_cls = before_class


def amend_rendered_templates(builder: StandaloneHTMLBuilder,
                             amend: Callable[[str, str, dict[str, Any]], str]) -> None:
    """From now on every template ``builder`` renders passes through
    ``amend(rendered, template_name, context)``."""
    templates = builder.templates
    render: Callable[[str, dict[str, Any]], str] = templates.render

    def render_amended(template: str, context: dict[str, Any]) -> str:
        return amend(render(template, context), template, context)

    templates.render = render_amended


def uses_general_index(builder: Builder) -> bool:
    """Whether ``builder`` is an HTML builder that will write (and link) the general index."""
    return isinstance(builder, StandaloneHTMLBuilder) and bool(builder.use_index)


def leave_out_general_index(builder: StandaloneHTMLBuilder) -> None:
    """``builder`` writes no general index and its pages link none (call before writing)."""
    builder.use_index = False


def builder_app(builder: Builder) -> Sphinx:
    """The application ``builder`` builds for, without Sphinx 9's deprecation warning."""
    app: Sphinx = builder._app if hasattr(builder, "_app") else builder.app
    return app
