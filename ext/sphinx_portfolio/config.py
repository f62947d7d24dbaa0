"""Every ``portfolio_*`` setting, declared once: its type, default, meaning and what it rebuilds.

:class:`PortfolioConfig` is the declaration; :func:`setup_config` registers each field with
Sphinx (typed, described) and checks the values at ``config-inited``: a wrong value is one
``portfolio.config`` warning at its line in ``conf.py`` and the build goes on with the
default (or, inside a PDF variant, without the bad key). Nothing here imports Typst, so the
names of the PDF files are known to every build that links them.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    ValidationError,
    field_validator,
)
from sphinx.application import Sphinx
from sphinx.config import Config

from ._compat.sphinx import config_given
from ._shared import warn
from .bib.latex import ascii_folded
from .data import Profile, load_profile
from .data.languages import LANGUAGE_CODE, Languages
from .data.languages import same_language as same_language  # (re-exported: one definition)
from .data.values import DEFAULT_MONTH_FORMAT, check_month_format
from .files import climbs_out, leads_out_of
from .warnings_ import Subtype, did_you_mean

__all__ = [
    "PREFIX", "PdfVariant", "PortfolioConfig", "Rebuild", "conf_location", "cv_file_name",
    "data_languages", "default_cv_name", "given", "profile_at_config_time", "setup_config",
    "variant_file_name",
]

PREFIX = "portfolio_"
PAPER_SIZES = ("A4", "LETTER")
PDF_DESIGNS = ("classic", "modern")
MISSING_TRANSLATION_REPORTS = ("warning", "info")
#: Longest PDF file name we make, without ".pdf": far below every file system's 255 bytes
#: (a name of 300 characters in profile.yaml would otherwise fail to be written at all).
PDF_NAME_MAX_CHARS = 100

Rebuild = Literal["env", "html", ""]


def _plain_name(value: str) -> str:
    """A PDF file name: no folder, no leading dot, at most :data:`PDF_NAME_MAX_CHARS`."""
    if value and (value != Path(value).name or value.startswith(".") or "\\" in value
                  or len(value) > PDF_NAME_MAX_CHARS):
        raise ValueError(f"must be a file name (no folder, no leading dot, at most "
                         f"{PDF_NAME_MAX_CHARS} characters)")
    return value


#: A PDF's file name as conf.py may give it (the CV's, a variant's).
PdfFileName = Annotated[str, AfterValidator(_plain_name)]


class PdfVariant(BaseModel):
    """A tailored PDF CV: the same sources with some rows, details or pages left out."""

    model_config = ConfigDict(extra="forbid", strict=True)

    limit: dict[str, NonNegativeInt] = Field(
        default_factory=dict, description="data file stem -> rows kept in its tables")
    notes: bool = Field(True, description="keep the bullet-point details in table cells")
    drop: list[str] = Field(default_factory=list, description="pages left out of the PDF")
    filename: PdfFileName = Field(
        "", description="PDF file name without .pdf; default <CV>_<variant>")


def _setting(default: Any, rebuild: Rebuild, description: str) -> Any:
    factory = (lambda: type(default)()) if isinstance(default, dict | list) else None
    extra: dict[str, Any] = {"rebuild": rebuild}
    if factory is not None:
        return Field(default_factory=factory, description=description, json_schema_extra=extra)
    return Field(default, description=description, json_schema_extra=extra)


class PortfolioConfig(BaseModel):
    """The extension's settings; in ``conf.py`` each is ``portfolio_<field>``."""

    model_config = ConfigDict(extra="forbid", strict=True)

    data_dir: str = _setting("_data", "env", "folder of the YAML data files, relative to conf.py")
    venue_abbreviations: dict[str, str] = _setting(
        {}, "env", "venue full name -> short name (e.g. 'ICLR'), added to the defaults")
    date_format: str = _setting(
        DEFAULT_MONTH_FORMAT, "env",
        "how the CV tables write a month and year, on the web and in the PDF, in the "
        "build's language: 'short', 'medium' (Jan 2025; 2025년 1월 in Korean) or 'long' "
        "(January 2025), a CLDR skeleton such as 'yMMM', or a pattern of %b (Jan), %B "
        "(January), %m (01) and %Y (2025), e.g. '%m/%Y' for 01/2025; a year alone is written "
        "as it is, a term ('Spring 2021') and 'present' in the build's language")
    default_language: str = _setting(
        "en", "env", "the language the site's text is written in: a data value given as "
        "{language: text} falls back to it when it lacks the build's language, and a PDF "
        "CV in it has no language in its file name (in another: <name>_<language>.pdf)")
    missing_translation: str = _setting(
        "warning", "env", 'how a data value without the build\'s language is reported, '
        'once, at its line: "warning" (fails a -W build) or "info"')
    csl_style: str = _setting(
        "", "env", "the publication list's style, on the web and in the PDF: '' (the "
        "extension's own), a bundled CSL style (apa, ieee, chicago-author-date, nature, "
        "vancouver) or a .csl file relative to conf.py")
    paper_pages: str = _setting(
        "publications", "html", "folder of the per-paper web pages; empty for none")
    list_panels_up_to: int = _setting(
        200, "html", "most entries a web page lists with each one's Abstract and BibTeX "
        "panels; a page with more links those buttons to the paper's page and .bib file "
        "instead, which keeps a long list light (with paper pages off, the panels stay)")
    pdf: bool = _setting(
        True, "", "write the PDF CV (and each variant) into the output of every HTML build; "
        "False: only sphinx-build -b cvpdf writes them")
    pdf_filename: PdfFileName = _setting(
        "", "env", "file name (no .pdf) of the PDF CV; default <author>_CV")
    pdf_paper: str = _setting("A4", "env", 'paper size of the PDF CV: "A4" or "LETTER"')
    pdf_design: str = _setting(
        "classic", "env", 'the PDF CV\'s design: "classic" (serif, Libertinus) or "modern" '
        "(New Computer Modern, small-caps headings); a site's _templates/portfolio-cv.typ "
        "replaces both")
    pdf_fonts: list[str] = _setting(
        [], "env", "font files or folders (relative to conf.py) the PDF may use beyond the "
        "families Typst ships (Libertinus Serif, New Computer Modern, DejaVu Sans Mono)")
    pdf_font_families: list[str] = _setting(
        [], "env", "font families tried, in order, for characters the design's font lacks "
        "(e.g. 'Noto Serif CJK KR' for Korean names), from portfolio_pdf_fonts")
    pdf_title: str | None = _setting(
        None, "env", "PDF title metadata; None: '<author> - Curriculum Vitae' (with an en dash)")
    pdf_subject: str = _setting("Curriculum Vitae", "env", "PDF subject metadata")
    pdf_keywords: list[str] = _setting(
        [], "env", "PDF keywords metadata; empty: the research interests from profile.yaml")
    pdf_variants: dict[str, PdfVariant] = _setting(
        {}, "env", "name -> tailored PDF CV settings (limit, notes, drop, filename); each "
        "is written beside the full CV")
    pdf_write_variants: bool = _setting(
        True, "", "write each variant's PDF beside the full CV; False: the full CV alone "
        "(Read the Docs' PDF download offers one file)")

    @field_validator("pdf_paper")
    @classmethod
    def _known_paper(cls, value: str) -> str:
        return _one_of(value.upper(), PAPER_SIZES)

    @field_validator("pdf_design")
    @classmethod
    def _known_design(cls, value: str) -> str:
        return _one_of(value, PDF_DESIGNS)

    @field_validator("missing_translation")
    @classmethod
    def _known_report(cls, value: str) -> str:
        return _one_of(value, MISSING_TRANSLATION_REPORTS)

    @field_validator("default_language")
    @classmethod
    def _language_code(cls, value: str) -> str:
        if not re.fullmatch(LANGUAGE_CODE, value):
            raise ValueError("must be a language code such as 'en', 'ko' or 'zh_CN'")
        return value

    @field_validator("paper_pages")
    @classmethod
    def _folder_inside_the_output(cls, value: str) -> str:
        folder = posixpath.normpath(value) if value else ""
        if climbs_out(folder):
            raise ValueError("must be a folder inside the output (relative, no '..')")
        return folder

    @field_validator("data_dir")
    @classmethod
    def _folder_inside_the_source(cls, value: str) -> str:
        # the data files' editor links point at ../_schema/, which must be in the site too
        folder = posixpath.normpath(value) if value else ""
        if not folder or folder == "." or climbs_out(folder):
            raise ValueError("must be a folder inside the source folder (relative, no '..')")
        return folder

    @field_validator("list_panels_up_to")
    @classmethod
    def _not_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must be 0 or more")
        return value

    @field_validator("date_format")
    @classmethod
    def _month_and_year(cls, value: str) -> str:
        return check_month_format(value)


