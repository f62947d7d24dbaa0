"""TeX formulas to Typst math (``pdf.math``): real formulas compile and read right, and
what anyone could write in a title reaches Typst only as string literals, never as code,
names or shorthands."""

# ruff: noqa: RUF001, RUF002, RUF003 (the mathematical characters a PDF shows are the facts)

from __future__ import annotations

import io
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
import typst
from helpers import quick_first
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sphinx_portfolio.pdf.math import Unconvertible, latex_to_typst

DOCUMENT = """#set document(title: "t")
#set text(lang: "en")
#math.equation(block: false, alt: "x", $ {formula} $)
"""

#: A Typst string literal, as ``syntax.typst_string`` writes it.
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
#: The names the converter writes: Typst's math functions and its own code (spaces, boxes).
NAMES = frozenset({
    "accent", "attach", "binom", "bold", "box", "class", "display", "frac", "h", "hide",
    "inline", "italic", "limits", "lr", "mat", "op", "overbrace", "overline", "root",
    "script", "sscript", "sqrt", "symbol", "underbrace", "underline", "upright",
    # named arguments and their values
    "align", "b", "delim", "inset", "left", "none", "size", "stroke", "t", "true",
    # units of lengths
    "em", "pt", "mm", "cm", "in",
})


def pdf_text(formula: str) -> str:
    """The text of the PDF of a document with ``$ formula $`` in it (compiling fails on
    anything Typst cannot read or evaluate, such as ``#panic``)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "formula.typ"
        path.write_text(DOCUMENT.format(formula=formula), encoding="utf-8")
        pdf = typst.Compiler().compile(input=str(path), root=folder,
                                       pdf_standards=["ua-1", "a-2b"], timestamp=0)
    assert isinstance(pdf, bytes)
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def skeleton(source: str) -> str:
    """What of ``source`` is not inside a string literal."""
    return STRING.sub('""', source)


def assert_only_own_syntax(source: str) -> None:
    """Outside its string literals, the source has only the converter's names, and
    punctuation and numbers it writes itself: nothing of the formula."""
    rest = skeleton(source)
    assert set(re.findall(r"[A-Za-z]+", rest)) <= NAMES, source
    assert set(re.sub(r"[A-Za-z]+", "", rest)) <= set('#$(),:; .-0123456789""'), source


def shown(text: str) -> str:
    """The text as letters, without spaces (Typst's spacing between atoms may be one): the
    PDF's mathematical italic 𝑥 is x (compatibility form), and accents are marks."""
    return unicodedata.normalize("NFKD", text).replace(" ", "")


REAL = [  # from CV and paper titles and abstracts: (TeX, what the PDF must show)
    ("x^2", ["x", "2"]),
    (r"\alpha", ["α"]),
    (r"\mathcal{O}(\sqrt{n})", ["𝒪", "(", "√", "n", ")"]),
    (r"\ell_2", ["ℓ", "2"]),
    (r"\frac{1}{2}", ["1", "2"]),
    (r"\|x\|", ["‖", "x"]),
    (r"\hat{\theta}", ["θ", "\u0302"]),
    (r"e^{-t/2}", ["e", "−", "t/2"]),
    (r"\sum_{i=1}^n x_i", ["∑", "i=1", "n", "x"]),
    (r"f: \mathbb{R}^d \to \mathbb{R}", ["f", "ℝ", "d", "→"]),
    (r"\text{SGD}", ["SGD"]),
    (r"\leq", ["≤"]),
    (r"\epsilon", ["ϵ"]),
    (r"\mathrm{stationary}", ["stationary"]),
    (r"\epsilon\text{-stationary}", ["ϵ", "-stationary"]),
    (r"O(n \log n)", ["O(n", "log", "n)"]),
    (r"\lim_{n \to \infty} a_n", ["lim", "n→∞", "a"]),
    (r"\|\nabla f(x)\|_2 \le \epsilon", ["‖∇", "f(x)", "≤", "ϵ"]),
    (r"\mathbb{E}[X]", ["𝔼[X]"]),
    (r"\tilde{O}(d^{3/2})", ["O", "\u0303", "3/2"]),
    (r"\sqrt[3]{x}", ["3", "√", "x"]),
    (r"\binom{n}{k}", ["n", "k"]),
    (r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}", ["a", "b", "c", "d"]),
    (r"\boldsymbol{\beta}", ["β"]),
    (r"\operatorname{Tr}(A)", ["Tr(A)"]),
    (r"\int_0^1 f(x)\,dx", ["∫", "f(x)", "dx"]),
    (r"f''(x)", ["f′′(x)"]),
    (r"\Gamma(\alpha)", ["Γ(α)"]),
    (r"\mathbf{x} \in \mathbb{R}^{n \times d}", ["x", "∈", "ℝ", "×"]),
    (r"\dfrac{a}{b}", ["a", "b"]),
    (r"\overbrace{x+y}^{n}", ["x", "+", "y", "n"]),
    (r"a \bmod b \neq 0", ["mod", "≠"]),
    (r"\left( \frac{a}{b} \right)", ["(", "a", "b", ")"]),
    (r"\lvert x \rvert \cdot \langle u, v \rangle", ["|x|", "⋅", "⟨u,v⟩"]),
    (r"\vec{v}_i^\top", ["v", "\u20d7", "i", "⊤"]),
    (r"\boxed{x} \phantom{y} \quad z", ["x", "z"]),
]


@pytest.mark.parametrize(("latex", "expected"), quick_first(REAL, quick=4),
                         ids=[latex for latex, _ in REAL])
def test_real_formulas_compile_and_read_right(latex: str, expected: list[str]) -> None:
    source = latex_to_typst(latex)
    assert_only_own_syntax(source)
    text = pdf_text(source)
    for part in expected:
        assert shown(part) in shown(text), (source, text)


def test_letters_are_italic_words_upright_and_tokens_never_fused() -> None:
    assert latex_to_typst("x") == 'italic(#symbol("x"))'
    assert latex_to_typst("xy") == 'italic(#symbol("x"))italic(#symbol("y"))'
    assert latex_to_typst(r"\mathrm{d}x") == 'upright(#symbol("d"))italic(#symbol("x"))'
    assert latex_to_typst(r"\Gamma") == 'upright(#symbol("Γ"))'  # as TeX sets it
    assert latex_to_typst(r"\text{SGD}") == '"SGD"'
    assert latex_to_typst(r"\sin x") == 'op("sin")italic(#symbol("x"))'
    assert latex_to_typst(r"\frac{1}{2}") == 'frac("1", "2")'


HOSTILE = [  # (formula, what the PDF must show, what it must not) or None: not converted
    ('#panic("x")', None),
    ('"', None),
    ("\\\\", None),
    ("$", None),
    (r"x^", None),
    (r"\hspace{1em) #panic(}", None),  # docutils keeps \hspace's text as the width
    (r"\text{#panic(1)}", ("#panic(1)", "")),
    (r'\text{#read("/etc/passwd")}', ('#read("/etc/passwd")', "root:")),
    (r'\text{a"b\u{41}}', ('a"b\\u{41}', "A")),  # no escape of Typst's reaches the string
    (r'\operatorname{x") #panic("}', ('x") #panic("', "")),
    ("sum", ("sum", "∑")),
    ("alpha", ("alpha", "α")),
    ("pi", ("pi", "π")),
    (r"\mathrm{sum}", ("sum", "∑")),
    ("->", ("−>", "→")),
    ("<=", ("<=", "≤")),
    ("!=", ("!=", "≠")),
    ("...", ("...", "…")),
    (r"\$", ("$", "")),
    (r"\#", ("#", "")),
    (r"\_", ("_", "")),
    (r"\&", ("&", "")),
    ("/", ("/", "")),
    ("a/b", ("a/b", "")),
    ("'", ("′", "")),
    ("//", ("//", "")),
    ("/*", ("/*", "")),
    ("x // y", ("x//y", "")),
    ("[|x|]", ("[|x|]", "")),
]


@pytest.mark.parametrize(("latex", "shows"), quick_first(HOSTILE, quick=4),
                         ids=[latex for latex, _ in HOSTILE])
def test_hostile_formulas_are_text_never_code(latex: str, shows: tuple[str, str] | None
                                             ) -> None:
    if shows is None:
        with pytest.raises(Unconvertible):
            latex_to_typst(latex)
        return
    source = latex_to_typst(latex)
    assert_only_own_syntax(source)
    text = pdf_text(source)  # compiles: #panic would have failed it
    expected, absent = shows
    assert shown(expected) in shown(text), (source, text)
    # as written, and as letters (alpha set as the symbol would be 𝛼, α as letters)
    assert not absent or absent not in text + unicodedata.normalize("NFKC", text), text


def test_past_the_bounds_is_unconvertible_and_says_why() -> None:
    with pytest.raises(Unconvertible, match="longer than"):
        latex_to_typst("x" * 5_000)
    with pytest.raises(Unconvertible, match="nested"):
        latex_to_typst(r"\sqrt{" * 60 + "x" + "}" * 60)
    with pytest.raises(Unconvertible, match=r"\\nosuchcommand"):
        latex_to_typst(r"\nosuchcommand x")


#: Pieces of random formulas: letters, digits, TeX's punctuation and some commands.
PIECES = [
    *"axyzAZ019", *" \\{}^_&$#%~'\"()[]<>=+-*/|,.;:!@`?",
    r"\frac", r"\sqrt", r"\alpha", r"\text", r"\left", r"\right", r"\hat", r"\sum",
    r"\mathbb", r"\overbrace", r"\underline", r"\begin{pmatrix}", r"\end{pmatrix}",
    r"\begin{cases}", r"\end{cases}", "\\\\", r"\,", r"\not", r"\lim", r"\sin",
    r"\hspace", r"\phantom", r"\boxed", r"\binom", r"\operatorname", r"\displaystyle",
    r"\limits", r"\mathrm", r"\vec", r"\bigl", r"\bigr", r"\pmod", r"\colon", r"\lvert",
]
FORMULAS = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


@settings(max_examples=300, deadline=None)
@given(FORMULAS)
def test_random_formulas_are_unconvertible_or_only_string_literals(latex: str) -> None:
    try:
        source = latex_to_typst(latex)
    except Unconvertible:
        return
    assert_only_own_syntax(source)


@pytest.mark.slow  # compiles 40 formulas
@settings(max_examples=40, deadline=None)
@given(FORMULAS)
def test_random_formulas_are_unconvertible_or_compile(latex: str) -> None:
    try:
        source = latex_to_typst(latex)
    except Unconvertible:
        return
    pdf_text(source)
