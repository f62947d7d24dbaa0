"""Writing the PDF CVs: the full CV and each variant, from the pages the site was built from.

Both the PDF-only builder (``-b cvpdf``, :func:`write_cvs`) and every HTML build
(:mod:`.builder`: at ``write-started`` and ``build-finished``) make the PDFs' sources with
:func:`make_sources` and write them with :class:`CVs`. For each PDF the root page's doctree
is assembled with every page its toctree includes (as Sphinx's LaTeX builder does), resolved
as the PDF builder would resolve it (web-only parts and HTML-only transforms left out,
``{only}`` read with this builder's and the variant's tags), written as Typst by
:mod:`.translator` and typeset by :mod:`.typeset` (in an HTML build, in a process of its
own while the pages are written: :mod:`._compile`).

A PDF is written again only when something it is made from changed, judged by a key of
everything it is made from (the pages' read times, the settings, the design, the
compiler's version) kept in the doctree folder: a no-op build stays a no-op. The file is
replaced atomically, and the key is written only after it (atomically too), so a build
killed halfway leaves the next build to write it again. A key is kept for the PDF's path,
not its name: builders that share the doctree folder (``-M html``, ``-M cvpdf``) each
write their own copy, and one's key says nothing of the other's file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Final

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import inline_all_toctrees

from .. import _shared
from .._compat.sphinx import resolving_as
from .._version import __version__
from ..buildstate import build_state
from ..config import (
    conf_location,
    cv_file_name,
    given,
    profile_at_config_time,
    variant_file_name,
)
from ..data.values import babel_locale
from ..files import read_record, write_record, write_whole
from ..locale import _, output_language, written_characters
from ..warnings_ import Subtype
from .syntax import typst_string
from .transforms import VARIANT_KEY, unlink_dangling
from .translator import TypstTranslator
from .typeset import DESIGN, Diagnostic, Sealed, Typeset, Typesetter, imports_a_package
from .variants import cut_to_variant

__all__ = ["CVs", "make_sources", "write_cvs"]

logger = logging.getLogger(__name__)

#: Typst's names of the paper sizes ``portfolio_pdf_paper`` takes.
PAPER: Final = {"A4": "a4", "LETTER": "us-letter"}
#: The designs that ship with the package (``portfolio_pdf_design``).
DESIGNS: Final = ("classic", "modern")
#: A site's own design, looked up in its ``templates_path`` folders.
SITE_DESIGN: Final = "portfolio-cv.typ"
#: Lines of the generated source before the body (the design's import, its ``cv``).
PREAMBLE_LINES: Final = 2
#: Characters a font warning names, at most (a page of Korean would name hundreds).
MISSING_SHOWN: Final = 12
#: Where the keys of the PDFs last written are kept, in the doctree folder.
KEYS_FILE: Final = "portfolio-pdf-keys.json"
_LANGUAGE: Final = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Design:
    """The Typst design a CV is set with: its source and where a problem in it is shown;
    ``refused``, a site's design that imports a package (shown as it is), used instead of."""

    source: str
    shown_as: str
    refused: str = ""


def design_of(app: Sphinx) -> Design:
    """The site's ``_templates/portfolio-cv.typ`` when it has one (and it imports no
    package), else the design ``portfolio_pdf_design`` names."""
    refused = ""
    for folder in app.config.templates_path or ():
        path = Path(app.confdir, folder, SITE_DESIGN)
        if path.is_file():
            # read when the PDFs are written, not with a page: an edit to it changes the
            # PDFs' key (_key), which has its text, so they are written again
            source = path.read_text(encoding="utf-8")
            if not imports_a_package(source):
                return Design(source, _shared.display_path(app.env, path))
            refused = _shared.display_path(app.env, path)
    name = str(app.config.portfolio_pdf_design)
    source = resources.files(__package__).joinpath("designs", f"{name}.typ").read_text("utf-8")
    return Design(source, f"sphinx_portfolio/pdf/designs/{name}.typ", refused)