def _one_of(value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"must be one of {', '.join(choices)}")
    return value


def _runtime_types(annotation: Any) -> frozenset[type]:
    """The Python types Sphinx may see for a field (``str | None`` -> {str, NoneType})."""
    union = get_origin(annotation) in (Union, UnionType)
    members = get_args(annotation) if union else (annotation,)
    found = frozenset(get_origin(member) or member for member in members)
    return frozenset({type(None) if member is None else member for member in found})


def setup_config(app: Sphinx) -> None:
    for name, field in PortfolioConfig.model_fields.items():
        default = field.get_default(call_default_factory=True)
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        rebuild = str(extra.get("rebuild", "env"))
        app.add_config_value(PREFIX + name, default, rebuild,  # type: ignore[arg-type]
                             types=_runtime_types(field.annotation),
                             description=field.description or "")
    # Before Sphinx's own type check (800), which would warn once more, without a line.
    app.connect("config-inited", check_config, priority=100)


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: each bad value is one located warning and falls back to its default."""
    given = {name: config[PREFIX + name] for name in PortfolioConfig.model_fields}
    try:
        checked = PortfolioConfig.model_validate(given)
    except ValidationError as error:
        checked = _keep_what_is_valid(app, given, error)
    for name in PortfolioConfig.model_fields:
        value = getattr(checked, name)
        if name == "pdf_variants":
            value = {key: variant.model_dump() for key, variant in value.items()}
        config[PREFIX + name] = value
    _derive_from_the_profile(app, config)


def given(config: Config, name: str) -> bool:
    """Whether conf.py or ``-D`` set ``name``."""
    return config_given(config, name)


def profile_at_config_time(app: Sphinx, config: Config) -> Profile | None:
    """The owner's profile.yaml, for settings derived from it.

    Read when the configuration is made, and not later: a value changed after Sphinx
    compares configurations would make every build re-read every page. Problems in the
    file are reported by the data checks, so they are ignored here.
    """
    path = Path(app.srcdir) / str(config.portfolio_data_dir) / "profile.yaml"
    if not path.is_file() or leads_out_of(app.srcdir, path):  # the data cache reports it
        return None
    return load_profile(path, data_languages(config))[0]


def _derive_from_the_profile(app: Sphinx, config: Config) -> None:
    """The owner's name as ``author`` (PDF file name, metadata) and ``copyright`` when
    conf.py names none; MyST's ``$...$`` math on, as in the .bib abstracts."""
    named = given(config, "author")
    if not named:
        profile = profile_at_config_time(app, config)
        if profile is not None:
            config.author, named = profile.name, True
    if named and not given(config, "copyright"):
        # themes print "Copyright ©" and then nothing; the owner's name is what belongs there
        # (no year: one the sources do not state would be made up)
        config.copyright = str(config.author)
    extensions = list(config.myst_enable_extensions or ())
    if "dollarmath" not in extensions:
        config.myst_enable_extensions = [*extensions, "dollarmath"]


