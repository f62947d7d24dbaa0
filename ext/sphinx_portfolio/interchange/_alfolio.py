"""al-folio sites (https://github.com/alshedivat/al-folio, a Jekyll theme for academics) to
our data: ``sphinx-portfolio import al-folio DIR``, DIR a checkout of the site.

An al-folio site keeps what a visitor sees in a few files, each mapped as it was shown:

* the owner: ``_config.yml``'s ``first_name``, ``middle_name``, ``last_name`` are the
  profile's name (al-folio titles the site and the about page with them); the name forms
  jekyll-scholar highlights in author lists (``scholar.last_name`` x ``scholar.first_name``)
  are its ``aliases`` ("Einstein, Albert", "Einstein, A."), so our publication lists bold
  the same names;
* the e-mail and the profile ids of ``_data/socials.yml`` (before 2024-12: the same keys at
  the top of ``_config.yml``) are the e-mail and the links, each URL made by the pattern
  al-folio itself uses (:data:`SOCIAL_URLS`, the table of its jekyll-socials plugin, the same
  as its older ``_includes/social.liquid``): ``scholar_userid`` is a Google Scholar link,
  ``orcid_id`` an ORCID link, and so on; a free entry ``{title, url}`` is a link as it is;
* the about page (``_pages/about.md``): its text (Markdown after the front matter) is the
  profile's ``summary``, the paragraph our home page shows about you; its ``subtitle`` (the
  line under the name) the ``headline``;
* the CV page's source, as al-folio picks it (:func:`_cv_choice`): ``_data/cv.yml`` since
  2026 is RenderCV's layout with JSON Resume's keys and is imported by :mod:`._rendercv`,
  ``assets/json/resume.json`` by :mod:`._jsonresume`, each as its own command imports it
  (one mapping of a format, not two); the older ``_data/cv.yml``, a list of ``{title,
  type, contents}`` sections, is read here, each section by its type and its title. The
  CV's header fills the profile fields the pages above left open; its sections are our
  education, experience, activities, awards, certificates, projects and skills (spoken
  languages as the category "Languages", as our models say);
* the publications: the ``.bib`` file jekyll-scholar reads (``_bibliography/papers.bib``)
  is the site's .bib as it is, for our reader takes al-folio's BibTeX (its ``abbr``,
  ``selected``, ``pdf``, ``html``... fields); a publication of the CV not in it is added.

What has no place in our data is reported line by line, with its file and path: the news
(``_news/``: the site has no news list), the project pages (``_projects/``: our projects
need a start date, al-folio's project pages have none), the files al-folio serves from
``assets/`` (the .bib's ``pdf``/``html``/``preview`` files, the photo), the layout and build
settings. Nothing is guessed: a value two files give differently is taken from the first
(the page a visitor saw first) and the other is reported.

The checkout is untrusted: every file is read through :class:`SiteReader` (inside DIR only,
never through a symbolic link out of it; each file and all of them together bounded), YAML
with the data files' bounded reader, front matter as YAML or TOML, nothing executed.
The site-reading helpers are :mod:`._site`'s, which the Hugo Blox import (:mod:`._hugoblox`)
shares.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from ..bib import clean_latex, read_bib_text
from ..bib.links import local_files
from ..bib.reader import MAX_FILE_BYTES as MAX_BIB_BYTES
from ._converters import Lost, text, texts, walk
from ._decisions import award_kind
from ._importer import Importer, ImportResult, Table
from ._jsonresume import import_jsonresume
from ._rendercv import import_rendercv
from ._report import is_empty
from ._site import MAX_SITE_BYTES as MAX_SITE_BYTES
from ._site import (
    ProfileFields,
    SiteReader,
    bib_entry_texts,
    bib_titles,
    finish,
    fold,
    html_text,
    html_texts,
    prose,
    settings,
    spot,
)
from ._source_reader import InterchangeError

#: Where each value of an al-folio site lands in ours (source -> our file and field), as the
#: import does it; rows name the files of the site.
MAPPING: tuple[tuple[str, str], ...] = (
    ("_config.yml: first_name, middle_name, last_name", "profile.yaml: name"),
    ("_config.yml: scholar.last_name x scholar.first_name (the names jekyll-scholar bolds)",
     "profile.yaml: aliases, each \"Last, First\""),
    ("_data/socials.yml: email (before 2024-12: _config.yml email)", "profile.yaml: email"),
    ("_data/socials.yml: scholar_userid, orcid_id, inspirehep_id, github_username, "
     "linkedin_username, x_username and al-folio's other social keys (before 2024-12: "
     "the same keys in _config.yml)", "profile.yaml: links, each URL made as al-folio makes "
     "it (https://scholar.google.com/citations?user=ID, https://orcid.org/ID...)"),
    ("_data/socials.yml: a free entry {title, url}", "profile.yaml: links (label: title)"),
    ("_data/socials.yml: cv_pdf, rss_icon, wechat_qr; logos", "not mapped (reported)"),
    ("_pages/about.md: the page's text (Markdown; HTML and links made plain)",
     "profile.yaml: summary"),
    ("_pages/about.md: subtitle", "profile.yaml: headline"),
    ("_pages/about.md: profile.image, profile.more_info", "not mapped (reported): a file of "
     "the old site, an address"),
    ("_bibliography/papers.bib (scholar.source + scholar.bibliography)",
     "the .bib file, as it is; the files it names in assets/ are reported"),
    ("_data/cv.yml since 2026 (cv: with sections), when the CV page shows it",
     "as `import rendercv` maps it; its header fills the profile fields the pages leave "
     "open, a different value is reported"),
    ("assets/json/resume.json, when the CV page shows it", "as `import jsonresume` maps it, "
     "likewise"),
    ("a CV publication", "the .bib file, unless papers.bib has its title (reported)"),
    ("_data/cv.yml before 2026, map: Full Name, Email, Languages", "profile.yaml: name, "
     "email; skills.yaml: Languages"),
    ("_data/cv.yml before 2026, time_table by its title: education, experience, awards "
     "(honors), projects, teaching, reviewing, service", "education.yaml, experience.yaml, "
     "awards.yaml, projects.yaml, activities.yaml: title, institution, year (\"1933 - 1955\": "
     "start and end), description: notes"),
    ("_data/cv.yml before 2026, list and nested_list titled ...interests",
     "profile.yaml: interests"),
    ("_news/*.md", "not mapped (reported): the site has no news list"),
    ("_projects/*.md", "not mapped (reported): our projects need a start date"),
    ("_data/repositories.yml, _config.yml's other keys, the pages' layout keys",
     "not mapped (reported)"),
)

#: al-folio's social keys: (label, the URL with ``%s`` for the value), the table of the
#: jekyll-socials plugin al-folio uses since 2024-12 (``SOCIAL_URLS`` of george-gca/
#: jekyll-socials), the same patterns as al-folio's own ``_includes/social.liquid`` before;
#: labels as that file titled the links.
SOCIAL_URLS: Final[dict[str, tuple[str, str]]] = {
    "acm_id": ("ACM DL", "https://dl.acm.org/profile/%s/"),
    "arxiv_id": ("arXiv", "https://arxiv.org/a/%s.html"),
    "blogger_url": ("Blogger", "%s"),
    "bluesky_url": ("Bluesky", "%s"),
    "dblp_url": ("DBLP", "%s"),
    "discord_id": ("Discord", "https://discord.com/users/%s"),
    "facebook_id": ("Facebook", "https://facebook.com/%s"),
    "flickr_id": ("Flickr", "https://www.flickr.com/%s"),
    "github_username": ("GitHub", "https://github.com/%s"),
    "gitlab_username": ("GitLab", "https://gitlab.com/%s"),
    "hal_id": ("HAL", "https://cv.hal.science/%s"),
    "ieee_id": ("IEEE Xplore", "https://ieeexplore.ieee.org/author/%s/"),
    "inspirehep_id": ("Inspire HEP", "https://inspirehep.net/authors/%s"),
    "instagram_id": ("Instagram", "https://instagram.com/%s"),
    "kaggle_id": ("Kaggle", "https://www.kaggle.com/%s"),
    "keybase_username": ("Keybase", "https://keybase.io/%s"),
    "lastfm_id": ("Last FM", "https://www.last.fm/user/%s"),
    "lattes_id": ("Lattes", "http://lattes.cnpq.br/%s"),
    "leetcode_id": ("LeetCode", "https://leetcode.com/u/%s/"),
    "letterboxd_id": ("Letterboxd", "https://letterboxd.com/%s"),
    "linkedin_username": ("LinkedIn", "https://www.linkedin.com/in/%s"),
    "mastodon_username": ("Mastodon", "https://%s"),
    "medium_username": ("Medium", "https://medium.com/@%s"),
    "orcid_id": ("ORCID", "https://orcid.org/%s"),
    "osf_id": ("Open Science Framework", "https://osf.io/%s/"),
    "pinterest_id": ("Pinterest", "https://www.pinterest.com/%s"),
    "publons_id": ("Publons", "https://publons.com/a/%s/"),
    "quora_username": ("Quora", "https://www.quora.com/profile/%s"),
    "research_gate_profile": ("ResearchGate", "https://www.researchgate.net/profile/%s/"),
    "scholar_userid": ("Google Scholar", "https://scholar.google.com/citations?user=%s"),
    "scopus_id": ("Scopus", "https://www.scopus.com/authid/detail.uri?authorId=%s"),
    "semanticscholar_id": ("Semantic Scholar", "https://www.semanticscholar.org/author/%s"),
    "spotify_id": ("Spotify", "https://open.spotify.com/user/%s"),
    "stackoverflow_id": ("Stackoverflow", "https://stackoverflow.com/users/%s"),
    "strava_userid": ("Strava", "https://www.strava.com/athletes/%s"),
    "substack_username": ("Substack", "https://%s.substack.com"),
    "telegram_username": ("Telegram", "https://telegram.me/%s"),
    "unsplash_id": ("Unsplash", "https://unsplash.com/@%s"),
    "whatsapp_number": ("WhatsApp", "https://wa.me/%s"),
    "wikidata_id": ("Wikidata", "https://www.wikidata.org/wiki/%s"),
    "wikipedia_id": ("Wikipedia", "https://wikipedia.org/wiki/User:%s"),
    "work_url": ("Work", "%s"),
    "x_username": ("X", "https://twitter.com/%s"),
    "youtube_id": ("YouTube", "https://youtube.com/@%s"),
    "zotero_username": ("Zotero", "https://www.zotero.org/%s"),
}
#: Social keys whose value is no link of the owner's: why each is not mapped.
_SOCIAL_NOT_LINKS: Final[dict[str, str]] = {
    "cv_pdf": "a PDF file of the old site; the new site writes its own PDF CV",
    "rss_icon": "the old site's RSS feed icon, not mapped",
    "wechat_qr": "a QR code image of the old site, not mapped",
    "wechat_username": "a weixin: link, not an http(s) link",
}


# --- al-folio ------------------------------------------------------------------------------

_CONFIG = "_config.yml"
_SOCIALS = "_data/socials.yml"
_ABOUT = "_pages/about.md"
_CV_PAGE = "_pages/cv.md"
_CV = "_data/cv.yml"
_RESUME = "assets/json/resume.json"
#: Keys of _config.yml read for the profile (the social keys besides).
_CONFIG_READ = frozenset({"first_name", "middle_name", "last_name", "scholar", "title", "url",
                          "baseurl", "description", "contact_note", "email"})
#: al-folio's folders of pages and posts that a visitor saw and this import does not read.
_NOT_READ = {"_posts": "blog posts", "_teachings": "teaching pages", "_books": "book pages",
             "_pages": "pages"}


def import_alfolio(site: Path) -> ImportResult:
    """Our data files and BibTeX from the checkout of an al-folio site (the folder with its
    ``_config.yml``); everything not mapped is a line of the report.

    Raises :class:`InterchangeError` when the folder is no al-folio site at all, or holds
    far more than a site (:data:`MAX_SITE_BYTES`)."""
    importer = Importer(site, markdown=True)
    reader = SiteReader(site, importer)
    if not any(reader.exists(path) for path in (_CONFIG, _CV, _RESUME, _ABOUT, "_bibliography")):
        raise InterchangeError(f"{site}: no al-folio site there (none of {_CONFIG}, {_CV}, "
                               f"{_RESUME}, {_ABOUT}, _bibliography/)")
    profile = ProfileFields(importer)
    config = reader.mapping(_CONFIG)
    _config(importer, profile, config)
    socials = reader.mapping(_SOCIALS)
    if socials:
        _socials(importer, profile, socials, _SOCIALS)
    _about(reader, profile)
    bib, bib_entries = _papers(reader, config)
    titles = bib_titles(bib) if bib else {}
    added = _cv(reader, profile, config, titles)
    _news(reader)
    _projects(reader)
    repositories = reader.mapping("_data/repositories.yml")
    settings(importer, "_data/repositories.yml", repositories, repositories,
             "al-folio's repositories page (GitHub cards)")
    for folder, what in _NOT_READ.items():
        names = [name for name in reader.folder(folder)
                 if f"{folder}/{name}" not in (_ABOUT, _CV_PAGE)]
        if names:
            importer.lost(folder, names, f"{what} of the old site, not read: copy what you "
                          "want into pages of the new site")
    profile.finish()
    return finish(importer, bib, bib_entries, added)


def _config(importer: Importer, profile: ProfileFields, config: dict[str, Any]) -> None:
    """The name, the highlighted name forms, the socials of an older site, and the rest
    named as al-folio's settings."""
    try:
        parts = [text(config[key]) for key in ("first_name", "middle_name", "last_name")
                 if not is_empty(config.get(key))]
    except Lost as exc:
        importer.lost(spot(_CONFIG, "first_name, middle_name, last_name"), "", str(exc))
        parts = []
    profile.offer("name", " ".join(parts), spot(_CONFIG, "first_name, middle_name, last_name"))
    for key, why in (
        ("title", "the site's title (blank: the name); the new site's is conf.py's html_title"),
        ("description", "the site's description for search engines and link previews, not "
         "mapped"),
        ("contact_note", "a note beside the contact links, no field for it"),
    ):
        if not is_empty(config.get(key)):
            importer.lost(spot(_CONFIG, key), config[key], why)
    address = "".join(str(config.get(key) or "") for key in ("url", "baseurl"))
    if address:
        importer.lost(spot(_CONFIG, "url, baseurl"), address, "the old site's address, not "
                      "mapped: name it in conf.py's html_baseurl if the new site is served there")
    scholar = config.get("scholar")
    if isinstance(scholar, dict):
        _scholar_names(importer, profile, scholar)
        settings(importer, _CONFIG, scholar,
                 [key for key in scholar if key not in {"last_name", "first_name"}],
                 "jekyll-scholar's settings", "scholar.")
    elif not is_empty(scholar):
        importer.lost(spot(_CONFIG, "scholar"), scholar, "not a mapping, not read")
    old_socials = {key: value for key, value in config.items()
                   if key in SOCIAL_URLS or key in _SOCIAL_NOT_LINKS or key == "email"}
    _socials(importer, profile, old_socials, _CONFIG)
    settings(importer, _CONFIG, config,
             [key for key in config if key not in _CONFIG_READ and key not in old_socials
              and key != "scholar"],
             "al-folio's settings for building and laying out its site")