def font_paths(app: Sphinx) -> tuple[list[Path], list[str]]:
    """``portfolio_pdf_fonts``, relative to conf.py: the files or folders that exist, and
    the entries that do not."""
    paths = [(entry, Path(app.confdir, entry)) for entry in app.config.portfolio_pdf_fonts]
    return ([path for _, path in paths if path.exists()],
            [entry for entry, path in paths if not path.exists()])


def _report_setup(app: Sphinx, design: Design, missing_fonts: list[str]) -> None:
    """What is wrong with the design or fonts, said when the PDFs are written."""
    if design.refused:
        _shared.warn(f"{SITE_DESIGN} imports a Typst package, which the build would have to "
                     "download; using the built-in design instead (copy what you need from "
                     "the package into the file)", Subtype.PDF_DESIGN, f"{design.refused}:1")
    for entry in missing_fonts:
        _shared.warn(f"portfolio_pdf_fonts: {entry!r} does not exist (relative to conf.py); "
                     "left out", Subtype.CONFIG, conf_location(app.confdir, "pdf_fonts"))


def _language(config: Config) -> str:
    code = str(config.language or "en").split("_")[0].split("-")[0].lower()
    return code if _LANGUAGE.fullmatch(code) else "en"


def metadata(app: Sphinx, dates: list[str]) -> str:
    """The ``meta`` dictionary the design's ``cv`` receives, as Typst code of literals."""
    config = app.config
    owner = str(config.author or config.project or "")
    # the defaults in the build's language; a title or subject conf.py sets, as it is
    title = config.portfolio_pdf_title or (
        _("{owner} \N{EN DASH} Curriculum Vitae").format(owner=owner) if owner
        else _("Curriculum Vitae"))
    subject = (str(config.portfolio_pdf_subject) if given(config, "portfolio_pdf_subject")
               else _("Curriculum Vitae"))
    keywords = list(config.portfolio_pdf_keywords or _interests(app))
    fields = {
        "title": typst_string(title),
        "author": typst_string(owner),
        "subject": typst_string(subject),
        "keywords": _array(keywords),
        "lang": typst_string(_language(config)),
        "paper": typst_string(PAPER[str(config.portfolio_pdf_paper)]),
        "fonts": _array(config.portfolio_pdf_font_families),
        "dates": _array(dates),
    }
    return "(" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + ")"


def _array(values: list[str]) -> str:
    """A Typst array of strings (the trailing comma makes one element an array)."""
    return "(" + "".join(f"{typst_string(str(value))}, " for value in values) + ")"


def _interests(app: Sphinx) -> list[str]:
    profile = profile_at_config_time(app, app.config)
    return [str(interest) for interest in profile.interests] if profile else []


def timestamp() -> int:
    """The PDF's date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds' convention),
    else the epoch, so the same sources give the same bytes."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else 0


# -- assembling and resolving -------------------------------------------------------------------


@contextlib.contextmanager
def resolving_for(app: Sphinx, builder: Builder, variant: str) -> Iterator[None]:
    """While a PDF's doctree is resolved, ``builder`` is the build's builder: Sphinx's
    post-transforms choose by it which of them run (so HTML-only ones stay out), and
    resolve references with it. The tags are the PDF builder's and the variant's, so
    ``{only}`` reads them as a PDF build would. Everything is put back afterwards."""
    env = app.env
    before_builder = app.builder
    before_tags = set(app.tags)
    for tag in before_tags:
        if tag.startswith(("format_", "builder_")) or tag in (before_builder.name,
                                                              before_builder.format):
            app.tags.remove(tag)
    for tag in (builder.format, builder.name, f"format_{builder.format}",
                f"builder_{builder.name}", *([variant] if variant else [])):
        app.tags.add(tag)
    app.builder = builder  # Sphinx 8's post-transforms ask this; 9's the environment
    try:
        with resolving_as(env, builder):
            yield
    finally:
        app.builder = before_builder
        for tag in set(app.tags) - before_tags:
            app.tags.remove(tag)
        for tag in before_tags - set(app.tags):
            app.tags.add(tag)


def assemble(builder: Builder, root: str) -> nodes.document:
    """The root page with every page its toctree includes, in place, as one doctree."""
    tree = builder.env.get_doctree(root)
    docnames = {root}
    big = inline_all_toctrees(builder, docnames, root, tree, str, [root])
    big["docname"] = root
    builder.docnames = docnames  # type: ignore[attr-defined]
    return big


def pages_of_the_cv(env: BuildEnvironment, root: str) -> list[str]:
    """Every page the root's toctrees include, the root first (what the PDF is made of)."""
    order, todo, seen = [], [root], set()
    while todo:
        docname = todo.pop(0)
        if docname in seen or docname not in env.all_docs:
            continue
        seen.add(docname)
        order.append(docname)
        todo.extend(env.toctree_includes.get(docname, ()))
    return order


