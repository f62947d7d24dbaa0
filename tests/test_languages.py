"""One source, several languages: data values given as {language: text}, built in each.

The root ``test-languages`` gives every free text of its data in English and Korean (made-up
example entries). Built in either language, every row is there with each value in that
language and none in the other, on the web and in the PDF; a value that lacks the build's
language is one located report; the PDF's file name carries a language that is not the
default.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import (
    NOTO_CJK,
    build_and_clean_up,
    copy_site,
    html_text,
    pdf_text,
    quick_first,
    require_cjk_font,
    squash,
    warnings_of,
)
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_portfolio.cli import main
from sphinx_portfolio.data.models import Experience
from sphinx_portfolio.guide.fieldtypes import field_docs
from sphinx_portfolio.interchange import export_jsonresume

ROOT = Path(__file__).parent / "roots" / "test-languages"
PAGES = ("index", "honors", "experience", "skills")
LANGUAGES = ("en", "ko")


def _korean_fonts() -> dict[str, Any]:
    require_cjk_font()
    return {"portfolio_pdf_fonts": [str(NOTO_CJK)],
            "portfolio_pdf_font_families": ["Noto Serif CJK KR"]}


def _texts(document: Any) -> Iterator[dict[str, str]]:
    """Every value of ``document`` given in languages (a mapping with only en and ko keys)."""
    if isinstance(document, dict):
        if document and set(document) <= set(LANGUAGES):
            yield document
            return
        for value in document.values():
            yield from _texts(value)
    elif isinstance(document, list):
        for value in document:
            yield from _texts(value)


def _root_texts() -> list[dict[str, str]]:
    found = [text for path in sorted((ROOT / "_data").glob("*.yaml"))
             for text in _texts(yaml.safe_load(path.read_text("utf-8")))]
    assert len(found) > 15 and all(set(text) == set(LANGUAGES) for text in found)
    return found


def _site_text(app: SphinxTestApp) -> str:
    return squash(" ".join(html_text(Path(app.outdir) / f"{page}.html") for page in PAGES))


def _pdf(app: SphinxTestApp) -> Path:
    (cv,) = Path(app.outdir).glob("*.pdf")
    return cv


def _copy(tmp_path: Path) -> Path:
    """The root, copied for a test to edit and build on its own ("languages/" in warnings)."""
    srcdir = tmp_path / "languages"
    shutil.copytree(ROOT, srcdir)
    return srcdir


def _edit(srcdir: Path, file: str, old: str, new: str) -> None:
    path = srcdir / "_data" / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def _build(make_app: Callable[..., SphinxTestApp], srcdir: Path,
           **overrides: Any) -> SphinxTestApp:
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    return app


@pytest.mark.parametrize("language", quick_first(LANGUAGES))
def test_each_language_complete_on_the_web_and_in_the_pdf(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, language: str
) -> None:
    app = _build(make_app, _copy(tmp_path), language=language, **_korean_fonts())
    assert "portfolio" not in warnings_of(app), warnings_of(app)
    web, cv = _site_text(app), squash(pdf_text(_pdf(app)))
    other = next(code for code in LANGUAGES if code != language)
    for text in _root_texts():
        assert squash(text[language]) in web, text
        assert squash(text[other]) not in web, text
        if text["en"] != "Ada Example":  # the name is the PDF's page footer (read below)
            assert squash(text[language]) in cv, text
            assert squash(text[other]) not in cv, text
    # every row: two awards, one position, one skill category
    for page, rows in (("honors", 2), ("experience", 1), ("skills", 1)):
        soup = BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"),
                             "html.parser")
        assert len(soup.select("table.portfolio-table tbody tr")) == rows, page
    # the owner's name, given in both, is the author in this build's language (read when
    # the configuration is made): the PDF's metadata and file name follow it
    name = {"en": "Ada Example", "ko": "에이다 예시"}[language]
    assert app.config.author == name
    reader = PdfReader(_pdf(app))
    assert reader.metadata is not None and reader.metadata.author == name
    assert _pdf(app).name == {"en": "Ada_Example_CV.pdf", "ko": "에이다_예시_CV_ko.pdf"}[language]


_MISSING = ("languages/_data/awards.yaml:3", "body: no text in 'ko', the build's language; "
            "the default language's ('en') text is shown (add `ko:` to it)")


@pytest.mark.parametrize("report", quick_first(["warning", "info"]))
def test_a_missing_translation_is_one_located_report(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, report: str
) -> None:
    srcdir = _copy(tmp_path)
    _edit(srcdir, "awards.yaml", "body: {en: Example Society, ko: 예시 학회}",
          "body: {en: Example Society}")
    app = _build(make_app, srcdir, language="ko", portfolio_missing_translation=report,
                 **_korean_fonts())
    warnings = warnings_of(app)
    status = strip_escape_sequences(app.status.getvalue())
    location, message = _MISSING
    if report == "warning":
        assert f"{location}: WARNING: {message} [portfolio.translation]" in warnings
        assert warnings.count("portfolio") == 1, warnings
    else:
        assert "portfolio" not in warnings, warnings
        assert status.count(f"{location}: {message}") == 1, status
    # the default language's text is shown: nothing is lost
    assert "Example Society" in html_text(Path(app.outdir) / "honors.html")


@pytest.mark.slow  # a build for each case
@pytest.mark.parametrize(("default", "shown", "said"), [
    ("ko", "예시상", "the default language's ('ko') text is shown"),
    ("en", "예시상", "the first given ('ko') is shown"),
])
def test_the_default_language_then_the_first_text(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, default: str, shown: str,
    said: str
) -> None:
    """A value without the build's language: the default language's text, else the first."""
    srcdir = _copy(tmp_path)
    _edit(srcdir, "awards.yaml", "title: {en: Example Prize, ko: 예시상}", "title: {ko: 예시상}")
    app = _build(make_app, srcdir, language="en", portfolio_default_language=default,
                 **_korean_fonts())
    assert shown in html_text(Path(app.outdir) / "honors.html")
    warnings = warnings_of(app)
    assert (f"languages/_data/awards.yaml:2: WARNING: title: no text in 'en', the build's "
            f"language; {said} (add `en:` to it) [portfolio.translation]") in warnings
    if default == "en":  # the build writes the default language: its PDF name has none
        assert _pdf(app).name == "Ada_Example_CV.pdf"
    else:
        assert _pdf(app).name == "Ada_Example_CV_en.pdf"


def test_a_key_that_is_no_language_and_an_empty_mapping(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = _copy(tmp_path)
    _edit(srcdir, "awards.yaml", "title: {en: Example Prize, ko: 예시상}",
          "title: {en: Example Prize, kr: 예시상}")
    _edit(srcdir, "awards.yaml", "detail: {en: one of ten fellows, ko: 열 명 중 한 명}",
          "detail: {}")
    app = _build(make_app, srcdir, language="ko", **_korean_fonts())
    warnings = warnings_of(app)
    # the misspelt key is the one report for that value (not also a missing 'ko')
    assert ("languages/_data/awards.yaml:2: WARNING: title: 'kr' is not a language code; its "
            "text is ignored (did you mean 'ko'? ('kr' is a country's code)) "
            "[portfolio.type]") in warnings
    assert ("languages/_data/awards.yaml:10: WARNING: detail: a value in several languages "
            "with no text in any language (give the text under a language code, e.g. "
            "{en: ...}) [portfolio.type]") in warnings
    assert warnings.count("portfolio.") == 2, warnings
    honors = html_text(Path(app.outdir) / "honors.html")
    assert "Example Prize" in honors  # the entry stays, in the text it has
    assert "견본 장학금" not in honors  # a value with no text leaves its entry out


@pytest.mark.slow  # the full portfolio built in Korean
def test_the_site_in_korean_names_its_pdf_so(tmp_path: Path) -> None:
    """This site built with ``-D language=ko``: ``Minhak_Song_CV_ko.pdf``, linked from the
    CV page (the default language's PDF has no language in its name)."""
    srcdir = copy_site(tmp_path)
    app = build_and_clean_up(SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "build",
                                           confoverrides={"language": "ko", **_korean_fonts()}))
    names = sorted(path.name for path in Path(app.outdir).glob("*.pdf"))
    assert names == ["Minhak_Song_CV_ko.pdf", "Minhak_Song_CV_short_ko.pdf"]
    soup = BeautifulSoup((Path(app.outdir) / "cv.html").read_text("utf-8"), "html.parser")
    link = soup.select_one("a.portfolio-cv-pdf")
    assert link is not None and link["href"] == "Minhak_Song_CV_ko.pdf"


