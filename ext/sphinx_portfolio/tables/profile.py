"""``{profile}``: the owner's position, contact links and research interests, from profile.yaml."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .. import _shared, store
from ..data import Profile
from ..warnings_ import Subtype


class ProfileDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        profile = store.profile(self.env)
        if profile is None:
            if not store.default_path(self.env, store.PROFILE).is_file():
                path = _shared.display_path(self.env, store.default_path(self.env, store.PROFILE))
                _shared.warn(f"{{profile}} needs {path} (name, position, contact links)",
                             Subtype.FILE, self.get_location())
            return []  # otherwise the problem was reported at its YAML line
        block = nodes.container(classes=["portfolio-profile"])
        block.extend(_position(profile) + _contact(profile) + _interests(profile))
        self.set_source_info(block)
        return [block]


def _position(profile: Profile) -> list[nodes.Node]:
    text = ", ".join(part for part in (profile.position, profile.affiliation) if part)
    return [nodes.paragraph(text, text, classes=["portfolio-position"])] if text else []


def _link(label: str, url: str) -> nodes.reference:
    return nodes.reference(label, label, refuri=url)


def _contact(profile: Profile) -> list[nodes.Node]:
    links = []
    if profile.email:
        # A real mailto link, which the PDF CV keeps; HTML pages show the address as
        # "name [at] domain" text instead (sphinx_portfolio.web.privacy.mailto).
        links.append(_link(profile.email, f"mailto:{profile.email}"))
    if profile.website:
        links.append(_link(profile.website.split("://", 1)[-1].rstrip("/"), profile.website))
    links += [_link(link.label, link.url) for link in profile.links]
    if not links:
        return []
    para = nodes.paragraph(classes=["portfolio-contact"])
    for index, link in enumerate(links):
        if index:
            para += nodes.Text(" · ")
        para += link
    return [para]


def _interests(profile: Profile) -> list[nodes.Node]:
    if not profile.interests:
        return []
    para = nodes.paragraph(classes=["portfolio-interests"])
    para += nodes.strong("Research interests: ", "Research interests: ")
    para += nodes.Text(", ".join(profile.interests))
    return [para]