def _scholar_names(importer: Importer, profile: ProfileFields, scholar: dict[str, Any]) -> None:
    """jekyll-scholar highlights an author whose last name is one of ``last_name`` and whose
    first name one of ``first_name``: each pair is an alias ("Einstein, A.")."""
    where = spot(_CONFIG, "scholar.last_name, scholar.first_name")
    try:
        last, first = texts(scholar.get("last_name") or []), texts(scholar.get("first_name") or [])
    except Lost as exc:
        importer.lost(where, "", str(exc))
        return
    if last and not first:
        profile.add("aliases", last, where)
    elif first and not last:
        importer.lost(where, first, "first names without a last name, not mapped")
    profile.add("aliases", [f"{family}, {given}" for family in last for given in first], where)


def _socials(importer: Importer, profile: ProfileFields, socials: Mapping[str, Any],
             file: str) -> None:
    """The e-mail and the links of al-folio's social keys."""
    for key, value in socials.items():
        if is_empty(value):
            continue
        where = spot(file, key)
        if isinstance(value, dict) and (key in SOCIAL_URLS or key == "email"):
            # a known social with its own logo: {logo, value}
            for extra, item in value.items():
                if extra not in {"value", key} and not is_empty(item):
                    importer.lost(f"{where}.{extra}", item, "no field for it")
            value = value.get("value", value.get(key))
        if key == "email":
            profile.offer("email", value, where)
        elif key in _SOCIAL_NOT_LINKS:
            importer.lost(where, value, _SOCIAL_NOT_LINKS[key])
        elif key == "academia_edu" and isinstance(value, dict):
            profile.link("Academia", f"https://{value.get('organization')}.academia.edu/"
                         f"{value.get('username')}", where)
        elif key in SOCIAL_URLS:
            label, pattern = SOCIAL_URLS[key]
            try:
                profile.link(label, pattern % text(value), where)
            except Lost as exc:
                importer.lost(where, value, str(exc))
        elif isinstance(value, dict) and not is_empty(value.get("url")):
            profile.link(value.get("title") or key, value["url"], where)
            for extra, item in value.items():
                if extra not in {"title", "url"} and not is_empty(item):
                    importer.lost(f"{where}.{extra}", item, "no field for it")
        else:
            importer.lost(where, value, "not a social network al-folio knows, not mapped")


