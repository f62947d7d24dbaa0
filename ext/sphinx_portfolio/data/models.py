"""One model per kind of CV entry, validated strictly (unknown keys are errors).

Where a CV section of another format lands (for importers, which follow these decisions):

* Spoken languages are skills, not a kind of their own: one :class:`Skill` entry with
  ``category: Languages`` and one item per language, its level in parentheses
  (``items: ["English (native)", "French (B2)"]``). A language has no dates, ids or links
  that a table of its own would show.
* Grants, fellowships, scholarships and honors are awards (:class:`Award`), told apart by
  its optional ``kind``: ``amount`` is the sum granted, ``body`` the funder, ``start`` and
  ``end`` the funded period, ``detail`` the role (e.g. "Principal investigator"),
  ``project`` the funded project. ``{award-table}`` with ``:kind: grant`` lists the grants
  alone; an award without a ``kind`` is in no table that filters by ``:kind:``.
* Talks, posters and seminars are :class:`Talk`; patents :class:`Patent`; certifications
  and licences :class:`Certificate`; courses taken are an education entry's ``courses``;
  a tagline and a paragraph about you are the profile's ``headline`` and ``summary``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .languages import IN_LANGUAGES, schema_in_languages
from .values import PRESENT, Date, EndDate, MoneyValue, PersonValue, TermValue, Url, YearMonth

__all__ = [
    "KINDS",
    "MAPPINGS",
    "Activity",
    "CitationCounts",
    "Experience",
    "Id",
    "Link",
    "Profile",
    "Project",
    "Words",
]

Id = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="stable id: lower-case letters, digits, -"),
]
Text = Annotated[str, Field(min_length=1)]
#: Free text a reader reads (a title, a role, a note), which may be given in several
#: languages (``{en: ..., ko: ...}``): resolved to one language's text before validation
#: (:mod:`.languages`), so the model holds a string. Ids, keys, numbers and tags are
#: :data:`Text`, the same in every language.
Words = Annotated[str, Field(min_length=1), IN_LANGUAGES,
                  WithJsonSchema(schema_in_languages({"type": "string", "minLength": 1}))]


class Strict(BaseModel):
    # defer_build: each schema is built on first use, so a build that reads no data file (a
    # no-op rebuild) never pays for it.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              defer_build=True)


class Dated(Strict):
    """An entry in time: ``start``/``end`` ('present' when ongoing) and/or academic ``terms``."""

    start: Date | None = None
    end: EndDate | None = Field(default=None, description="end date, or 'present'")
    terms: list[TermValue] = Field(default=[], description="academic terms, e.g. 'Spring 2021'")

    @model_validator(mode="after")
    def _end_after_start(self) -> Dated:
        if self.end and not self.start:
            raise PydanticCustomError("missing_start", "'end' is given without 'start'")
        if self.start and self.end and self.end < self.start:
            raise PydanticCustomError(
                "range", "range ends ({end}) before it starts ({start})",
                {"end": str(self.end), "start": str(self.start)},
            )
        return self

    @property
    def ongoing(self) -> bool:
        return self.end == PRESENT

    @property
    def sort_date(self) -> YearMonth:
        """The latest date the entry covers: ongoing entries sort newest."""
        dates = [d for d in (self.start, self.end) if d] + [YearMonth(t.year) for t in self.terms]
        return max(dates, default=YearMonth(0))


class Period(Dated):
    """An entry that must say when it started."""

    start: Date


class Link(Strict):
    label: Words
    url: Url


class Location(Strict):
    """Where you are, as JSON Resume's ``basics.location`` holds it; the web page and the PDF
    show the city, region and country code, the address and postal code are kept (and
    exported) but not shown."""

    address: Words | None = None
    postal_code: Text | None = None
    city: Words | None = None
    region: Words | None = Field(default=None, description="a state or province")
    country_code: Text | None = Field(default=None, description="e.g. 'US' or 'DE'")


class Profile(Strict):
    name: Words
    position: Words | None = None
    affiliation: Words | None = None
    email: Annotated[str, Field(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")] | None = None
    website: Url | None = None
    phone: Text | None = Field(
        default=None,
        description="a phone number, shown in the PDF CV only: on a public web page it "
        "invites spam, and the PDF is what committees get",
    )
    location: Location | None = Field(
        default=None, description="where you are: city, region and country code are shown"
    )
    links: list[Link] = []
    interests: list[Words] = []
    aliases: list[Text] = Field(
        default=[], description="other spellings of the name in author lists (e.g. 'A. Lovelace')"
    )
    headline: Words | None = Field(
        default=None,
        description="a one-line tagline under your name, e.g. 'Numerical analyst and "
        "programmer'",
    )
    summary: Words | None = Field(
        default=None,
        description="a paragraph about you, under the contact links (a blank line starts "
        "another paragraph)",
    )
    photo: Text | None = Field(
        default=None,
        description="a picture of you on the home page (not in the PDF): a PNG, JPEG, GIF, "
        "WebP or AVIF file inside the project, its path relative to the folder of the pages",
    )


class Education(Period):
    id: Id
    institution: Words
    location: Words | None = None
    degree: Words
    gpa: Text | None = None
    courses: list[Words] = Field(default=[], description="courses taken, shown as one line "
                                "'Courses: ...' under the degree")
    url: Url | None = Field(default=None, description="the institution's or the program's "
                            "page; the institution links to it")
    notes: list[Words] = []


class Experience(Period):
    id: Id
    kind: Literal["research", "industry"]
    organization: Words
    location: Words | None = None
    role: Words
    advisor: PersonValue | None = None
    focus: Words | None = None
    url: Url | None = Field(default=None, description="the organization's page; its name "
                            "links to it")
    notes: list[Words] = []
    tags: list[Text] = []


class Project(Period):
    id: Id
    title: Words
    collaborators: list[PersonValue] = []
    institutions: list[Words] = []
    papers: list[Text] = Field(default=[], description="BibTeX keys of the project's papers")
    description: Words | None = Field(
        default=None, description="a sentence about it, shown under the title (before the "
        "notes' bullet points)")
    url: Url | None = Field(default=None, description="the project's page; its title links "
                            "to it")
    notes: list[Words] = []
    tags: list[Text] = []


class Award(Dated):
    """Awards, honors, prizes, grants, fellowships and scholarships: a grant's funder is its
    ``body``, its sum the ``amount``, its funded period ``start`` and ``end``."""

    id: Id
    kind: Literal["award", "honor", "grant", "fellowship", "scholarship"] | None = None
    title: Words
    detail: Words | None = None
    amount: MoneyValue | None = None
    body: Words | None = Field(default=None, description="who gives the award")
    location: Words | None = None
    paper: Text | None = Field(default=None, description="BibTeX key of a related paper")
    project: Id | None = Field(default=None, description="id of a related project")
    url: Url | None = Field(default=None, description="the award's page; the title links to it")
    tags: list[Text] = []

    @model_validator(mode="after")
    def _has_when(self) -> Award:
        if not (self.start or self.terms):
            raise PydanticCustomError("missing_when", "an award needs 'start' or 'terms'")
        return self


class Activity(Dated):
    """Teaching and service: tutoring, workshops, reviewing."""

    id: Id
    kind: Literal["teaching", "workshop", "reviewing", "service"]
    role: Words
    organization: Words | None = None
    location: Words | None = None
    venues: list[Words] = Field(default=[], description="e.g. reviewed venues with years")
    summary: Words | None = Field(
        default=None, description="a sentence about it, shown under the role (before the "
        "notes' bullet points)")
    url: Url | None = Field(default=None, description="the organization's page; its name "
                            "links to it (the role's, without an organization)")
    notes: list[Words] = []


class Talk(Period):
    """Talks, seminars, keynotes and posters you gave, each at its event."""

    id: Id
    title: Words
    event: Words = Field(description="the conference, workshop, seminar series or institution")
    location: Words | None = None
    kind: Literal["invited", "contributed", "keynote", "seminar", "poster"] | None = None
    url: Url | None = Field(default=None, description="the slides, poster or recording")
    paper: Text | None = Field(default=None, description="BibTeX key of the paper it presents")
    notes: list[Words] = []
    tags: list[Text] = []


class Patent(Period):
    """Patents and patent applications; ``start`` is the date of its latest step, the one its
    ``status`` names (filed, published or granted)."""

    id: Id
    title: Words
    number: Text | None = Field(default=None, description="the patent or application number")
    office: Text | None = Field(
        default=None, description="the patent office, e.g. 'US', 'EP' or 'WO'"
    )
    status: Literal["filed", "published", "granted"] | None = None
    inventors: list[PersonValue] = Field(
        default=[], description="the inventors as the patent lists them, you among them"
    )
    url: Url | None = Field(default=None, description="the patent in a patent database")
    notes: list[Words] = []


class Certificate(Period):
    """Certificates, certifications and licences; ``end`` is when it expires."""

    id: Id
    title: Words
    issuer: Words | None = Field(default=None, description="who issued it")
    url: Url | None = Field(default=None, description="where it can be verified")
    notes: list[Words] = []


class Skill(Strict):
    """Skills by category; spoken languages are the category 'Languages', each item a
    language with its level in parentheses, e.g. 'English (native)'."""

    id: Id
    category: Words
    items: list[Words] = Field(min_length=1)
    note: Words | None = None


class CitationCounts(Strict):
    """Citation counts copied by hand from a named source on a given day (never scraped)."""

    as_of: date = Field(description="the day the counts were read, YYYY-MM-DD")
    source: Words = Field(description="where they were read, e.g. 'Google Scholar'")
    counts: dict[str, Annotated[int, Field(ge=0)]] = Field(
        description="BibTeX key -> number of citations"
    )


#: Single-mapping data files, by file stem; each is optional.
MAPPINGS: dict[str, type[Strict]] = {"profile": Profile, "citations": CitationCounts}

#: The kinds of list data a site can have, by file stem.
KINDS: dict[str, type[Strict]] = {
    "education": Education,
    "experience": Experience,
    "projects": Project,
    "awards": Award,
    "activities": Activity,
    "talks": Talk,
    "patents": Patent,
    "certificates": Certificate,
    "skills": Skill,
}
