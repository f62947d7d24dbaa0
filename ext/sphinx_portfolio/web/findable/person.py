"""The owner as a schema.org ``Person`` (JSON-LD), for the home page: who the site is about.

From profile.yaml: name, position (``jobTitle``), affiliation (an ``Organization``), website
(``url``), the contact links (``sameAs``: http(s) only) and the research interests
(``knowsAbout``). Never the e-mail address: the pages keep it out of their text, away from
harvesters, and machine-readable data would hand it to them.

The profile comes from YAML anyone may edit in a pull request: the JSON is escaped for a
``<script>`` element the way the paper pages' JSON-LD is (:mod:`..bib.metadata`).
"""

from __future__ import annotations

from typing import Any

from ...bib.metadata import json_ld_script
from ...data import Profile

__all__ = ["person_script"]


def _web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def person_json_ld(profile: Profile) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person",
                            "name": profile.name}
    if profile.position:
        data["jobTitle"] = profile.position
    if profile.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": profile.affiliation}
    if profile.website and _web(profile.website):
        data["url"] = profile.website
    same_as = [link.url for link in profile.links if _web(link.url)]
    if same_as:
        data["sameAs"] = same_as
    if profile.interests:
        data["knowsAbout"] = list(profile.interests)
    return data


def person_script(profile: Profile) -> str:
    """The ``<script type="application/ld+json">`` element, one for the page's ``<head>``."""
    return json_ld_script(person_json_ld(profile)) + "\n"