def _about(reader: SiteReader, profile: ProfileFields) -> None:
    """The about page: its text is the profile's summary, its subtitle the headline."""
    importer = reader.importer
    page = reader.page(_ABOUT)
    if page is None:
        return
    front, body = page
    profile.offer("headline", html_text(importer, spot(_ABOUT, "subtitle"), front.get("subtitle")),
                  spot(_ABOUT, "subtitle"))
    box = front.get("profile")
    if isinstance(box, dict):
        if not is_empty(box.get("image")):
            importer.lost(spot(_ABOUT, "profile.image"), box["image"], "the photo, a file of "
                          "the old site (assets/img/), not mapped: copy it into the new site "
                          "and name it as the profile's photo")
        if not is_empty(box.get("more_info")):
            importer.lost(spot(_ABOUT, "profile.more_info"),
                          html_text(importer, spot(_ABOUT, "profile.more_info"),
                                    box["more_info"]),
                          "the lines under the photo (an address), no field for them")
        settings(importer, _ABOUT, box, [key for key in box if key not in {"image", "more_info"}],
                 "the about page's layout", "profile.")
    elif not is_empty(box):
        importer.lost(spot(_ABOUT, "profile"), box, "not a mapping, not read")
    settings(importer, _ABOUT, front, [key for key in front if key not in {"subtitle", "profile"}],
             "the about page's settings")
    bio = prose(importer, spot(_ABOUT, "text"), body)
    profile.offer("summary", bio, spot(_ABOUT, "text"))