def _keep_what_is_valid(app: Sphinx, given: dict[str, Any],
                        error: ValidationError) -> PortfolioConfig:
    conf_py, lines = _conf_lines(Path(app.confdir))
    for problem in error.errors(include_url=False):
        # a bad key itself ("portfolio_pdf_variants = {5: ...}"): pydantic adds "[key]"
        loc = tuple(part for part in problem["loc"] if part != "[key]")
        setting = PREFIX + str(loc[0]) + "".join(f"[{part!r}]" for part in loc[1:])
        if problem["type"] == "extra_forbidden":
            known = PdfVariant.model_fields if len(loc) == 3 else PortfolioConfig.model_fields
            reason = "unknown key" + (f" ({did_you_mean(str(loc[-1]), known)})"
                                      if did_you_mean(str(loc[-1]), known) else
                                      f" (known: {', '.join(known)})")
        else:
            shown = repr(problem["input"])
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            reason = f"{problem['msg'][0].lower()}{problem['msg'][1:]}, not {shown}"
        in_a_variant = len(loc) > 2 or (len(loc) == 2 and loc[0] == "pdf_variants")
        consequence = "ignored" if in_a_variant else "using the default"
        warn(f"{setting}: {reason}; {consequence}", Subtype.CONFIG,
             _location(conf_py, lines, loc))
        _drop(given, loc)
    return PortfolioConfig.model_validate(given)


