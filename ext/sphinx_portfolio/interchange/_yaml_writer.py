"""Our YAML data files written from the imported entries, so that our own reader gives back
the very same values: the fields in the order people write them, every string that a YAML
reader could take for something else quoted, one value a line."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any, cast

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter

from ..data.models import KINDS, MAPPINGS


def model_of(stem: str) -> type[BaseModel]:
    """The model of the data file ``stem`` ("profile" or a list kind)."""
    return MAPPINGS["profile"] if stem == "profile" else KINDS[stem]


# Double-quoted, whatever ruamel would choose: plain scalars that YAML 1.1 tools (and
# editors set to 1.1) read as booleans or numbers, which our loader (YAML 1.2) would not; and
# text with YAML's own line breaks, which ruamel writes unescaped in single quotes.
_DOUBLE_QUOTED = re.compile(
    r"(?i:y|n|yes|no|on|off|true|false|null|~)|[-+.]?\d.*|.*[\x85\u2028\u2029].*", re.S)


class _Representer(RoundTripRepresenter):
    """Quotes every string that a YAML reader could take for something else."""


def _represent_str(representer: _Representer, data: str) -> Any:
    style = '"' if _DOUBLE_QUOTED.fullmatch(data) else None
    return representer.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Representer.add_representer(str, _represent_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Representer = _Representer
    yaml.width = 1_000_000  # one value, one line: never folded
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def yaml_text(stem: str, document: dict[str, Any] | list[dict[str, Any]]) -> str:
    """A data file as the editor schema comment and YAML, one blank line between entries."""
    return f"# yaml-language-server: $schema=../_schema/{stem}.schema.json\n" + yaml_body(
        stem, document)


def yaml_body(stem: str, document: dict[str, Any] | list[dict[str, Any]]) -> str:
    """The YAML of a data file, without its first comment (so entries can be added to a
    file)."""
    order = {name: position for position, name in enumerate(_field_order(model_of(stem)))}

    def ordered(entry: dict[str, Any]) -> dict[str, Any]:
        return dict(sorted(entry.items(), key=lambda item: order[item[0]]))

    body: Any = ordered(cast(dict[str, Any], document)) if stem == "profile" else [
        ordered(entry) for entry in cast(list[dict[str, Any]], document)]
    stream = StringIO()
    _yaml().dump(body, stream)
    lines = stream.getvalue().splitlines()
    if stem != "profile":  # the top-level list is indented by the offset: take it back
        lines = [line.removeprefix("  ") for line in lines]
        lines = [f"\n{line}" if line.startswith("- ") and index else line
                 for index, line in enumerate(lines)]
    return "\n".join(lines) + "\n"


def yaml_floor(value: Any) -> int:
    """No more bytes than ``value`` takes as YAML: each key with its ': ', each scalar's text
    with its line break (quotes, indentation and '- ' come on top). Linear, so a source is
    refused for size before it is written out (the writer takes ~1 ms an entry)."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            total += sum(len(str(key).encode("utf-8")) + 2 for key in item)
            stack += item.values()
        elif isinstance(item, list):
            stack += item
        elif item is not None:
            total += len(str(item).encode("utf-8")) + 1
    return total


def _field_order(model: type[BaseModel]) -> list[str]:
    """id, the model's other single values, the dates, then its lists (as people write)."""
    lists = [name for name, info in model.model_fields.items()
             if getattr(info.annotation, "__origin__", None) is list and name != "terms"]
    dates = ["start", "end", "terms"]
    rest = [name for name in model.model_fields if name not in [*lists, *dates, "id"]]
    return ["id", *rest, *dates, *lists]
