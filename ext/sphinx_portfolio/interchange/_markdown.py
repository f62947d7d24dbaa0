"""Markdown made plain (RenderCV's text is Markdown; our data text is shown as it is)."""

from __future__ import annotations

import re

# A link as CommonMark reads one: [text](destination "title"), the destination in <...>
# (spaces allowed there) or without spaces, its parentheses balanced (one level deep, as in
# https://en.wikipedia.org/wiki/Python_(programming_language)).
_MD_LINK = re.compile(
    r"\[([^\]\n]*)\]\(\s*(?:<([^<>\n]*)>|((?:[^()\s]|\([^()\s]*\))*))"
    r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)""")
# What is left that looks like a link: Markdown does not read it as one (a space or an
# unbalanced parenthesis in its target), so it stays as written.
_MD_NOT_A_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)?")
_MD_EMPHASIS = re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1")
# '_' emphasis, as CommonMark reads it: never inside a word, so snake_case stays as it is.
_MD_UNDERSCORE = re.compile(r"(?<![\w_])(_{1,3})(?=[^\s_])(.+?)(?<=[^\s_])\1(?![\w_])")


def plain_markdown(value: str) -> tuple[str, list[str], list[str]]:
    """Markdown's links and emphasis (``*``, ``_``) as their text; the link targets thereby
    lost; and what looks like a link but is none to Markdown, kept as written."""
    targets = [match[2] if match[2] is not None else match[3] for match in _MD_LINK.finditer(value)]
    text = _MD_LINK.sub(r"\1", value)
    verbatim = _MD_NOT_A_LINK.findall(text)
    text = _MD_UNDERSCORE.sub(r"\2", _MD_EMPHASIS.sub(r"\2", text))
    return text, [target for target in targets if target], verbatim