# -- one PDF ------------------------------------------------------------------------------------


def resolve(app: Sphinx, builder: Builder, doctree: nodes.document, variant: str) -> None:
    """The assembled doctree resolved for one PDF, as the PDF builder resolves it."""
    doctree[VARIANT_KEY] = variant
    with resolving_for(app, builder, variant):
        app.env.apply_post_transforms(doctree, app.config.root_doc)


def cv_source(app: Sphinx, doctree: nodes.document) -> tuple[str, TypstTranslator]:
    """The Typst source of one PDF from its resolved doctree: the design's import, the
    metadata, the body."""
    translator = TypstTranslator(doctree, build_state(app.env).math_warned)
    preamble = (f'#import "{DESIGN}": *\n'
                f"#show: body => cv({metadata(app, translator.dates)}, body)\n")
    doctree.walkabout(translator)
    return preamble + translator.astext(), translator


def _where(diagnostic: Diagnostic, lines: list[tuple[int, str]], design: Design) -> str:
    """The source of a Typst diagnostic: the page line its generated line came from (by the
    translator's ``lines``), the design, or the root page."""
    if diagnostic.file == DESIGN:
        return f"{design.shown_as}:{diagnostic.line or 1}"
    generated = diagnostic.line - PREAMBLE_LINES
    best = None
    for line, where in lines:
        if line <= generated:
            best = where
        else:
            break
    return best or ""


def report(app: Sphinx, diagnostics: list[Diagnostic], lines: list[tuple[int, str]],
           design: Design, filename: str, ours: frozenset[str] = frozenset()) -> list[str]:
    """Each diagnostic as one located warning; the characters no font has, one warning a
    place (Typst reports each character). Characters of the extension's own words and dates
    (``ours``: a table heading in Korean is on every page) are not reported here but
    returned, for the caller to say once (:func:`_report_our_words`)."""
    missing: dict[str, list[str]] = {}
    for diagnostic in diagnostics:
        where = _where(diagnostic, lines, design) or app.config.root_doc
        if diagnostic.missing_glyphs:
            characters = missing.setdefault(where, [])
            if diagnostic.missing_glyphs not in characters:
                characters.append(diagnostic.missing_glyphs)
            continue
        _shared.warn(f"{filename}: Typst: {diagnostic.message}", Subtype.PDF, where)
    not_drawn: list[str] = []
    for where, found in missing.items():
        not_drawn += [glyphs for glyphs in found if set(glyphs) <= ours]
        characters = [glyphs for glyphs in found if not set(glyphs) <= ours]
        if not characters:
            continue
        shown = "".join(characters[:MISSING_SHOWN]) + ("…" if len(characters) > MISSING_SHOWN
                                                        else "")
        _shared.warn(f"{filename}: no font of the PDF CV can draw {shown!r}: name a font "
                     "file or folder that can in portfolio_pdf_fonts and its family in "
                     "portfolio_pdf_font_families (e.g. Noto Serif CJK for Korean, Chinese or "
                     "Japanese)", Subtype.PDF_FONT, where)
    return not_drawn


