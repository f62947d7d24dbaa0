"""``{profile}``: the owner's photo, headline, position, contact links, summary and research
interests, from profile.yaml.

The block is plain docutils, the same for every builder: the PDF CV shows it as text (a
contact line with ``·`` between the links). Each contact link is classed with its kind
(:data:`CONTACT_LINK` and ``portfolio-contact-<kind>``), which the web's profile header
turns into an icon (:mod:`sphinx_portfolio.web.profile`); the photo is web-only, the phone
number print-only (:data:`~sphinx_portfolio._shared.PRINT_ONLY`: the PDF CV shows it, a public
page would invite spam). The location (city, region, country code) follows the position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final
from urllib.parse import quote, urlsplit

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .. import _shared, datacache
from ..data import Profile, Record
from ..locale import _
from ..warnings_ import Subtype

__all__ = [
    "CONTACT", "CONTACT_KIND_PREFIX", "CONTACT_LINK", "PROFILE", "ProfileDirective", "link_kind",
]

#: The profile block; with a photo it is also classed :data:`WITH_PHOTO`.
PROFILE: Final = "portfolio-profile"
WITH_PHOTO: Final = "portfolio-profile-with-photo"
PHOTO: Final = "portfolio-photo"
CONTACT: Final = "portfolio-contact"
#: The location line (city, region, country code), under the position.
LOCATION: Final = "portfolio-location"
#: The phone number in the contact line (print-only).
PHONE: Final = "portfolio-contact-phone"
#: The one-line tagline (``headline``), above the position.
HEADLINE: Final = "portfolio-headline"
#: Each paragraph of the ``summary``, under the contact links.
SUMMARY: Final = "portfolio-summary"
#: Every contact link; a second class ``portfolio-contact-<kind>`` says what it leads to.
CONTACT_LINK: Final = "portfolio-contact-link"
CONTACT_KIND_PREFIX: Final = "portfolio-contact-"

#: Hosts of the profiles the header knows an icon for: (host, or its start, kind).
_KNOWN_HOSTS: Final = (
    ("orcid.org", "orcid"),
    ("github.com", "github"),
    ("linkedin.com", "linkedin"),
    ("x.com", "x"),
    ("twitter.com", "x"),
    ("bsky.app", "bluesky"),
)
#: Image files a photo may be, by their first bytes (the name's suffix can lie).
_IMAGE_SIGNATURES: Final = (
    (b"\x89PNG\r\n\x1a\n", 0),
    (b"\xff\xd8\xff", 0),
    (b"GIF87a", 0),
    (b"GIF89a", 0),
    (b"WEBP", 8),  # after "RIFF" and the size
    (b"ftypavif", 4),
    (b"ftypavis", 4),
)
PHOTO_TYPES: Final = "a PNG, JPEG, GIF, WebP or AVIF image"


def link_kind(url: str) -> str:
    """What a contact link leads to, from its address: ``scholar``, ``github``, ... or
    ``link`` for any other site (``email`` for a mailto: link)."""
    if url.lower().startswith("mailto:"):
        return "email"
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host.startswith("scholar.google."):
        return "scholar"
    for known, kind in _KNOWN_HOSTS:
        if host == known or host.endswith("." + known):
            return kind
    return "link"


class ProfileDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        record = datacache.mapping(self.env, datacache.PROFILE)
        profile: Profile | None = record.entry if record else None
        if record is None or profile is None:
            if not datacache.default_path(self.env, datacache.PROFILE).is_file():
                path = _shared.display_path(self.env,
                                            datacache.default_path(self.env, datacache.PROFILE))
                _shared.warn(f"{{profile}} needs {path} (name, position, contact links)",
                             Subtype.FILE, self.get_location())
            return []  # otherwise the problem was reported at its YAML line
        block = nodes.container(classes=[PROFILE])
        photo = _photo(self.env, record)
        if photo is not None:
            block["classes"].append(WITH_PHOTO)
            block += photo
        block.extend(_headline(profile) + _position(profile) + _location(profile)
                     + _contact(profile)
                     + _summary(profile) + _interests(profile))
        self.set_source_info(block)
        return [block]


def _photo(env: BuildEnvironment, record: Record[Profile]) -> nodes.image | None:
    """The photo as an image Sphinx copies into the output (``_images/``), or None, with one
    warning at the ``photo:`` line when the file is not an image inside the project."""
    given = record.entry.photo
    if not given:
        return None
    srcdir = Path(env.srcdir).resolve()
    path = (srcdir / given).resolve()  # an absolute path or ../ ends up outside: refused
    if not path.is_relative_to(srcdir):
        problem = (f"photo: '{given}' is outside the project (give a path inside "
                   f"{_shared.display_path(env, srcdir)}/, relative to it)")
        subtype = Subtype.TYPE
    elif not path.is_file():
        problem = (f"photo: there is no file '{given}' (a path relative to "
                   f"{_shared.display_path(env, srcdir)}/; the photo is not fetched from a URL)")
        subtype = Subtype.FILE
    elif not _is_image(path):
        problem = f"photo: '{given}' is not {PHOTO_TYPES}"
        subtype = Subtype.TYPE
    else:
        # "/..." is relative to the source folder for Sphinx, from any page
        uri = "/" + path.relative_to(srcdir).as_posix()
        return nodes.image(uri=uri, alt=record.entry.name, classes=[PHOTO, _shared.WEB_ONLY])
    _shared.warn_at(env, record.path, record.line_of("photo"), problem, subtype)
    return None


def _is_image(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            start = file.read(16)
    except OSError:
        return False
    return any(start[offset:offset + len(magic)] == magic
               for magic, offset in _IMAGE_SIGNATURES)


def _paragraphs(texts: Iterable[str], class_: str) -> list[nodes.Node]:
    """A paragraph classed ``class_`` for each text that is not empty."""
    return [nodes.paragraph(text, text, classes=[class_]) for text in texts if text]


def _headline(profile: Profile) -> list[nodes.Node]:
    if not profile.headline:
        return []
    text = " ".join(profile.headline.split())
    return [nodes.paragraph(text, text, classes=[HEADLINE])]


def _summary(profile: Profile) -> list[nodes.Node]:
    """The summary's paragraphs (a blank line between two in the YAML), each on its own."""
    parts = re.split(r"\n\s*\n", profile.summary) if profile.summary else []
    return _paragraphs((" ".join(part.split()) for part in parts), SUMMARY)


