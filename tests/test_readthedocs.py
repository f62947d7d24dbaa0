"""`.readthedocs.yaml` is valid against Read the Docs' own schema and builds what nox builds."""

from __future__ import annotations

import json

import jsonschema
import yaml
from helpers import REPO

# Read the Docs' own schema for .readthedocs.yaml (v2), copied from the project's shared reference.
SCHEMA = REPO / "tests" / "data" / "readthedocs-config-v2.schema.json"


def _config() -> dict:
    return yaml.safe_load((REPO / ".readthedocs.yaml").read_text())


def test_config_matches_the_schema() -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validate(_config(), schema)


def test_pdf_job_builds_the_rinoh_pdf_into_the_output() -> None:
    config = _config()
    assert config["formats"] == ["pdf"]
    pdf_job = " ".join(config["build"]["jobs"]["build"]["pdf"])
    assert "-b rinoh" in pdf_job and "$READTHEDOCS_OUTPUT/pdf" in pdf_job
    assert config["python"]["install"] == [{"method": "pip", "path": "."}]
