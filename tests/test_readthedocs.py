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


def test_the_html_job_is_one_build_and_the_pdf_job_the_full_cv_alone() -> None:
    config = _config()
    assert config["formats"] == ["pdf"]
    html_job = config["build"]["jobs"]["build"]["html"]
    assert len(html_job) == 1 and "-b html" in html_job[0]  # it writes the PDFs too
    assert "portfolio_pdf_dir" not in " ".join(html_job) and "rinoh" not in str(config)
    pdf_job = " ".join(config["build"]["jobs"]["build"]["pdf"])
    assert "-b cvpdf" in pdf_job and "$READTHEDOCS_OUTPUT/pdf" in pdf_job
    assert "portfolio_pdf_write_variants=0" in pdf_job  # Read the Docs offers one PDF
    assert config["python"]["install"] == [{"method": "pip", "path": "."}]