def _drop(values: dict[str, Any], loc: tuple[int | str, ...]) -> None:
    """Remove the bad part: a whole setting, or one key inside a variant."""
    if len(loc) < 2 or loc[0] != "pdf_variants":
        del values[str(loc[0])]  # back to the default
        return
    variants = dict(values["pdf_variants"])
    if len(loc) == 2:  # the variant's name or settings are no variant: it goes
        del variants[loc[1]]
        values["pdf_variants"] = variants
        return
    variant = dict(variants[loc[1]])
    if loc[2] == "limit" and len(loc) > 3 and isinstance(variant.get("limit"), dict):
        variant["limit"] = {k: v for k, v in variant["limit"].items() if k != loc[3]}
    else:
        variant.pop(str(loc[2]), None)
    variants[loc[1]] = variant
    values["pdf_variants"] = variants


def _conf_lines(confdir: Path) -> tuple[Path, list[str]]:
    conf_py = confdir / "conf.py"
    return conf_py, conf_py.read_text(encoding="utf-8").splitlines() if conf_py.is_file() else []


def conf_location(confdir: str | Path, setting: str, *keys: str) -> str:
    """``conf.py:<line>`` where ``portfolio_<setting>`` (and each of ``keys`` in it) is set."""
    conf_py, lines = _conf_lines(Path(confdir))
    return _location(conf_py, lines, (setting, *keys))


def _location(conf_py: Path, lines: list[str], loc: tuple[int | str, ...]) -> str:
    return f"{conf_py}:{_line_of(lines, loc)}"


def _line_of(lines: list[str], loc: tuple[int | str, ...]) -> int:
    """The line of conf.py that sets ``loc`` (the setting, then each quoted key below it)."""
    assignment = re.compile(rf"^\s*{re.escape(PREFIX + str(loc[0]))}\s*[:=]")
    # the last assignment is the one Python keeps
    line = next((i for i in reversed(range(len(lines))) if assignment.match(lines[i])), None)
    if line is None:
        return 1  # given with -D, or the whole file
    for key in loc[1:]:
        quoted = re.compile(rf"""["']{re.escape(str(key))}["']""")
        found = next((i for i in range(line, len(lines)) if quoted.search(lines[i])), None)
        if found is None:
            break
        line = found
    return line + 1


def _file_stem(text: str, most: int) -> str:
    """``text`` as part of a file name: ASCII where possible (:func:`.ascii_folded`: "Sönke"
    -> "Sonke", "Søren" -> "Soren"; safer in URLs and on servers), runs of anything but
    letters, digits, ``.`` and ``-`` made ``_``, at most ``most`` characters; "" when nothing
    is left."""
    for candidate in (ascii_folded(text), text):
        stem = re.sub(r"[^\w.-]+", "_", candidate).strip("_.")[:most].rstrip("_.")
        if stem:
            return stem
    return ""


def default_cv_name(owner: str) -> str:
    """File name (without ``.pdf``) for the owner's CV, e.g. ``Ada_Lovelace_CV``."""
    stem = _file_stem(owner, PDF_NAME_MAX_CHARS - 3)
    return f"{stem}_CV" if stem else "CV"


def build_language(config: Config) -> str:
    """The language this build writes: Sphinx's ``language`` (``en`` when unset)."""
    return str(config.language or "en")


def data_languages(config: Config) -> Languages:
    """What a data value given in several languages is read in: the build's language, else
    ``portfolio_default_language``."""
    return Languages(build_language(config), str(config.portfolio_default_language))


def _in_language(config: Config, name: str) -> str:
    """``name`` with ``_<language>`` when the build's language is not the default one."""
    language = build_language(config)
    if same_language(language, str(config.portfolio_default_language)):
        return name
    return f"{name}_{_file_stem(language, 20)}"


def cv_file_name(config: Config) -> str:
    """The full CV's file name without ``.pdf``: ``portfolio_pdf_filename`` or ``<Author>_CV``,
    and ``_<language>`` in a language other than ``portfolio_default_language``."""
    filename = str(config.portfolio_pdf_filename)
    return _in_language(config, filename or default_cv_name(str(config.author or config.project)))


def variant_file_name(config: Config, variant: str) -> str:
    """A variant's file name (no ``.pdf``): its ``filename`` or ``<CV name>_<variant>``, and
    ``_<language>`` in a language other than ``portfolio_default_language``."""
    settings = config.portfolio_pdf_variants[variant]
    if settings.get("filename"):
        return _in_language(config, str(settings["filename"]))
    cv_name = str(config.portfolio_pdf_filename) or default_cv_name(
        str(config.author or config.project))
    return _in_language(
        config, f"{cv_name}_{_file_stem(variant, PDF_NAME_MAX_CHARS) or 'variant'}")