def test_the_export_writes_the_default_language(tmp_path: Path) -> None:
    """JSON Resume has one language: the site's default language's text, never a mapping;
    the command line reads that language from conf.py."""
    srcdir = _copy(tmp_path)
    resume = export_jsonresume(srcdir / "_data", [srcdir / "refs.bib"])
    assert resume["basics"]["name"] == "Ada Example"
    assert resume["awards"][0]["title"] == "Example Prize"
    assert not re.search(r"[\uac00-\ud7a3]", json.dumps(resume, ensure_ascii=False))
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('portfolio_default_language = "ko"\n')
    # a value without the default language: its first text, and the export goes on
    _edit(srcdir, "awards.yaml", "title: {en: Example Prize, ko: 예시상}",
          "title: {en: Example Prize}")
    output = tmp_path / "resume.json"
    assert main(["export", "jsonresume", "--site", str(srcdir), "-o", str(output)]) == 0
    written = json.loads(output.read_text("utf-8"))
    assert written["basics"]["name"] == "에이다 예시"
    assert written["work"][0]["highlights"] == ["예시 파이프라인 작성", "표본 크기 측정"]
    assert written["awards"][0]["title"] == "Example Prize"
    assert all(isinstance(value, str) for value in _leaves(written)), written


def _leaves(document: Any) -> Iterator[Any]:
    if isinstance(document, dict):
        for value in document.values():
            yield from _leaves(value)
    elif isinstance(document, list):
        for value in document:
            yield from _leaves(value)
    else:
        yield document


def test_the_data_reference_marks_the_fields_in_languages() -> None:
    """The guide's data reference says which fields take {en: ..., ko: ...}: free text, not
    ids, tags, links or dates."""
    words = {doc.name: doc.words for doc in field_docs(Experience)}
    for name in ("organization", "location", "role", "focus", "notes"):
        assert "{en: ..., ko: ...}" in words[name], name
    for name in ("id", "kind", "tags", "url", "start", "advisor"):
        assert "{en:" not in words[name], name


def test_a_regional_build_reads_its_base_language(tmp_path: Path) -> None:
    """A build in ko_KR reads `ko:` (values rarely name a region), and reports nothing."""
    from sphinx_portfolio.data.languages import Languages, resolve
    from sphinx_portfolio.data.yaml_reader import parse_yaml, plain

    path = tmp_path / "experience.yaml"
    parsed = parse_yaml(b"- role: {en: Researcher, ko: \xec\x97\xb0\xea\xb5\xac\xec\x9b\x90}\n",
                        path)
    entry = parsed.document[0]
    found = resolve(Experience, plain(entry), entry, path,
                    Languages(build="ko_KR", default="en"))
    assert found.data["role"] == "연구원" and found.problems == []
