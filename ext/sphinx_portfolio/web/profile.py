"""The ``{profile}`` block as the home page's header, on the web only.

The directive (:mod:`sphinx_portfolio.tables.profile`) writes one contact line, links
separated by ``·``, which the PDF CV and the text writers keep. HTML pages get a list of
links instead, each led by its icon (e-mail, Google Scholar, ORCID, GitHub, LinkedIn, X,
Bluesky, website, any other link): a list, so screen readers announce how many there are;
the link's own text names it, the icon is decoration.

After the e-mail addresses are hidden (:mod:`.privacy.mailto`, which turns the ``mailto:``
link into the ``name [at] domain`` text its script makes a link of again): the icon goes
inside that text's element, so the script's link holds it too.
"""

from __future__ import annotations

from typing import Any, Final

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..tables.profile import CONTACT, CONTACT_KIND_PREFIX, CONTACT_LINK, PROFILE
from . import icons
from .privacy.mailto import PRIORITY as HIDE_ADDRESSES

__all__ = ["setup_profile_header"]

CONTACT_LIST: Final = "portfolio-contact-links"


def _kind(link: nodes.Element) -> str:
    for name in link["classes"]:
        if name.startswith(CONTACT_KIND_PREFIX) and name != CONTACT_LINK:
            return str(name).removeprefix(CONTACT_KIND_PREFIX)
    return "link"


def _listed(line: nodes.paragraph) -> nodes.bullet_list:
    """The contact line as a list of its links, each with its icon (the ``·`` dropped)."""
    listing = nodes.bullet_list(classes=[CONTACT, CONTACT_LIST])  # still the contact line
    for link in [child for child in line.children
                 if isinstance(child, nodes.Element) and CONTACT_LINK in child["classes"]]:
        link.insert(0, nodes.raw("", icons.svg(_kind(link)), format="html"))
        line.remove(link)
        listing += nodes.list_item("", nodes.paragraph("", "", link))
    return listing


class ProfileHeader(SphinxPostTransform):
    """Contact lines of ``{profile}`` blocks as lists of icon links (HTML only)."""

    default_priority = HIDE_ADDRESSES + 5
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.container)):
            if PROFILE not in block["classes"]:
                continue
            for line in list(block.findall(nodes.paragraph)):
                if CONTACT in line["classes"] and line.parent is not None:
                    line.replace_self(_listed(line))


def setup_profile_header(app: Sphinx) -> None:
    app.add_post_transform(ProfileHeader)
