"""The users' guide (ext/guide, built by ``nox -s guide``) shows everything the code has.

Each test iterates the code's own lists: the models' fields, the settings, the directives and
roles the extension registers (recorded as it registers them), the warning subtypes. A new
field, setting, option or subtype the guide does not show fails here.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from helpers import REPO, quick_first, squash, warnings_of
from pydantic import BaseModel
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp
from sphinx_portfolio.config import PREFIX, PortfolioConfig, Rebuild
from sphinx_portfolio.data import KINDS, MAPPINGS, load_list, load_mapping, load_profile, values
from sphinx_portfolio.data.models import Id
from sphinx_portfolio.data.schema import schemas
from sphinx_portfolio.guide import datafiles, markup
from sphinx_portfolio.guide import settings_part as settings
from sphinx_portfolio.guide.doctree import data_label, directive_label, role_label
from sphinx_portfolio.guide.fieldtypes import FIELD_HINTS, VALUE_TYPES, declared, describe
from sphinx_portfolio.warnings_ import WARNING_TYPE, Subtype

GUIDE = REPO / "ext" / "guide"
FILES = {**MAPPINGS, **KINDS}


def _build(builder: str, root: Path) -> SphinxTestApp:
    """The guide, copied into ``root`` and built like ``nox -s guide`` (conf.py is nitpicky)."""
    shutil.copytree(GUIDE, root / "guide", ignore=shutil.ignore_patterns("_build"))
    app = SphinxTestApp(builder, srcdir=root / "guide", builddir=root / "build")
    try:
        app.build()
    finally:
        app.cleanup()  # gives docutils' registries back before the next application
    return app


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """One HTML build for the whole module (as the ``site`` fixture: every test only reads)."""
    return _build("html", tmp_path_factory.mktemp("guide"))


def _page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text("utf-8"), "html.parser")


def _section(soup: BeautifulSoup, label: str) -> Tag:
    """The section that holds the element labelled ``label`` (or is it)."""
    found = soup.find(id=nodes.make_id(label))
    assert isinstance(found, Tag), f"nothing labelled {label!r} in the page"
    holder = found if found.name == "section" else found.find_parent("section")
    assert holder is not None
    return holder


def _text(tag: Tag) -> str:
    """The text of ``tag``, white space collapsed (Sphinx writes code word by word)."""
    return " ".join(tag.get_text(" ").split())


def _rows(table: Tag) -> dict[str, list[str]]:
    """A table's body rows by the code in their first cell: the text of each cell."""
    rows = {}
    for row in table.find_all("tr"):
        cells = row.find_all("td")
        code = cells[0].find("code") if cells else None
        if code is not None:
            rows[_text(code)] = [_text(cell) for cell in cells]
    return rows


def _words(text: str) -> str:
    """Text written with code spans in backticks, as the page shows it (for :func:`squash`)."""
    return text.replace("`", "")


# -- the build ------------------------------------------------------------------------------------


def test_the_guide_builds_without_warnings(guide: SphinxTestApp) -> None:
    assert warnings_of(guide) == ""
    assert {"index", "data", "directives", "settings", "warnings"} <= set(guide.env.found_docs)


@pytest.mark.slow  # a second build of the guide
def test_the_guide_builds_as_text_too(tmp_path: Path) -> None:
    """Real docutils nodes, so any builder writes the reference."""
    app = _build("text", tmp_path)
    assert warnings_of(app) == ""
    assert f"{PREFIX}data_dir" in (Path(app.outdir) / "settings.txt").read_text("utf-8")


def test_text_from_the_code_is_never_raw_output(guide: SphinxTestApp) -> None:
    for docname in guide.env.found_docs:
        assert list(guide.env.get_doctree(docname).findall(nodes.raw)) == [], docname


def test_the_pages_are_read_again_when_the_code_changes(guide: SphinxTestApp) -> None:
    dependencies = {Path(path).name for path in guide.env.dependencies["data"]}
    assert {"models.py", "values.py", "config.py", "directives.py"} <= dependencies