def _papers(reader: SiteReader, config: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The .bib file jekyll-scholar reads, as it is; and its entries' texts by key. Each
    file al-folio serves beside it (a ``pdf``, ``html`` or ``preview`` file) is reported."""
    importer = reader.importer
    scholar: dict[str, Any] = config["scholar"] if isinstance(config.get("scholar"), dict) else {}
    folder = str(scholar.get("source") or "/_bibliography/").strip("/")
    name = str(scholar.get("bibliography") or "papers.bib")
    path = f"{folder}/{name}" if folder else name
    if not name.endswith(".bib"):
        path += ".bib"  # jekyll-scholar adds the extension
    content = reader.text(path, MAX_BIB_BYTES)
    if content is None:
        return "", {}
    checked = read_bib_text(content, Path(path))
    for problem in checked.problems:
        importer.lost(f"{path}:{problem.line}", "", f"{problem.message} (so in the new site "
                      "too)")
    for key, entry in checked.data.entries.items():
        for found in local_files(entry):
            importer.lost(spot(path, f"{key}.{found.field}"), found.name,
                          f"a file al-folio serves from {found.path}: copy it to the same "
                          "place beside the new site's conf.py")
    written = bib_entry_texts(content)
    entries = {key: entry for key, entry in written.items() if key in checked.data.entries}
    return content, entries


# --- the CV page ------------------------------------------------------------------------------


def _cv_choice(reader: SiteReader, config: dict[str, Any], cv: Any) -> tuple[str, str]:
    """Which file the CV page showed (``_CV`` or ``_RESUME``, "" for none) and why.

    al-folio since 2026: ``_pages/cv.md``'s ``cv_format`` (``rendercv``: ``_data/cv.yml``,
    ``jsonresume``: the JSON Resume); without it, cv.yml when it is in the new shape (a
    ``cv`` mapping). Before: the JSON Resume when ``_config.yml`` loads it
    (``jekyll_get_json``), else cv.yml."""
    page = reader.page(_CV_PAGE)
    front = page[0] if page else {}
    importer = reader.importer
    if not is_empty(front.get("cv_pdf")):
        importer.lost(spot(_CV_PAGE, "cv_pdf"), front["cv_pdf"], "the CV as a PDF file of the "
                      "old site; the new site writes its own PDF CV")
    settings(importer, _CV_PAGE, front, [key for key in front if key not in {"cv_pdf",
                                                                           "cv_format"}],
             "the CV page's settings")
    has_cv, has_resume = cv is not None, reader.file(_RESUME) is not None
    chosen = front.get("cv_format")
    if chosen == "rendercv" and has_cv:
        return _CV, f"{_CV_PAGE} says cv_format: rendercv"
    if chosen == "jsonresume" and has_resume:
        return _RESUME, f"{_CV_PAGE} says cv_format: jsonresume"
    if isinstance(cv, dict) and "cv" in cv:
        return _CV, "al-folio shows it before the JSON Resume"
    loads = config.get("jekyll_get_json")
    if has_resume and isinstance(loads, list) and any(
            isinstance(item, dict) and item.get("data") == "resume" for item in loads):
        return _RESUME, f"{_CONFIG} loads it (jekyll_get_json), and al-folio then shows it"
    if has_cv:
        return _CV, "the CV page's data"
    if has_resume:
        return _RESUME, "the only CV file"
    return "", ""


def _cv(reader: SiteReader, profile: ProfileFields, config: dict[str, Any],
        titles: dict[str, str]) -> dict[str, str]:
    """The CV page's entries into the importer; the BibTeX of the publications of a
    RenderCV or JSON Resume CV that the site's .bib lacks (key -> text)."""
    importer = reader.importer
    cv = reader.data(_CV)
    source, why = _cv_choice(reader, config, cv)
    for other in (_CV, _RESUME):
        if other != source and reader.file(other) is not None:
            importer.lost(other, "", f"not imported: the CV page showed {source} ({why}); "
                          f"import this file alone if it holds more")
    if source == _RESUME:
        try:
            resume = json.loads(reader.text(_RESUME) or "null")
        except (ValueError, RecursionError):
            resume = None  # import_jsonresume says why
        return _imported(reader, profile, _RESUME, titles, "jsonresume", resume)
    if source != _CV:
        return {}
    if isinstance(cv, dict) and isinstance(cv.get("cv"), dict):
        return _imported(reader, profile, _CV, titles, "rendercv", cv)
    if isinstance(cv, list):
        _old_cv(importer, profile, html_texts(importer, f"{_CV}: ", cv))
    else:
        importer.lost(_CV, "", "not imported: neither of al-folio's CV shapes")
    return {}