def _position(profile: Profile) -> list[nodes.Node]:
    text = ", ".join(part for part in (profile.position, profile.affiliation) if part)
    return _paragraphs([text], "portfolio-position")


def _location(profile: Profile) -> list[nodes.Node]:
    """City, region and country code; the address and postal code are not shown (a street
    address on a public page says where to find you, not what you do)."""
    where = profile.location
    parts = [part for part in (where.city, where.region, where.country_code) if part] \
        if where else []
    return _paragraphs([", ".join(parts)], LOCATION)


def _link(label: str, url: str, kind: str) -> nodes.reference:
    return nodes.reference(label, label, refuri=url,
                           classes=[CONTACT_LINK, CONTACT_KIND_PREFIX + kind])


def _contact(profile: Profile) -> list[nodes.Node]:
    links: list[nodes.Element] = []
    if profile.email:
        # A real mailto link, which the PDF CV keeps; HTML pages show the address as
        # "name [at] domain" text instead (sphinx_portfolio.web.privacy.mailto).
        # An address may hold "?", "#" or "%" ("first?last@example.org"): in the URL they
        # would start a query or a fragment, and the link would write to "first".
        links.append(_link(profile.email, f"mailto:{quote(profile.email, safe='@')}",
                           "email"))
    if profile.website:
        links.append(_link(profile.website.split("://", 1)[-1].rstrip("/"), profile.website,
                           "website"))
    links += [_link(link.label, link.url, link_kind(link.url)) for link in profile.links]
    phone = None
    if profile.phone:
        # after the e-mail address; print-only together with one separator, so the web's
        # line reads as if it never was there
        phone = nodes.inline("", "", classes=[PHONE, _shared.PRINT_ONLY])
        phone += nodes.Text(profile.phone)
        links.insert(1 if profile.email else 0, phone)
    if not links:
        return []
    para = nodes.paragraph(classes=[CONTACT])
    for index, link in enumerate(links):
        if index and link is phone:
            link.insert(0, nodes.Text(" · "))
        elif index == 1 and phone is not None and links[0] is phone:
            phone.append(nodes.Text(" · "))  # the phone first: its separator goes with it
        elif index:
            para += nodes.Text(" · ")
        para += link
    return [para]


def _interests(profile: Profile) -> list[nodes.Node]:
    if not profile.interests:
        return []
    para = nodes.paragraph(classes=["portfolio-interests"])
    label = _("Research interests:") + " "
    para += nodes.strong(label, label)
    para += nodes.Text(", ".join(profile.interests))
    return [para]