@pytest.mark.owner  # reads the owner's name from docs/
def test_no_personal_data_of_this_repository(guide: SphinxTestApp) -> None:
    """The guide is for any researcher: nothing of this site's owner is in it."""
    owner, _ = load_profile(REPO / "docs" / "_data" / "profile.yaml")
    assert owner is not None
    names = {owner.name, *owner.aliases, owner.name.split()[-1]}
    texts = [path.read_text("utf-8") for path in GUIDE.iterdir() if path.is_file()]
    texts += [path.read_text("utf-8") for path in Path(guide.outdir).glob("*.html")]
    for name in names:
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        assert not any(pattern.search(text) for text in texts), name


# -- data files -----------------------------------------------------------------------------------


def _schema_properties(stem: str) -> tuple[dict[str, Any], set[str]]:
    """The properties and required keys of one entry of ``stem``, from its JSON Schema."""
    schema = schemas()[stem]
    entry = schema["$defs"][schema["items"]["$ref"].rsplit("/", 1)[-1]] \
        if schema.get("type") == "array" else schema
    return entry["properties"], set(entry.get("required", ()))


def _enum_values(schema: dict[str, Any]) -> set[str]:
    """Every ``enum`` value in a JSON Schema fragment (a Literal field's choices)."""
    found = set(map(str, schema.get("enum", ())))
    for key in ("anyOf", "oneOf", "allOf"):
        for part in schema.get(key, ()):
            found |= _enum_values(part)
    if isinstance(schema.get("items"), dict):
        found |= _enum_values(schema["items"])
    return found


@pytest.mark.parametrize("stem", quick_first(FILES, quick=2))
def test_every_field_of_every_data_file_is_shown(guide: SphinxTestApp, stem: str) -> None:
    model = FILES[stem]
    section = _section(_page(guide, "data"), data_label(stem))
    table = section.find("table")
    assert isinstance(table, Tag)
    rows = _rows(table)
    properties, required = _schema_properties(stem)
    assert set(model.model_fields) == set(properties)  # the models and their schemas agree
    for name, annotation in declared(model):
        assert name in rows, f"{stem}.yaml: field {name!r} is not in the guide"
        name_cell, type_cell, description_cell, example_cell = rows[name]
        assert squash(type_cell) == squash(_words(describe(annotation).words)), name
        assert ("required" in name_cell) == (name in required), name
        assert _enum_values(properties[name]) <= set(type_cell.split()) | {
            word.strip(",") for word in type_cell.split()}, name
        # the field's description, or its type's (JSON Schema gives a type's as the field's)
        description = properties[name].get("description")
        if description:
            assert squash(description) in squash(type_cell + description_cell), name
        assert example_cell.strip(), name


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _nested_models(arg)]


def test_models_inside_data_fields_are_shown(guide: SphinxTestApp) -> None:
    soup = _page(guide, "data")
    for stem, model in FILES.items():
        for _, annotation in declared(model):
            for nested in _nested_models(annotation):
                label = f"{data_label(stem)}-{nested.__name__.lower()}"
                table = _section(soup, label).find("table")
                assert isinstance(table, Tag)
                assert set(nested.model_fields) <= set(_rows(table)), label


@pytest.mark.parametrize("stem", quick_first(FILES, quick=2))
def test_the_example_of_each_data_file_loads_without_problems(
    guide: SphinxTestApp, stem: str, tmp_path: Path,
) -> None:
    text = datafiles.example_yaml(stem)
    path = tmp_path / f"{stem}.yaml"
    path.write_text(text, "utf-8")
    if stem in MAPPINGS:
        record, problems = load_mapping(path, MAPPINGS[stem])
        assert problems == [] and record is not None
    else:
        loaded = load_list(path, KINDS[stem])
        assert loaded.problems == [] and len(loaded.records) == 1
    # every field is given, and in the form the JSON Schema (editor completion) expects
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    jsonschema.validate(data, schemas()[stem])
    assert set(data if stem in MAPPINGS else data[0]) == set(FILES[stem].model_fields)
    shown = _section(_page(guide, "data"), data_label(stem)).find("pre")
    assert shown is not None and squash(shown.get_text()) == squash(text)