def _imported(reader: SiteReader, profile: ProfileFields, file: str, titles: dict[str, str],
              shape: str, document: Any) -> dict[str, str]:
    """The CV file (its content ``document``) imported as ``import jsonresume`` or ``import
    rendercv`` imports it (``shape``): its report and decisions named by the file, its
    profile's fields offered after the pages', its entries added; its publications' BibTeX
    returned (key -> text), but those whose title the site's .bib has."""
    importer = reader.importer
    path = reader.file(file)
    if path is None:
        return {}
    try:
        result = (import_jsonresume if shape == "jsonresume" else import_rendercv)(path)
    except InterchangeError as exc:
        importer.lost(file, "", f"not read: {exc}".replace(str(path), file))
        return {}
    importer.unmapped += [spot(file, line) for line in result.unmapped]
    importer.decisions += [spot(file, line) for line in result.decisions]
    for name, value in (result.documents.get("profile") or {}).items():
        where = spot(file, f"the profile's {name}")
        if name == "links":
            for link in value:
                profile.link(link["label"], link["url"], where)
        elif name in profile.lists:
            profile.add(name, value, where)
        else:
            profile.offer(name, value, where)
    for stem, entries in result.documents.items():
        if stem != "profile":
            importer.entries.setdefault(stem, []).extend(entries)
    added = {}
    for key, entry in result.bib_entries.items():
        read = read_bib_text(entry).data.entries.get(key)
        title = clean_latex(read.fields.get("title", "")) if read is not None else ""
        if fold(title) in titles:
            where = next((path for path, value in walk(document) if isinstance(value, dict)
                          and fold(str(value.get("title") or value.get("name") or ""))
                          == fold(title)), f"publication {key}")
            importer.lost(spot(file, where), title, "the site's .bib has it "
                          f"({titles[fold(title)]}): kept once")
        else:
            added[key] = entry
    return added