#: A font family that draws each script of our catalogues that Latin fonts do not (Debian's
#: fonts-noto-cjk), for the warning's example.
_FONT_FOR: Final = {"ko": "Noto Serif CJK KR", "ja": "Noto Serif CJK JP",
                    "zh": "Noto Serif CJK SC"}


def _report_our_words(app: Sphinx, language: str, not_drawn: list[str]) -> None:
    """One warning for the build: the fonts cannot draw the extension's own words (labels,
    dates) in ``language``, and which setting gives them one."""
    characters = "".join(dict.fromkeys("".join(not_drawn)))
    shown = characters[:MISSING_SHOWN] + ("…" if len(characters) > MISSING_SHOWN else "")
    name = babel_locale(language).get_display_name("en") or language
    family = _FONT_FOR.get(language.split("_")[0].split("-")[0].lower(), "Noto Serif CJK SC")
    _shared.warn(f"the PDF CV's labels and dates in {name} need a font that can draw them "
                 f"(none of its fonts has {shown!r}): name a font file or folder in "
                 f"portfolio_pdf_fonts and its family in portfolio_pdf_font_families "
                 f"(e.g. {family!r}, from Debian's fonts-noto-cjk)", Subtype.PDF_FONT,
                 conf_location(app.confdir, "pdf_fonts"))


def _keys(app: Sphinx, design: Design, fonts: list[Path]) -> Callable[[str], str]:
    """The key of a variant's PDF (of the full CV for ""): what every PDF is made from
    (the settings, the pages' read times, the fonts, ...) gathered once, then the variant."""
    env = app.env
    config = app.config
    settings = {name: repr(config[name]) for name in sorted(config.values)
                if name.startswith("portfolio_pdf") or name in (
                    "author", "project", "language", "root_doc")}
    pages = [(doc, env.all_docs[doc]) for doc in pages_of_the_cv(env, config.root_doc)]
    before = [__version__, version("typst"), design.source, repr(settings), repr(pages),
              repr([(str(f), f.stat().st_mtime_ns) for f in fonts])]
    after = [str(timestamp())]

    def key(variant: str) -> str:
        parts = [*before, variant, *after]
        return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    return key


def _write(app: Sphinx, target: Path, pdf: bytes | None) -> bool:
    """Put the PDF in place (atomically); without one, remove the old one (a stale CV
    beside pages that link it would say what the sources no longer do)."""
    if pdf is None:
        with contextlib.suppress(OSError):
            target.unlink()
        return False
    try:
        write_whole(target, pdf)
    except OSError as problem:
        _shared.warn(f"{target.name} could not be written: {problem.strerror}",
                     Subtype.OUTPUT, conf_location(app.confdir, "pdf_filename"))
        return False
    return True


@dataclass(frozen=True)
class Source:
    """One PDF's Typst source, made (in the sealed folder, in this order): its file name,
    its key, and the page line each generated line came from (to locate a diagnostic)."""

    filename: str
    key: str
    lines: list[tuple[int, str]]


