"""The one place that reaches into citeproc-py's internals: three look-ups it repeats, cached.

Pure Python: nothing here imports Sphinx, so ``bib/`` may import this module. Written against
citeproc-py 0.11.0 and 0.11.1 (``citeproc.model``). The contract: ``tests/test_csl.py`` (a
patched and an unpatched style format every entry alike) and ``tests/test_compat_citeproc.py``
(the installed version is one written against, with the three methods patched). With another
version, nothing is patched: formatting stays right, only slower, and the contract test fails.

citeproc-py finds a macro by an XPath query over the whole style each time one is called
(``CitationStylesElement.get_macro``), and asks, for every ``<group>`` of every entry, whether
a macro calls a variable (``Text.calls_variable``), walking the macro again, and finds each
term ("and", "n.d.", "retrieved") by an XPath query over its locale (``Locale.get_term``):
three quarters of APA's time per entry. The answers depend on the style and its locales
alone, so each style's are kept: the
style's root element is kept with them (its ``id`` names no other root while cached), the
last :data:`_STYLES_KEPT` styles only (a long-running server builds again and again).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import citeproc
from citeproc import model

__all__ = ["PATCHED", "WRITTEN_AGAINST", "install"]

_STYLES_KEPT = 8
_MACRO = "{http://purl.org/net/xbiblio/csl}macro"
#: The citeproc-py versions this module was written against.
WRITTEN_AGAINST = ("0.11.0", "0.11.1")
#: The methods of ``citeproc.model`` it replaces: (class name, method name).
PATCHED = (("CitationStylesElement", "get_macro"), ("Text", "calls_variable"),
           ("Locale", "get_term"))


class _StyleFacts:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.macros = {macro.get("name"): macro for macro in root.iterfind(_MACRO)}
        self.calls_variable: dict[str, bool] = {}


#: (id of a locale element, term name, form, zero_padded) -> (that locale, the term or None)
_terms: dict[tuple[int, str, str | None, bool], tuple[Any, Any]] = {}
_TERMS_KEPT = 4096


_facts: OrderedDict[int, _StyleFacts] = OrderedDict()
_original_get_macro = model.CitationStylesElement.get_macro
_original_calls_variable = model.Text.calls_variable
_original_get_term = model.Locale.get_term


def _facts_of(element: Any) -> _StyleFacts:
    root = element.get_root()
    facts = _facts.get(id(root))
    if facts is None or facts.root is not root:
        facts = _facts[id(root)] = _StyleFacts(root)
        while len(_facts) > _STYLES_KEPT:
            _facts.popitem(last=False)
    return facts


def _get_macro(self: Any, name: str) -> Any:
    try:
        return _facts_of(self).macros[name]
    except KeyError:
        raise IndexError(f"no macro {name!r}") from None  # as the XPath look-up's [0] raised


def _calls_variable(self: Any) -> bool:
    name = self.get("macro")
    if "variable" in self.attrib or name is None:
        return bool(_original_calls_variable(self))
    facts = _facts_of(self)
    if name not in facts.calls_variable:
        facts.calls_variable[name] = bool(_get_macro(self, name).calls_variable())
    return facts.calls_variable[name]


def _get_term(self: Any, name: str, form: str | None = None,
              zero_padded: bool = False) -> Any:
    key = (id(self), name, form, zero_padded)
    cached = _terms.get(key)
    if cached is None or cached[0] is not self:
        try:
            term = _original_get_term(self, name, form, zero_padded)
        except IndexError:
            term = None
        if len(_terms) >= _TERMS_KEPT:
            _terms.clear()
        cached = _terms[key] = (self, term)
    if cached[1] is None:
        raise IndexError(name)  # as the look-up itself raises for a term the locale lacks
    return cached[1]


def install() -> bool:
    """Cache the three look-ups (once; later calls do nothing); whether they are cached."""
    if model.CitationStylesElement.get_macro is _get_macro:
        return True
    if getattr(citeproc, "__version__", "") not in WRITTEN_AGAINST:
        return False
    model.CitationStylesElement.get_macro = _get_macro
    model.Text.calls_variable = _calls_variable
    model.Locale.get_term = _get_term
    return True
