"""JSON Schema for each data file, generated from the models (editors use it for completion).

``python -m sphinx_portfolio.data.schema DIR`` writes ``<kind>.schema.json`` files into DIR;
``nox -s schema`` does so for docs/_schema/, which the YAML files point to.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from .models import KINDS, MAPPINGS

__all__ = ["schemas", "write"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """File stem -> JSON Schema of that file (a list of entries, or the profile mapping)."""
    result = {kind: _with_header(model, model) for kind, model in MAPPINGS.items()}
    for kind, model in KINDS.items():
        result[kind] = _with_header(list[model], model)  # type: ignore[valid-type]
    return result


def _with_header(annotation: Any, model: type[BaseModel]) -> dict[str, Any]:
    schema = TypeAdapter(annotation).json_schema()
    return {"$schema": _DIALECT, "title": f"{model.__name__} data", **schema}


def write(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in schemas().items():
        path = directory / f"{kind}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/_schema")):
        sys.stdout.write(f"wrote {written_path}\n")