class CVs:
    """The PDFs of one build whose sources are made (:func:`make_sources`), to be compiled
    (here, :meth:`typeset_here`, which then removes the sealed folder, or in a process of
    their own, :mod:`._compile`) and written (:meth:`write`)."""

    def __init__(self, app: Sphinx, outdir: Path, design: Design, keys: dict[str, str],
                 sources: list[Source], sealed: Sealed) -> None:
        self.app, self.outdir, self.design = app, outdir, design
        self.keys, self.sources, self.sealed = keys, sources, sealed

    def typeset_here(self) -> list[Typeset]:
        """Each source compiled in this process."""
        with Typesetter(self.sealed) as typesetter:
            return typesetter.typeset_all()

    def write(self, results: list[Typeset]) -> None:
        """Each PDF reported and put in place, its key once it is; then the keys. The
        extension's own words that no font draws are said once, not once a PDF."""
        language = output_language(self.app.config)
        # asked only when a glyph is missing: finding them formats every month (Babel)
        glyphs_missing = any(diagnostic.missing_glyphs for result in results
                             for diagnostic in result.diagnostics)
        ours = written_characters(language) if glyphs_missing else frozenset()
        not_drawn: list[str] = []
        for source, result in zip(self.sources, results, strict=True):
            logger.info("writing %s", source.filename)
            not_drawn += report(self.app, result.diagnostics, source.lines, self.design,
                                source.filename, ours)
            if _write(self.app, self.outdir / source.filename, result.pdf):
                self.keys[_kept_as(self.outdir, source.filename)] = source.key
        if not_drawn:
            _report_our_words(self.app, language, not_drawn)
        with contextlib.suppress(OSError):  # no keys: the next build writes the PDFs again
            write_record(Path(self.app.doctreedir, KEYS_FILE), self.keys)

    def fail(self, reason: str) -> None:
        """No PDF from the compile: one warning, and no old PDF left (nor its key)."""
        _shared.warn(f"the PDF CVs were not made: {reason}", Subtype.PDF,
                     self.app.config.root_doc)
        self.write([Typeset(None) for _ in self.sources])

    def remove(self) -> None:
        self.sealed.remove()


def make_sources(app: Sphinx, builder: Builder, outdir: Path) -> CVs | None:
    """The Typst sources of the full CV and of every variant whose PDF is due in ``outdir``:
    those whose sources changed since they were written, or that are missing; None when
    none is (deciding that assembles and translates nothing)."""
    design = design_of(app)
    fonts, missing_fonts = font_paths(app)
    keys = read_record(Path(app.doctreedir, KEYS_FILE))
    key_of = _keys(app, design, fonts)
    variants = app.config.portfolio_pdf_variants if app.config.portfolio_pdf_write_variants else {}
    due = []
    for variant in ["", *variants]:
        filename = (variant_file_name(app.config, variant) if variant
                    else cv_file_name(app.config)) + ".pdf"
        key = key_of(variant)
        if keys.get(_kept_as(outdir, filename)) != key or not (outdir / filename).is_file():
            keys.pop(_kept_as(outdir, filename), None)
            due.append((variant, filename, key))
    if not due:
        return None  # a no-op build: the PDFs are those of these sources
    _report_setup(app, design, missing_fonts)
    assembled = assemble(builder, app.config.root_doc)
    # A variant is the full CV resolved once and then cut, unless a page has ``{only}``
    # (it reads each variant's name as a tag while the page is resolved).
    cut_from_full = not any(assembled.findall(addnodes.only))
    full: nodes.document | None = None
    sealed = Sealed.make(design.source, fonts, timestamp())
    sources = []
    try:
        for index, (variant, filename, key) in enumerate(due):
            if cut_from_full:
                if full is None:  # resolved once, whether the full CV itself is due or not
                    full = assembled
                    resolve(app, builder, full, "")
                doctree = full  # the translator below only reads it
                if variant:  # each variant cuts a copy of its own, never another's cuts
                    doctree = full.deepcopy()
                    cut_to_variant(doctree, app.config.portfolio_pdf_variants[variant])
                    unlink_dangling(doctree)
            else:  # each resolves its own copy; the last has the original
                doctree = assembled if index == len(due) - 1 else assembled.deepcopy()
                resolve(app, builder, doctree, variant)
            source, translator = cv_source(app, doctree)
            sealed.add(source)
            sources.append(Source(filename, key, translator.lines))
    except BaseException:
        sealed.remove()
        raise
    return CVs(app, outdir, design, keys, sources, sealed)


def write_cvs(app: Sphinx, builder: Builder, outdir: Path) -> None:
    """The full CV and every variant that is due (:func:`make_sources`) into ``outdir``,
    compiled in this process; each key once its PDF is in place."""
    cvs = make_sources(app, builder, outdir)
    if cvs is not None:
        cvs.write(cvs.typeset_here())


def _kept_as(outdir: Path, filename: str) -> str:
    """What a PDF's key is kept under: its path."""
    return str(Path(outdir, filename).absolute())
