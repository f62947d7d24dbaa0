"""Data values in several languages: ``title: {en: Trajectory alignment, ko: ...}``.

Every free-text field of the models (:data:`~sphinx_portfolio.data.models.Words`: titles,
descriptions, notes, institutions, roles...) may be given as a mapping of language codes to
text. A build writes one language: such a value is resolved to the text in the build's
language before the entry is validated, falling back to the default language's text (and
then to the first text given), so the models, and the tables and the PDF made from them,
only ever hold plain strings.

What the resolution finds is a :class:`~sphinx_portfolio.warnings_.Problem`, located at the
value's line: a missing translation (:attr:`Subtype.TRANSLATION`, reported once per build, as
a warning or an info line as the site says), a key that is no language code or a mapping with
no text (:attr:`Subtype.TYPE`). Nothing here knows Sphinx: the languages come in as plain
arguments (:class:`Languages`).
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages
from pydantic import BaseModel

from ..warnings_ import Problem, Subtype, did_you_mean
from .yaml_reader import kind_of, line_of

__all__ = [
    "ENGLISH", "IN_LANGUAGES", "LANGUAGE_CODE", "Languages", "is_language_code", "resolve",
    "same_language", "schema_in_languages",
]

#: What a language code looks like (``en``, ``ko``, ``zh_CN``, ``zh-Hant-TW``); the same
#: form ``portfolio_default_language`` takes. Checked before Babel is asked, which bounds
#: what an untrusted key costs.
LANGUAGE_CODE = r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}"


class InLanguages:
    """The mark (in ``Annotated``) of a text field that may be given in several languages."""

    def __repr__(self) -> str:
        return "IN_LANGUAGES"


IN_LANGUAGES = InLanguages()


@dataclass(frozen=True)
class Languages:
    """The language a build writes, and the one its data falls back to."""

    build: str = "en"
    default: str = "en"


#: A site written in English alone (what a data file is read in outside a build).
ENGLISH = Languages()


def same_language(one: str, other: str) -> bool:
    """Whether two language codes name one language: ``zh_CN``, ``zh-cn`` and ``zh-CN`` do."""
    return one.replace("-", "_").lower() == other.replace("-", "_").lower()


@functools.lru_cache(maxsize=256)
def is_language_code(key: str) -> bool:
    """Whether ``key`` is a language code Babel (CLDR) knows: ``ko``, ``zh-CN``; not ``kr``."""
    if not re.fullmatch(LANGUAGE_CODE, key):
        return False
    try:
        Locale.parse(key.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


@dataclass
class Resolved:
    """An entry's data with its values in languages resolved to text, and what was found."""

    data: Any
    problems: list[Problem] = field(default_factory=list)
    #: Paths (from the entry) of mappings with no text: reported here, so the validation's
    #: own error about the same value is not reported again.
    reported: set[tuple[str | int, ...]] = field(default_factory=set)


def resolve(model: type[BaseModel], data: Any, node: Any, path: Path,
            languages: Languages, prefix: tuple[str | int, ...] = ()) -> Resolved:
    """``data`` (an entry of ``model``, plain dicts and lists) with each value given in
    languages replaced by its text in ``languages``; ``node``: the entry's YAML mapping, for
    lines; ``prefix``: where the entry is in ``node`` (a profile's link: ``("links", 0)``)."""
    resolved = Resolved(data)
    _resolve_model(model, data, node, path, languages, prefix, resolved)
    return resolved


def _resolve_model(model: type[BaseModel], data: Any, node: Any, path: Path,
                   languages: Languages, loc: tuple[str | int, ...], into: Resolved) -> None:
    if not isinstance(data, dict):
        return  # the validation reports it
    for name, value in data.items():
        info = model.model_fields.get(name)
        if info is None:
            continue  # an unknown key: the validation reports it
        text, item, nested = _shape(info.annotation, info.metadata)
        where = (*loc, name)
        if text and isinstance(value, dict):
            data[name] = _pick(value, node, where, path, languages, into)
        elif item and isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, dict):
                    value[index] = _pick(element, node, (*where, index), path, languages, into)
        elif nested is not None and isinstance(value, dict):
            _resolve_model(nested, value, node, path, languages, where, into)
        elif nested is not None and isinstance(value, list):
            for index, element in enumerate(value):
                _resolve_model(nested, element, node, path, languages, (*where, index), into)


