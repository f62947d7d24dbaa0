"""What no source format states but our data needs, decided from the entry's own words: an
experience's kind (:func:`experience_kind`), an award's kind (:func:`award_kind`), whether a
label is a position or a tagline (:func:`label_field`); once for every format, each with its
reason, which the importer reports (:meth:`._importer.Importer.decided`), never made
silently."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

# A section title that says which kind of position it lists (the user's own words win).
_RESEARCH_SECTION = re.compile(r"academ|research|postdoc|faculty|teaching|scientific", re.I)
_INDUSTRY_SECTION = re.compile(r"industr|commercial|corporate|business", re.I)
# Position words of research and academia. "Research" covers researcher, research
# scientist, research intern (an industry lab's research is research experience too).
_RESEARCH_ROLE = re.compile(
    r"\b(?:(?:assistant |associate |full |visiting |adjunct )?professor\w*|lecturer|"
    r"post-?doc\w*|research\w*|(?:\w+ )?fellow|ph\.?\s?d\.?(?: \w+)?|doctoral \w+|"
    r"doctorate|faculty|docent|privatdozent|habilitand|principal investigator|"
    r"graduate (?:student|assistant)|teaching assistant)(?!\w)", re.I)
# Where research is done: an organization named so makes any position there research
# (a Director of a Kaiser Wilhelm Institute, a Scientist at a university).
_RESEARCH_PLACE = re.compile(
    r"\b(?:universit\w*|universidad|universidade|università|college|institut\w*|"
    r"academy|akademie|acad[ée]mie|laborator\w*|lab|labs|research|observatory|"
    r"polytechnic|[ée]cole|hochschule|cnrs|cern|inria|max planck|fraunhofer)\b", re.I)


def experience_kind(role: str, organization: str,
                    section: str = "") -> tuple[Literal["research", "industry"], str]:
    """The kind of an experience entry (``research`` or ``industry``), which no source
    format states, with the reason, read from (in this order) its section's title, the
    position and the organization; ``industry`` when none of them says research or
    academia."""
    if section and (match := _INDUSTRY_SECTION.search(section)):
        return "industry", f'its section "{section}" says "{match[0]}"'
    if section and (match := _RESEARCH_SECTION.search(section)):
        return "research", f'its section "{section}" says "{match[0]}"'
    if match := _RESEARCH_ROLE.search(role):
        return "research", f'the position says "{match[0]}"'
    if match := _RESEARCH_PLACE.search(organization):
        return "research", f'the organization says "{match[0]}"'
    return "industry", ("nothing in its position or organization says research or academia"
                        + (f', nor its section "{section}"' if section else ""))


AwardKind = Literal["award", "honor", "grant", "fellowship", "scholarship"]
# An award's kind by the words of its title or its section (the first found).
_AWARD_WORDS: tuple[tuple[re.Pattern[str], AwardKind], ...] = (
    (re.compile(r"\bgrants?\b|\bfunding\b", re.I), "grant"),
    (re.compile(r"\bfellowships?\b", re.I), "fellowship"),
    (re.compile(r"\bscholarships?\b|\bbursar(?:y|ies)\b", re.I), "scholarship"),
    (re.compile(r"\bhonou?rs?\b|\bdistinctions?\b", re.I), "honor"),
    (re.compile(r"\bawards?\b|\bprizes?\b|\bmedals?\b", re.I), "award"),
)


def award_kind(title: str, section: str = "awards") -> tuple[AwardKind, str]:
    """The kind of an award, with the reason ("" when its section said it, as a section
    title is the user's own grouping): a title that names a grant, fellowship or scholarship
    ("Google PhD Fellowship") says it; else the section's title ("Honors"); else the
    title's words ("Best Paper Award"); else ``award``."""
    def first(words: str, kinds: Iterable[str]) -> tuple[AwardKind, str] | None:
        found = [(match.start(), kind, match[0]) for pattern, kind in _AWARD_WORDS
                 if kind in kinds and (match := pattern.search(words))]
        return (min(found)[1], min(found)[2]) if found else None

    section = section.replace("_", " ")  # RenderCV's titles are often snake_case keys
    if specific := first(title, ("grant", "fellowship", "scholarship")):
        return specific[0], f'its title says "{specific[1]}"'
    if grouped := first(section, [kind for _, kind in _AWARD_WORDS]):
        return grouped[0], ""
    if named := first(title, ("honor", "award")):
        return named[0], f'its title says "{named[1]}"'
    return "award", ""


# A JSON Resume ``label`` or a RenderCV ``label`` of several phrases is a tagline: "Physicist
# | Writer", "Numerical analyst and programmer". One short phrase names a position.
_TAGLINE = re.compile(r"[|·•;,/]|\band\b|&", re.I)


def label_field(label: str) -> tuple[Literal["position", "headline"], str]:
    """Where a profile's ``label`` goes: our ``position`` ("Scientist", "PhD Student") or,
    when it reads as a tagline, our ``headline``; with the reason."""
    if _TAGLINE.search(label) or len(label.split()) > 5:
        return "headline", "it reads as a tagline (several phrases or more than five words)"
    return "position", "one short phrase names a position"