# cv.yml before 2026: sections of a type, routed by their title (the user's own words).
_RANGE = r"(?:-|\u2013|\u2014|\bto\b)"  # hyphen, en dash, em dash, "to"
_YEAR = re.compile(
    rf"^\s*(\d{{4}})\s*(?:{_RANGE}\s*(\d{{4}}|now|present|ongoing|today)?)?\s*$", re.I)
_TIME_TABLES: tuple[tuple[re.Pattern[str], str, dict[str, str]], ...] = (
    (re.compile(r"educat|degree|stud", re.I), "education", {}),
    (re.compile(r"award|honou?r|prize|fellowship|scholarship|grant", re.I), "awards", {}),
    (re.compile(r"project", re.I), "projects", {}),
    (re.compile(r"teach|tutor", re.I), "activities", {"kind": "teaching"}),
    (re.compile(r"review", re.I), "activities", {"kind": "reviewing"}),
    (re.compile(r"service|volunteer|outreach|leadership", re.I), "activities",
     {"kind": "service"}),
    (re.compile(r"experience|employment|position|appointment|work|research|career", re.I),
     "experience", {}),
)
_TIME_TABLE_FIELDS: dict[str, Table] = {
    "education": {"title": "degree", "institution": "institution", "location": "location",
                  "description": "notes", "maindescription": "notes"},
    "experience": {"title": "role", "institution": "organization", "location": "location",
                   "description": "notes", "maindescription": "notes"},
    "activities": {"title": "role", "institution": "organization", "location": "location",
                   "description": "notes", "maindescription": "notes"},
    "awards": {"title": "title", "institution": "body", "location": "location",
               "description": "detail", "maindescription": "detail"},
    "projects": {"title": "title", "institution": "institutions", "description": "notes",
                 "maindescription": "notes"},
}
_INTERESTS = re.compile(r"interest|hobb", re.I)
_SECTION_KEYS = frozenset({"title", "type", "contents"})