def _shape(annotation: Any, metadata: Sequence[Any] = ()) -> tuple[
        bool, bool, type[BaseModel] | None]:
    """Whether a field is text in languages, a list of such texts, or holds a model (or a
    list of them) whose fields may be."""
    if any(mark is IN_LANGUAGES for mark in metadata):
        return True, False, None
    members = (get_args(annotation) if get_origin(annotation) in (Union, types.UnionType)
               else (annotation,))
    for member in members:
        if _marked(member):
            return True, False, None
        if get_origin(member) is list:
            (item,) = get_args(member)
            if _marked(item):
                return False, True, None
            if _is_model(item):
                return False, False, item
        if _is_model(member):
            return False, False, member
    return False, False, None


def in_languages(annotation: Any, metadata: Sequence[Any] = ()) -> bool:
    """Whether a field of this annotation takes text in languages (or a list of them)."""
    text, item, _ = _shape(annotation, metadata)
    return text or item


def _marked(annotation: Any) -> bool:
    return get_origin(annotation) is Annotated and any(
        mark is IN_LANGUAGES for mark in annotation.__metadata__)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _pick(value: dict[str, Any], node: Any, loc: tuple[str | int, ...], path: Path,
          languages: Languages, into: Resolved) -> Any:
    """The text of ``value`` for the build: its language's, else the default language's,
    else the first given; ``value`` itself when it holds no text (reported)."""
    name = ".".join(str(step) for step in loc)
    texts: list[tuple[str, str]] = []
    meant: list[str] = []  # the languages the keys that are no language code stand for
    for key, text in value.items():
        if not is_language_code(key):
            language = _language_of_country(key)
            meant.append(language)
            into.problems.append(Problem(
                path, line_of(node, (*loc, key)), Subtype.TYPE,
                f"{name}: '{key}' is not a language code; its text is ignored",
                f"did you mean '{language}'? ('{key}' is a country's code)" if language else
                did_you_mean(key, [languages.build, languages.default]) or
                "a language code such as 'en', 'ko' or 'zh_CN' (the keys of a value in "
                "several languages); quote the text if it is not meant as a mapping"))
        elif not isinstance(text, str):
            into.problems.append(Problem(
                path, line_of(node, (*loc, key)), Subtype.TYPE,
                f"{name}.{key}: the text in a language must be text, not a "
                f"{kind_of(text)}; ignored", "write it as one line of text, quoted if needed"))
        else:
            texts.append((key, text))
    if not texts:
        into.reported.add(loc)
        into.problems.append(Problem(
            path, line_of(node, loc), Subtype.TYPE,
            f"{name}: a value in several languages with no text in any language",
            "give the text under a language code, e.g. {en: ...}"))
        return value
    chosen = _text_in(texts, languages.build)
    if chosen is not None:
        return chosen
    fallback = _text_in(texts, languages.default)
    if fallback is not None:
        shown = f"the default language's ('{languages.default}') text is shown"
    else:
        fallback = texts[0][1]
        shown = f"the first given ('{texts[0][0]}') is shown"
        if not same_language(languages.build, languages.default):
            shown = f"nor in the default language '{languages.default}': {shown}"
    if any(same_language(language, languages.build) for language in meant):
        return fallback  # the misspelt key is reported: one mistake, one report
    into.problems.append(Problem(
        path, line_of(node, loc), Subtype.TRANSLATION,
        f"{name}: no text in '{languages.build}', the build's language; {shown}",
        f"add `{languages.build}:` to it"))
    return fallback


def _language_of_country(key: str) -> str:
    """The language of the country ``key`` is the code of ('kr': 'ko', 'jp': 'ja'), or ''
    (a country's code is the usual slip for a language's)."""
    if not re.fullmatch(r"[A-Za-z]{2}", key):
        return ""
    official = get_official_languages(key.upper(), de_facto=True)
    return str(official[0]) if official else ""


def _text_in(texts: list[tuple[str, str]], language: str) -> str | None:
    """The text in ``language``, else in its base language: a ``ko_KR`` build reads ``ko:``
    (a value rarely names a region, and a build in one should not call it missing)."""
    base = re.split(r"[_-]", language, maxsplit=1)[0]
    for wanted in dict.fromkeys((language, base)):
        found = next((text for key, text in texts if same_language(key, wanted)), None)
        if found is not None:
            return found
    return None



#: The JSON Schema of a text that may be given in several languages (editors accept both).
def schema_in_languages(text_schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [text_schema, {
        "type": "object",
        "description": "the text in several languages: language code -> text",
        "propertyNames": {"pattern": f"^{LANGUAGE_CODE}$"},
        "additionalProperties": text_schema,
        "minProperties": 1,
    }]}
