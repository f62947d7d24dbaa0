"""Publications on the web: each entry's links, abstract and BibTeX as one row of buttons,
citations that lead to the entry on their own page, and the script of the copy buttons.

The buttons come from a post-transform for HTML builders only (``formats``), as sphinx_design's
do: every other builder (the PDF, text, LaTeX, ...) keeps the entry as :mod:`.transforms` left
it, its links as text (``[arXiv:2405.16002]``). It runs before the web's privacy transform
(an address in an abstract is hidden like any other); the link to a paper's ``.bib`` file is
resolved with the paper pages' links (:func:`.pages.link_titles`), where the builder is known.

The row works without JavaScript: the links are links, Abstract and BibTeX are
``<details>`` toggles whose panels open below the row (the style sheet places them), and
the BibTeX panel links the paper's ``.bib`` file. The copy button is written hidden and
shown by ``sphinx-portfolio-copy.js``, on the pages that have one.

al-folio's files named without an address (``pdf = {paper.pdf}``) are looked for where
al-folio keeps them, in the Sphinx source folder: ``assets/pdf/`` for ``pdf``, ``supp``,
``poster`` and ``slides``, ``assets/html/`` for ``html``, ``assets/img/publication_preview/``
for ``preview`` (:data:`sphinx_portfolio.bib.links.LOCAL_FOLDERS`). Each one found is copied
to the same place in the HTML output and is a button of the row (:class:`LocalFiles`), but
a ``preview``, which is the entry's thumbnail, beside its text, as al-folio shows it
(decorative: ``alt=""``, the title beside it says what it shows; lazy, in a fixed box, so a
page does not move as it loads); each one missing is one ``bib-local-file`` warning at its
field, naming the folder.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

from docutils import nodes
from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.highlighting import PygmentsBridge
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import copyfile, relative_uri

from .. import _shared
from .._compat.bibtex import CiteDomain
from ..bib import PAPER_URI_PREFIX, CheckedBib
from ..bib.links import LocalFile, local_files
from ..buildstate import build_state
from ..domain import portfolio_domain
from ..files import leads_out_of
from ..locale import _
from ..nodes import details
from ..warnings_ import Subtype
from .render import (
    ACTIONS,
    BUTTON,
    LINKS,
    PAPER_BIBTEX_PREFIX,
    abstract_paragraph,
    bibtex_block,
    link_buttons,
)
from .transforms import Citations

__all__ = ["setup_buttons"]

#: In ``web/static/``, which :mod:`sphinx_portfolio.web.assets` publishes.
COPY_SCRIPT: Final = "sphinx-portfolio-copy.js"
#: A BibTeX panel holds a copy button (:func:`.render.copy_button_html`).
_COPY_MARK: Final = 'class="portfolio-copy'
#: In the portfolio domain's data, al-folio's files found this build: key -> [(field, label,
#: path)], the path relative to the source and to the output folder ("assets/pdf/a.pdf").
FOUND_FILES: Final = "alfolio_files"
#: Run after :func:`.bibliography.load_bibliography` (400), which reads the entries.
FIND_FILES_PRIORITY: Final = 450
#: An entry's thumbnail (al-folio's ``preview``), and an entry that has one.
PREVIEW: Final = "portfolio-preview"
WITH_PREVIEW: Final = "portfolio-with-preview"
#: With a path, the URI of one of al-folio's files: :func:`link_files` makes it relative to
#: the page where the builder publishes the file, and drops the button elsewhere.
FILE_URI_PREFIX: Final = "portfolio-file:"


class EntryButtons(SphinxPostTransform):
    """Below each entry: ``Abstract`` ``arXiv`` ``DOI`` ... ``BibTeX``.

    Abstract and BibTeX open panels in the list; on a page listing more entries than
    ``portfolio_list_panels_up_to``, they link to the paper's page and ``.bib`` file instead:
    at 5,000 papers the panels made a 17 MB page (3.4 KB an entry; 1 KB without them) and
    added ~120 MB to the build's peak memory.
    """

    default_priority = _shared.ENTRY_BUTTONS
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        entries = Citations(CiteDomain(self.env), self.env).entries(self.document)
        # every HTML builder writes paper pages when the setting names their folder
        panels = (len(entries) <= self.config.portfolio_list_panels_up_to
                  or not self.config.portfolio_paper_pages)
        for item, entry in entries:
            for links in list(item.findall(_is_text_links)):
                links.parent.remove(links)
            row = nodes.container(classes=[ACTIONS])
            if panels:
                row += _abstract_panel(entry, build_state(self.env).entry_location(entry.key))
            elif entry.fields.get("abstract"):
                row += _button(_("Abstract"), PAPER_URI_PREFIX + entry.key, "portfolio-abstract")
            row.extend(link_buttons(entry))
            row.extend(self._file_buttons(entry))
            thumbnail = self._thumbnail(entry)
            text = next(item.findall(nodes.paragraph), None)
            if thumbnail is not None and text is not None:
                # in the entry's text, not beside it: the list lays out label and text as a
                # grid of two columns, which a third child would break
                text.insert(0, thumbnail)
                item["classes"].append(WITH_PREVIEW)
            download = PAPER_BIBTEX_PREFIX + entry.key  # the paper's .bib file, if published
            if panels:
                toggle = details(summary=_("BibTeX"), classes=["portfolio-bibtex"])
                toggle += nodes.container("", *bibtex_block(entry, download),
                                          classes=["portfolio-panel"])
                row += toggle
            else:
                row += _button(_("BibTeX"), download, "portfolio-bibtex")
            item += row

    def _file_buttons(self, entry: Entry) -> list[nodes.inline]:
        """A button for each of al-folio's files of the entry that :class:`LocalFiles` found
        (and copies to the output), its thumbnail aside; :func:`link_files` resolves its
        URI."""
        found = portfolio_domain(self.env).data.get(FOUND_FILES) or {}
        return [_button(label, FILE_URI_PREFIX + path, "portfolio-link")
                for field, label, path in found.get(entry.key, []) if field != "preview"]

    def _thumbnail(self, entry: Entry) -> nodes.image | None:
        """al-folio's ``preview`` of the entry, when :class:`LocalFiles` found it."""
        found = portfolio_domain(self.env).data.get(FOUND_FILES) or {}
        for field, _label, path in found.get(entry.key, []):
            if field == "preview":
                uri = FILE_URI_PREFIX + path
                # "?": a file the environment did not collect, which the builder leaves alone
                return nodes.image(uri=uri, candidates={"?": uri}, alt="", loading="lazy",
                                   classes=[PREVIEW])
        return None