def _old_cv(importer: Importer, profile: ProfileFields, document: list[Any]) -> None:
    """cv.yml before 2026: a list of sections ``{title, type, contents}``, of type ``map``
    (name: value lines), ``time_table`` (dated entries), ``nested_list`` or ``list``."""
    for index, section in enumerate(document):
        where = spot(_CV, f"[{index}]")
        if not isinstance(section, dict):
            if not is_empty(section):
                importer.lost(where, section, "not a section, not mapped")
            continue
        for key, value in section.items():
            if key not in _SECTION_KEYS and not is_empty(value):
                importer.lost(f"{where}.{key}", value, "no field for it")
        title, kind = str(section.get("title") or ""), section.get("type")
        contents = section.get("contents")
        place = f"{where}.contents"
        if is_empty(contents):
            continue
        if kind in {"list", "nested_list"} and _INTERESTS.search(title) and isinstance(
                contents, list):
            importer.decided(where, f"{title} ({kind})", "the profile's interests (by its title)")
            for number, item in enumerate(contents):
                _interest_topic(importer, profile, f"{place}[{number}]", item)
        elif kind == "map" and isinstance(contents, list):
            importer.decided(where, f"{title} ({kind})", "name: value lines, read one by one")
            for number, item in enumerate(contents):
                _map_line(importer, profile, f"{place}[{number}]", item)
        elif kind == "time_table" and isinstance(contents, list):
            route = next(((stem, fixed) for pattern, stem, fixed in _TIME_TABLES
                          if pattern.search(title)), None)
            if route is None:
                importer.lost(where, title, "a time table of a title not known (education, "
                              "experience, awards, projects, teaching, service), not mapped")
                continue
            importer.decided(where, f"{title} ({kind})", f"its entries are our {route[0]} "
                             "(by its title)")
            for number, item in enumerate(contents):
                _time_entry(importer, route, title, f"{place}[{number}]", item)
        else:
            importer.lost(where, title, f"a section of type {kind} titled so, not mapped")


def _interest_topic(importer: Importer, profile: ProfileFields, where: str, item: Any) -> None:
    if not isinstance(item, dict):
        profile.add("interests", item, where)
        return
    profile.add("interests", item.get("title"), f"{where}.title")
    for key, value in item.items():
        if key != "title" and not is_empty(value):
            importer.lost(f"{where}.{key}", value, "no field for it")


def _map_line(importer: Importer, profile: ProfileFields, where: str, item: Any) -> None:
    """One ``name: value`` line of a map section: the name, e-mail and languages are ours."""
    if not isinstance(item, dict):
        importer.lost(where, item, "not a name: value line, not mapped")
        return
    name, value = str(item.get("name") or ""), item.get("value")
    for key, extra in item.items():
        if key not in {"name", "value"} and not is_empty(extra):
            importer.lost(f"{where}.{key}", extra, "no field for it")
    if is_empty(value):
        return
    field = ("name" if re.search(r"\bname\b", name, re.I) else
             "email" if re.search(r"e-?mail", name, re.I) else "")
    if field:
        if profile.offer(field, value, f"{where}.value"):
            importer.decided(where, f"{name}: {value}", f"the profile's {field}")
    elif re.search(r"language", name, re.I) and isinstance(value, str):
        kept = importer.entry("skills", {"category": "Languages",
                                         "items": [part.strip() for part in value.split(",")]},
                              {"category": "category", "items": "items"}, f"{where}.value")
        if kept is not None:
            importer.decided(where, f"{name}: {value}", 'skills of the category "Languages"')
    else:
        importer.lost(where, f"{name}: {value}", "no field for it")


