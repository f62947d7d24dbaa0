"""The committed JSON Schemas match the models, and the site's data validates against them."""

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


@pytest.mark.parametrize("kind", sorted(path.stem for path in DATA_DIR.glob("*.yaml")))
def test_site_data_validates_and_points_to_its_schema(kind: str) -> None:
    assert kind in schemas(), f"{kind}.yaml is not a kind of data the extension knows"
    text = (DATA_DIR / f"{kind}.yaml").read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../_schema/{kind}.schema.json\n")
    jsonschema.validate(yaml.safe_load(text), schemas()[kind])


def test_schema_rejects_a_typo() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "titel": "X", "start": 2020}], schemas()["awards"])