def test_every_value_type_has_a_name_and_an_example() -> None:
    aliases = [value for value in vars(values).values() if get_origin(value) is Annotated]
    assert aliases and all(alias in VALUE_TYPES for alias in [*aliases, Id])


def _all_models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    pending = list(FILES.values())
    while pending:
        model = pending.pop()
        if model not in found:
            found.append(model)
            pending += [m for _, a in declared(model) for m in _nested_models(a)]
    return found


def test_every_field_hint_names_a_field() -> None:
    """Hints left behind by a renamed field would quietly stop applying."""
    models = {model.__name__: model for model in _all_models()}
    names = {name for model in models.values() for name in model.model_fields}
    for key in FIELD_HINTS:
        model_name, _, name = key.rpartition(".")
        assert name in (models[model_name].model_fields if model_name else names), key


# -- settings -------------------------------------------------------------------------------------


def test_every_setting_is_shown_with_its_default(guide: SphinxTestApp) -> None:
    rows = _rows(_page(guide, "settings").select("table.portfolio-reference-settings")[0])
    for name, info in PortfolioConfig.model_fields.items():
        setting = PREFIX + name
        assert setting in rows, f"{setting} is not in the guide"
        _, type_cell, default_cell, rebuild_cell, description_cell = rows[setting]
        assert default_cell == repr(info.get_default(call_default_factory=True)), name
        assert repr(settings.rebuild_of(name)) in rebuild_cell, name
        assert squash(info.description or "") in squash(description_cell), name
        assert type_cell.strip(), name


def test_models_inside_settings_are_shown(guide: SphinxTestApp) -> None:
    soup = _page(guide, "settings")
    nested = {m for info in PortfolioConfig.model_fields.values()
              for m in _nested_models(info.annotation)}
    assert nested  # the PDF variants
    for model in nested:
        table = _section(soup, f"portfolio-setting-{model.__name__.lower()}").find("table")
        assert isinstance(table, Tag)
        rows = _rows(table)
        for name, info in model.model_fields.items():
            assert name in rows, f"{model.__name__}.{name} is not in the guide"
            assert rows[name][2] == repr(info.get_default(call_default_factory=True))


def test_every_rebuild_value_has_words() -> None:
    assert set(get_args(Rebuild)) == set(settings.REBUILD_WORDS)
    assert {settings.rebuild_of(name) for name in PortfolioConfig.model_fields} \
        <= set(settings.REBUILD_WORDS)


# -- directives and roles -------------------------------------------------------------------------


@dataclass
class Registered:
    """What ``sphinx_portfolio``'s setup registers, as it registers it."""

    directives: dict[str, Any] = field(default_factory=dict)
    roles: dict[str, Any] = field(default_factory=dict)
    domain_roles: dict[str, list[str]] = field(default_factory=dict)


def _ours(obj: object) -> bool:
    return str(getattr(obj, "__module__", "")).startswith("sphinx_portfolio.")


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registered]:
    """Sphinx's ``add_directive``, ``add_role`` and ``add_domain`` watched while an
    application sets up the extension alone (the guide's own directive is not in it)."""
    found = Registered()
    srcdir = tmp_path_factory.mktemp("registered")
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_portfolio"]\nbibtex_bibfiles = []\n', "utf-8")
    (srcdir / "index.md").write_text("# Index\n", "utf-8")

    def watch(method: Callable[..., Any], record: Callable[..., None]) -> Callable[..., Any]:
        def watched(self: Sphinx, *args: Any, **kwargs: Any) -> Any:
            record(*args)
            return method(self, *args, **kwargs)
        return watched

    def directive(name: str, cls: Any, *_: Any) -> None:
        if _ours(cls):
            found.directives[name] = cls

    def role(name: str, role: Any, *_: Any) -> None:
        if _ours(role):
            found.roles[name] = role

    def domain(cls: Any, *_: Any) -> None:
        if _ours(cls):
            found.domain_roles[cls.name] = list(cls.roles)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Sphinx, "add_directive", watch(Sphinx.add_directive, directive))
        patch.setattr(Sphinx, "add_role", watch(Sphinx.add_role, role))
        patch.setattr(Sphinx, "add_domain", watch(Sphinx.add_domain, domain))
        SphinxTestApp("html", srcdir=srcdir).cleanup()
    assert found.directives and found.roles and found.domain_roles  # the watch did see them
    yield found