def _time_entry(importer: Importer, route: tuple[str, dict[str, str]], title: str, where: str,
                item: Any) -> None:
    """One entry of a time table; its free-text ``year`` ("1933 - 1955", "2015-now") as our
    start and end, or one date."""
    stem, fixed = route
    if not isinstance(item, dict):
        importer.lost(where, item, "not an entry, not mapped")
        return
    source = dict(item)
    table = dict(_TIME_TABLE_FIELDS[stem])
    year = source.pop("year", None)
    if not is_empty(year):
        match = _YEAR.match(str(year))
        if match is None:
            importer.lost(f"{where}.year", year, "not a year or a range of years, not mapped")
        elif match[2] is None and not re.search(_RANGE, str(year)):
            source["year"], table["year"] = match[1], "when"
        else:
            source["year"], table["year"] = match[1], "start"
            source["year (end)"], table["year (end)"] = match[2] or "present", "end"
            importer.decided(f"{where}.year", year, f"from {match[1]} to "
                             f"{match[2] or 'the present'}")
    for key in ("description", "maindescription"):
        if key in source:
            source[key] = _notes(source[key])
    if stem == "awards" and "items" in source:  # {year, items}: one award each
        awards = source.pop("items")
        for number, award in enumerate(awards if isinstance(awards, list) else [awards]):
            kind, _ = award_kind(str(award), title)
            importer.entry("awards", {**source, "title": award}, {**table, "title": "title"},
                           f"{where}.items[{number}]", {"kind": kind})
        return
    if stem == "awards":
        fixed = {"kind": award_kind(str(source.get("title") or ""), title)[0]}
    if stem == "experience":
        importer.experience(source, table, where, title)
    else:
        importer.entry(stem, source, table, where, fixed)


def _notes(value: Any) -> Any:
    """A description's items as notes; an item ``{title, contents}`` as one note
    "title: content; content"."""
    if not isinstance(value, list):
        return value
    notes = []
    for item in value:
        if isinstance(item, dict) and "title" in item:
            contents = item.get("contents")
            parts = [str(part) for part in (contents if isinstance(contents, list) else
                                            [contents]) if not is_empty(part)]
            notes.append(f"{item['title']}: {'; '.join(parts)}" if parts else item["title"])
        else:
            notes.append(item)
    return notes


# --- pages with no place in our data ---------------------------------------------------------


def _news(reader: SiteReader) -> None:
    """Each news item, reported: the new site has no news list."""
    importer = reader.importer
    for path in reader.pages("_news"):
        page = reader.page(path)
        if page is None:
            continue
        front, body = page
        said = prose(importer, path, body, mapped=False)
        shown = front.get("title") or said
        importer.lost(spot(path, "date, title and text"), f"{front.get('date', '')} {shown}",
                      "a news item, not mapped: the new site has no news list (put it on a "
                      "page if it still matters)")
        settings(importer, path, front, [key for key in front if key not in {"date", "title"}],
                 "its settings")


def _projects(reader: SiteReader) -> None:
    """Each project page, reported: our projects need a start date, which al-folio's project
    pages do not give."""
    importer = reader.importer
    for path in reader.pages("_projects"):
        page = reader.page(path)
        if page is None:
            continue
        front, body = page
        importer.lost(spot(path, "title, description"),
                      " \N{EM DASH} ".join(str(front[key]) for key in ("title", "description")
                                           if not is_empty(front.get(key))),
                      "a project page, not mapped: our projects need a start date, which "
                      "al-folio's project pages do not give (add it to projects.yaml with its "
                      "dates)")
        if body.strip():
            importer.lost(spot(path, "text"), f"{len(body.strip()):,} characters",
                          "the project page's text, not mapped")
        settings(importer, path, front,
                 [key for key in front if key not in {"title", "description"}],
                 "its settings (img, importance, category: al-folio's project cards)")
