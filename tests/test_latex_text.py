"""LaTeX from untrusted .bib fields becomes text, whatever it holds: latexcodec raises on a
backslash that ends a field (found by test_bib_private's property test)."""

from __future__ import annotations

import pytest
from sphinx_portfolio.bib.latex import latex_to_text


@pytest.mark.parametrize(("latex", "text"), [
    ("\\", "\\"),
    ("2301.0\\", "2301.0\\"),
    ("a\\\\\\", "a \\"),  # \\ (a line break) is a space, then the backslash
    ("\\'e\\", "é\\"),
])
def test_a_backslash_that_ends_a_field_is_text(latex: str, text: str) -> None:
    assert latex_to_text(latex).render_as("text") == text
