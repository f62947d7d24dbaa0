"""E-mail addresses on the web: written ``ada [at] example [dot] org``, linked by a script.

Address harvesters read pages' bytes. Sphinx's own protection (docutils'
``cloak_email_addresses``: the address as HTML entities, its link %-escaped) is undone
by any HTML parser, so a harvester that unescapes what it reads got the address anyway.
Here the address is not in the HTML at all, in no spelling:

* every address, the ``{profile}`` block's link, any ``mailto:`` link written in a page
  and any address written as text, is shown as ``ada [at] example [dot] org`` (no
  ``@``, no ``mailto:`` URL);
* without JavaScript, visitors read that text and can type the address; screen readers
  read it as words;
* with JavaScript, ``_static/sphinx-portfolio-email.js`` (a file, loaded only by pages
  that show an address, with no inline script, so a strict Content-Security-Policy
  allows it) turns the text into a link and puts its ``mailto:`` URL together only when
  the reader points at the link, focuses it or activates it: a crawler that runs scripts
  but does not interact still finds no address in the page.

The trade-off: "[at]"/"[dot]" is a known pattern that a determined harvester decodes. An
encoded address (a cipher or base64 in an attribute, decoded by a script) stops more of
them but leaves visitors without JavaScript no way to write, and a portfolio is meant to
be contacted from: readable text wins. A ``mailto:`` link's query (``?subject=...``) is
not kept on the web, since the link is put together from the address alone.

Only HTML-format builders run this (a post-transform, after the doctree is read and
cached): the PDF CV, which is made to be contacted from and not crawled like pages,
keeps the real address and its working ``mailto:`` link, as do the other writers. The
page sources Sphinx publishes beside the pages (``html_copy_source``, ``_sources/``) get
the same text. Code (literal text, blocks, math) is shown as written. Not covered: text
outside the page's doctree (a page's title is also written in ``<title>`` and in the
navigation, from the titles Sphinx noted while reading) and attributes (an image's
``alt``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..._shared import writes_html

__all__ = ["PRIORITY", "SCRIPT", "setup_mailto", "written"]

#: The element the script makes a link; :data:`ADDRESS_CLASS` holds the written address.
EMAIL_CLASS: Final = "portfolio-email"
ADDRESS_CLASS: Final = "portfolio-email-address"
SCRIPT: Final = "sphinx-portfolio-email.js"
#: Last: other post-transforms (the publication extras, say) may still add text or links.
PRIORITY: Final = 990

# An address in running text: a local part, "@", a domain with at least one dot.
_ADDRESS: Final = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Where text is shown as written: code, math, raw output (``comment`` is never written).
_VERBATIM: Final = (nodes.FixedTextElement, nodes.literal, nodes.math)


def written(address: str) -> str:
    """``ada.lovelace@example.org`` -> ``ada [dot] lovelace [at] example [dot] org``.

    Every dot too, the local part's included: the script reverses both replacements.
    """
    return address.strip().replace("@", " [at] ").replace(".", " [dot] ")


def _address(addresses: list[str], classes: list[str], label: list[nodes.Node]) -> nodes.inline:
    shown = ", ".join(written(address) for address in addresses if address.strip())
    if not shown:  # "mailto:" and no address: nothing to write to, the label as text
        return nodes.inline("", "", *label, classes=classes)
    block = nodes.inline(classes=[EMAIL_CLASS, *classes])
    if label:
        block.extend(label)
        block += nodes.Text(" (")
    block += nodes.inline(shown, shown, classes=[ADDRESS_CLASS])
    if label:
        block += nodes.Text(")")
    return block


def _from_link(link: nodes.reference) -> nodes.inline:
    # the query off first, then the address decoded ("first%3Flast@..." is one address)
    target = unquote(str(link["refuri"]).split(":", 1)[1].split("?", 1)[0])
    # A link labelled with its address (the profile's) shows it once; a label of its own
    # ("write to me") stays, with the address after it, so it can be read without the link.
    label = [] if "@" in link.astext() or not link.astext().strip() else link.children[:]
    return _address(target.split(","), list(link["classes"]), label)


def _inside(node: nodes.Node, kinds: tuple[type[nodes.Node], ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _from_text(text: nodes.Text) -> list[nodes.Node]:
    # In another link's label (an http one) the address is text only: a link in a link is
    # no valid HTML.
    in_a_link = _inside(text, (nodes.reference,))
    parts: list[nodes.Node] = []
    position = 0
    for match in _ADDRESS.finditer(text):
        if match.start() > position:
            parts.append(nodes.Text(text[position:match.start()]))
        address = match.group()
        parts.append(nodes.Text(written(address)) if in_a_link else _address([address], [], []))
        position = match.end()
    if position < len(text):
        parts.append(nodes.Text(text[position:]))
    return parts


class HideAddresses(SphinxPostTransform):
    """Every ``mailto:`` link and address in text, as :func:`written` text (HTML only)."""

    default_priority = PRIORITY
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for link in list(self.document.findall(nodes.reference)):
            is_mailto = str(link.get("refuri", "")).lower().startswith("mailto:")
            if is_mailto and link.parent is not None:
                link.replace_self(_from_link(link))
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is not None and _ADDRESS.search(text) and not _inside(text, _VERBATIM):
                parent.replace(text, _from_text(text))


def add_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
               doctree: nodes.document | None) -> None:
    """``html-page-context``: the script, on the pages that show an address only."""
    if doctree is None:
        return
    if any(EMAIL_CLASS in node["classes"] for node in doctree.findall(nodes.inline)):
        # defer: it needs the whole page, and does not hold up its display
        app.add_js_file(SCRIPT, loading_method="defer")


def hide_in_copied_sources(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the page sources Sphinx copied to ``_sources/`` (for "show
    source"), with their addresses :func:`written` too; a source is shown as text, so text
    is all they need."""
    sources = Path(app.outdir) / "_sources"
    if exception is not None or not writes_html(app.builder) or not sources.is_dir():
        return
    encoding = app.config.source_encoding
    for path in sources.rglob("*"):
        if not path.is_file():
            continue
        # surrogateescape: bytes that are no text in the encoding go back as they were
        text = path.read_text(encoding, errors="surrogateescape")
        hidden = _ADDRESS.sub(lambda match: written(match.group()), text)
        if hidden != text:
            path.write_text(hidden, encoding, errors="surrogateescape")


def setup_mailto(app: Sphinx) -> None:
    app.add_post_transform(HideAddresses)
    app.connect("html-page-context", add_script)
    app.connect("build-finished", hide_in_copied_sources)