def test_every_directive_and_each_of_its_options_is_shown(
    guide: SphinxTestApp, registered: Registered,
) -> None:
    soup = _page(guide, "directives")
    for name, cls in registered.directives.items():
        text = _text(_section(soup, directive_label(name)))
        assert f"{{{name}}}" in text, name
        for option in cls.option_spec or {}:
            assert f":{option}:" in text, f"{{{name}}} :{option}: is not in the guide"
        if cls.optional_arguments:
            assert f"{{{name}}} [argument]" in text, name


def test_every_table_directive_shows_its_file_and_columns(
    guide: SphinxTestApp, registered: Registered,
) -> None:
    soup = _page(guide, "directives")
    tables = {name: cls for name, cls in registered.directives.items() if hasattr(cls, "columns")}
    assert tables
    for name, cls in tables.items():
        anchor = soup.find(id=nodes.make_id(directive_label(name)))
        assert isinstance(anchor, Tag)
        row = anchor.find_parent("tr")
        assert row is not None, name
        codes = {_text(code) for code in row.find_all("code")}
        assert f"{cls.kind}.yaml" in codes, name
        assert set(cls.columns) | set(cls.default_columns) <= codes, name
        # the kinds as the JSON Schema has them (an optional kind is a choice or null)
        properties, _ = _schema_properties(cls.kind)
        assert _enum_values(properties.get("kind", {})) <= codes, name


def test_every_option_has_a_meaning(registered: Registered) -> None:
    options = {option for cls in registered.directives.values()
               for option in markup.own_options(cls)}
    assert options - set(markup.OPTION_HINTS) == set(), "say what they do in OPTION_HINTS"
    assert set(markup.OPTION_HINTS) - options == set(), "options no directive has any more"


def test_every_role_is_shown(guide: SphinxTestApp, registered: Registered) -> None:
    soup = _page(guide, "directives")
    for name in registered.roles:
        assert f"{{{name}}}" in _text(_section(soup, role_label(name))), name
    for domain, names in registered.domain_roles.items():
        for name in names:
            anchor = soup.find(id=nodes.make_id(role_label(f"{domain}:{name}")))
            assert isinstance(anchor, Tag), f"{domain}:{name}"
    text = soup.get_text()
    assert "{cite:p}" in text and "{cite:t}" in text


# -- warnings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("member", list(Subtype), ids=lambda member: member.value)
def test_every_warning_subtype_is_shown(guide: SphinxTestApp, member: Subtype) -> None:
    table = _page(guide, "warnings").select("table.portfolio-reference-warnings")[0]
    rows = _rows(table)
    shown = f"{WARNING_TYPE}.{member.value}"
    assert shown in rows, f"{shown} is not in the guide"
    assert squash(_words(member.__doc__ or "")) == squash(rows[shown][1])


# -- the directive --------------------------------------------------------------------------------


def test_an_unknown_part_is_reported(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path,
) -> None:
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_portfolio.guide"]\nbibtex_bibfiles = []\n', "utf-8")
    (tmp_path / "index.md").write_text("# Index\n\n```{portfolio-reference} models\n```\n",
                                       "utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert "unknown part 'models' of the reference (known: data, config," in warnings_of(app)