def link_files(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a button to one of al-folio's files leads to its copy in the
    output, relative to the page; where the builder publishes no such file (EPUB), the
    button goes."""
    publishes = _shared.writes_web_pages(app.builder)
    page = app.builder.get_target_uri(docname) if publishes else ""
    for image in list(doctree.findall(nodes.image)):
        uri = str(image.get("uri", ""))
        if not uri.startswith(FILE_URI_PREFIX):
            continue
        if publishes:
            image["uri"] = relative_uri(page, quote(uri.removeprefix(FILE_URI_PREFIX)))
            image["candidates"] = {"?": image["uri"]}
        elif image.parent is not None:
            image.parent.remove(image)
    for ref in list(doctree.findall(nodes.reference)):
        uri = str(ref.get("refuri", ""))
        if not uri.startswith(FILE_URI_PREFIX):
            continue
        if publishes:
            ref["refuri"] = relative_uri(page, quote(uri.removeprefix(FILE_URI_PREFIX)))
            continue
        button = ref.parent if isinstance(ref.parent, nodes.inline) else ref
        if button.parent is not None:
            button.parent.remove(button)


class LocalFiles:
    """al-folio's files named without an address (``pdf = {paper.pdf}``): found in the
    source folder, copied to the output, linked (:meth:`EntryButtons._file_buttons`); one
    warning for each that is missing. It remembers the files of the application's last
    build, so that pages listing papers are written again when one comes or goes."""

    def __init__(self) -> None:
        self.changed = False

    def find(self, app: Sphinx) -> None:
        """``builder-inited``, after the .bib files are read: which files are there, each
        missing one reported at its field (every build, as the .bib files' problems are)."""
        domain = portfolio_domain(app.env)
        checked = build_state(app.env).bib
        if checked is None:
            return
        source = Path(app.srcdir)
        found: dict[str, list[tuple[str, str, str]]] = {}
        for key, entry in checked.data.entries.items():
            for local in local_files(entry):
                if _in_source(source, local) is not None:
                    found.setdefault(key, []).append((local.field, local.label, local.path))
                else:
                    _report_missing(app.env, checked, key, local)
        self.changed = (domain.data.get(FOUND_FILES) or {}) != found
        domain.data[FOUND_FILES] = found

    def outdated(self, app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                 removed: Set[str]) -> list[str]:
        """``env-get-outdated``: the pages with a bibliography, when the files found changed
        (the buttons are made when a page is written, which only a changed page is)."""
        if not self.changed:
            return []
        return sorted(CiteDomain(env).pages_with_a_bibliography() - set(removed))

    @staticmethod
    def copy(app: Sphinx, exception: BaseException | None) -> None:
        """``build-finished``: each file found, to the same place in the output (replacing
        an older copy there, so a new version of a paper's PDF is published)."""
        if exception is not None or not _shared.writes_web_pages(app.builder):
            return
        domain = portfolio_domain(app.env)
        found: dict[str, list[tuple[str, str, str]]] = domain.data.get(FOUND_FILES) or {}
        copied: set[str] = set()
        for key, files in found.items():
            for field, _label, path in files:
                if path in copied:
                    continue
                copied.add(path)
                try:
                    (Path(app.outdir) / path).parent.mkdir(parents=True, exist_ok=True)
                    copyfile(Path(app.srcdir) / path, Path(app.outdir) / path, force=True)
                except OSError as error:
                    _warn_at_field(app.env, build_state(app.env).bib, key, field,
                                   f"entry '{key}': {path} could not be copied to the output: "
                                   f"{error.strerror or error} (the next build copies it)",
                                   Subtype.OUTPUT)


def _in_source(source: Path, local: LocalFile) -> Path | None:
    """The file in the source folder, if it is there and inside its folder once links are
    followed (a link out of the site would publish whatever it points to)."""
    path = (source / local.path).resolve()
    return path if path.is_file() and not leads_out_of(source / local.folder, path) else None


def _report_missing(env: BuildEnvironment, checked: CheckedBib, key: str,
                    local: LocalFile) -> None:
    where = _shared.display_path(env, Path(env.srcdir) / local.path)
    _warn_at_field(env, checked, key, local.field,
                   f"entry '{key}': {local.field} {local.name!r} is not in {local.folder}/, "
                   f"al-folio's folder for it in the site's source (put it at {where}); the "
                   f"{local.label} link is left out", Subtype.BIB_LOCAL_FILE)


def _warn_at_field(env: BuildEnvironment, checked: CheckedBib | None, key: str, field: str,
                   message: str, subtype: Subtype) -> None:
    """One warning at the entry's ``field`` in its .bib file (at the entry when the field
    came from a crossref parent)."""
    where = checked.lines.get(key.lower()) if checked is not None else None
    if where is None or checked is None:
        _shared.warn(message, subtype, None)
        return
    line = checked.field_lines.get(key.lower(), {}).get(field, where[1])
    _shared.warn_at(env, where[0], line, message, subtype)



def _abstract_panel(entry: Entry, where: tuple[Path, int] | None) -> list[nodes.Node]:
    abstract = abstract_paragraph(entry, where)
    if abstract is None:
        return []
    toggle = details(summary=_("Abstract"), classes=["portfolio-abstract"])
    toggle += nodes.container("", abstract, classes=["portfolio-panel"])
    return [toggle]


def _button(label: str, uri: str, kind: str) -> nodes.inline:
    """A link as a button of the row; :func:`.pages.link_titles` resolves ``uri`` (or drops
    the link where the site publishes no such file)."""
    return nodes.inline("", "", nodes.reference("", label, refuri=uri, classes=[kind, BUTTON]))


def _is_text_links(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and LINKS in node["classes"]


def cite_the_entries_on_this_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, HTML pages: a citation of a paper that its own page lists in a
    selection (the home page's ``{publications} :selected:``) leads to that entry, which
    shows the same label, rather than to the full list on another page.

    sphinxcontrib-bibtex looks for an entry on the citing page first, but by key, and a
    selection's keys carry its prefix: its link to the full list is made, and is read here.
    """
    builder = app.builder
    if not _shared.writes_separate_pages(builder):
        return  # one single page has the full list on it
    cite = CiteDomain(app.env)
    bibliographies = cite.bibliographies
    listed = [c for c in cite.citations
              if bibliographies[c.bibliography_key].list_ == "citation"]
    here = {c.entry.key: c.citation_id for c in listed
            if c.bibliography_key.docname == docname
            and bibliographies[c.bibliography_key].keyprefix}
    if not here:
        return
    # The links as sphinxcontrib-bibtex makes them (Sphinx's make_refnode), to each entry
    # of a full list on another page.
    elsewhere = {
        f"{builder.get_relative_uri(docname, c.bibliography_key.docname)}#{c.citation_id}":
        c.entry.key
        for c in listed if c.bibliography_key.docname != docname
        and not bibliographies[c.bibliography_key].keyprefix}
    for citation in doctree.findall(nodes.inline):
        if "bibtex-citation" not in citation["classes"]:
            continue
        for ref in citation.findall(nodes.reference):
            key = elsewhere.get(str(ref.get("refuri", "")))
            if key in here:
                del ref["refuri"]
                ref["refid"] = here[key]


def add_copy_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: nodes.document | None) -> None:
    """``html-page-context``: the copy buttons' script, on the pages that have one (paper
    pages have no doctree: their body is read)."""
    if _COPY_MARK in str(context.get("body", "")):
        # defer: it needs the whole page, and does not hold up its display
        app.add_js_file(COPY_SCRIPT, loading_method="defer")


def highlight_bibtex_once(app: Sphinx) -> None:
    """``builder-inited``: each entry's BibTeX is highlighted once a build, and the
    highlighter makes one formatter for each set of options, not one for every block.

    The same text is shown in the list and on the paper's page, and Pygments costs ~0.3 ms
    a block, half of it making the formatter (its style sheet), which holds no state of a
    block: at 5,000 papers, 0.6 s. So the builder's highlighter keeps each formatter it
    makes, and what it made of a BibTeX block for the next block with the same text and
    options.
    """
    highlighter: PygmentsBridge | None = getattr(app.builder, "highlighter", None)
    if highlighter is None:
        return
    highlight_block, get_formatter = highlighter.highlight_block, highlighter.get_formatter
    highlighted: dict[tuple[str, str], str] = {}
    formatters: dict[str, Any] = {}

    def highlight_block_once(source: str, lang: str, opts: dict[str, Any] | None = None,
                             force: bool = False, location: Any = None, **kwargs: Any) -> str:
        if lang != "bibtex" or opts or force:
            return str(highlight_block(source, lang, opts, force, location, **kwargs))
        made_as = (source, repr(sorted(kwargs.items())))
        if made_as not in highlighted:
            highlighted[made_as] = highlight_block(source, lang, opts, force, location, **kwargs)
        return highlighted[made_as]

    def get_formatter_once(**kwargs: Any) -> Any:
        made_with = repr(sorted(kwargs.items()))
        if made_with not in formatters:
            formatters[made_with] = get_formatter(**kwargs)
        return formatters[made_with]

    highlighter.highlight_block = highlight_block_once  # type: ignore[method-assign]
    highlighter.get_formatter = get_formatter_once  # type: ignore[method-assign]


def setup_buttons(app: Sphinx) -> None:
    app.add_post_transform(EntryButtons)
    files = LocalFiles()
    app.connect("builder-inited", files.find, priority=FIND_FILES_PRIORITY)
    app.connect("env-get-outdated", files.outdated)
    app.connect("build-finished", files.copy)
    app.connect("doctree-resolved", link_files)
    app.connect("builder-inited", highlight_bibtex_once)
    app.connect("doctree-resolved", cite_the_entries_on_this_page)
    app.connect("html-page-context", add_copy_script)
