"""The committed JSON Schemas (docs/_schema/) match the models, and the owner's data
(docs/_data/, marked ``owner``) validates against them."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from helpers import REPO
from sphinx_portfolio.data.schema import schemas

SCHEMA_DIR = REPO / "docs" / "_schema"
DATA_DIR = REPO / "docs" / "_data"


@pytest.mark.parametrize("kind", sorted(schemas()))
def test_committed_schema_is_up_to_date(kind: str) -> None:
    committed = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text("utf-8"))
    assert committed == schemas()[kind], "run `nox -s schema` and commit docs/_schema/"


@pytest.mark.owner  # the owner's own data files, as they edit them
@pytest.mark.parametrize("kind", sorted(path.stem for path in DATA_DIR.glob("*.yaml")))
def test_site_data_validates_and_points_to_its_schema(kind: str) -> None:
    assert kind in schemas(), f"{kind}.yaml is not a kind of data the extension knows"
    text = (DATA_DIR / f"{kind}.yaml").read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../_schema/{kind}.schema.json\n")
    jsonschema.validate(yaml.safe_load(text), schemas()[kind])


def test_schema_rejects_a_typo() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "titel": "X", "start": 2020}], schemas()["awards"])


def test_schema_accepts_text_in_several_languages() -> None:
    """A free-text field given as {language: text} is what editors are told to accept; an id
    or a key is not (it is the same in every language), nor a key that is no language code."""
    two_languages = yaml.safe_load("""
- id: alignment
  title: {en: Trajectory alignment, ko: 궤적 정렬}
  event:
    en: Example Workshop
    zh-CN: 示例研讨会
  start: 2024-05
  notes:
    - {en: A note, ko: 메모}
    - a note in one language
""")
    jsonschema.validate(two_languages, schemas()["talks"])
    profile = {"name": {"en": "Ada Lovelace", "ko": "Ada Lovelace"},
               "location": {"city": {"en": "London", "ko": "런던"}, "country_code": "GB"},
               "links": [{"label": {"en": "Scholar", "ko": "스칼라"}, "url": "https://example.org"}]}
    jsonschema.validate(profile, schemas()["profile"])
    for wrong in ({**two_languages[0], "id": {"en": "alignment"}},
                  {**two_languages[0], "title": {"en": "A", "no language": "B"}},
                  {**two_languages[0], "title": {}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([wrong], schemas()["talks"])
