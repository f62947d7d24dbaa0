"""Inline SVG icons for the profile's contact links and the CV button: in the page itself, so
no icon font, sprite or image is requested from anywhere.

Each icon is drawn in ``currentColor`` (it follows the link's colour, light or dark) and is
hidden from assistive technology: the link's own text names it. The brand marks (Google
Scholar, ORCID, GitHub, X, Bluesky) are Simple Icons' paths (simpleicons.org, CC0 1.0); the
others (envelope, globe, chain link, LinkedIn's "in", the document) are drawn here.
"""

from __future__ import annotations

from typing import Final

__all__ = ["svg"]

_FILLED: Final = {
    "scholar": "M5.242 13.769L0 9.5 12 0l12 9.5-5.242 4.269C17.548 11.249 14.978 9.5 12 9.5c-2.977"
               " 0-5.548 1.748-6.758 4.269zM12 10a7 7 0 1 0 0 14 7 7 0 0 0 0-14z",
    "orcid": "M12 0C5.372 0 0 5.372 0 12s5.372 12 12 12 12-5.372 12-12S18.628 0 12 0zM7.369 "
             "4.378c.525 0 .947.431.947.947s-.422.947-.947.947a.95.95 0 0 1-.947-.947c0-.525.422"
             "-.947.947-.947zm-.722 3.038h1.444v10.041H6.647V7.416zm3.562 0h3.9c3.712 0 5.344 "
             "2.653 5.344 5.025 0 2.578-2.016 5.025-5.325 5.025h-3.919V7.416zm1.444 1.303v7.444h"
             "2.297c3.272 0 4.022-2.484 4.022-3.722 0-2.016-1.284-3.722-4.097-3.722h-2.222z",
    "github": "M12 .297c-6.63 0-12 5.373-12 12 0 5.303 3.438 9.8 8.205 11.385.6.113.82-.258.82-"
              ".577 0-.285-.01-1.04-.015-2.04-3.338.724-4.042-1.61-4.042-1.61C4.422 18.07 3.633 "
              "17.7 3.633 17.7c-1.087-.744.084-.729.084-.729 1.205.084 1.838 1.236 1.838 1.236 "
              "1.07 1.835 2.809 1.305 3.495.998.108-.776.417-1.305.76-1.605-2.665-.3-5.466-1.332-"
              "5.466-5.93 0-1.31.465-2.38 1.235-3.22-.135-.303-.54-1.523.105-3.176 0 0 1.005-.322 "
              "3.3 1.23.96-.267 1.98-.399 3-.405 1.02.006 2.04.138 3 .405 2.28-1.552 3.285-1.23 "
              "3.285-1.23.645 1.653.24 2.873.12 3.176.765.84 1.23 1.91 1.23 3.22 0 4.61-2.805 "
              "5.625-5.475 5.92.42.36.81 1.096.81 2.22 0 1.606-.015 2.896-.015 3.286 0 .315.21.69"
              ".825.57C20.565 22.092 24 17.592 24 12.297c0-6.627-5.373-12-12-12",
    "x": "M14.234 10.162 22.977 0h-2.072l-7.591 8.824L7.251 0H.258l9.168 13.343L.258 24H2.33l"
         "8.016-9.318L16.749 24h6.993zm-2.837 3.299-.929-1.329L3.076 1.56h3.182l5.965 8.532.929 "
         "1.329 7.754 11.09h-3.182z",
    "bluesky": "M5.202 2.857C7.954 4.922 10.913 9.11 12 11.358c1.087-2.247 4.046-6.436 6.798-"
               "8.501C20.783 1.366 24 .213 24 3.883c0 .732-.42 6.156-.667 7.037-.856 3.061-3.978"
               " 3.842-6.755 3.37 4.854.826 6.089 3.562 3.422 6.299-5.065 5.196-7.28-1.304-7.847-"
               "2.97-.104-.305-.152-.448-.153-.327 0-.121-.05.022-.153.327-.568 1.666-2.782 8.166-"
               "7.847 2.97-2.667-2.737-1.432-5.473 3.422-6.3-2.777.473-5.899-.308-6.755-3.369C.42"
               " 10.04 0 4.615 0 3.883c0-3.67 3.217-2.517 5.202-1.026",
    # a rounded square with "in" cut out of it (even-odd)
    "linkedin": "M4 1h16a3 3 0 0 1 3 3v16a3 3 0 0 1-3 3H4a3 3 0 0 1-3-3V4a3 3 0 0 1 3-3z"
                "M5.5 9.5v9h3v-9zM7 4.6a1.7 1.7 0 1 0 0 3.4 1.7 1.7 0 0 0 0-3.4z"
                "M10.5 9.5v9h3v-5c0-1.2.8-1.9 1.7-1.9s1.5.6 1.5 1.9v5h3v-5.6c0-2.6-1.5-3.6-3.4-"
                "3.6-1.3 0-2.3.6-2.8 1.4V9.5z",
}
#: Line drawings, stroked in currentColor.
_STROKED: Final = {
    "email": '<rect x="2.5" y="4.5" width="19" height="15" rx="2"/><path d="m3 6 9 7 9-7"/>',
    "website": '<circle cx="12" cy="12" r="9.5"/><path d="M2.5 12h19M12 2.5c2.6 2.7 3.9 5.9 3.9 '
               '9.5s-1.3 6.8-3.9 9.5c-2.6-2.7-3.9-5.9-3.9-9.5s1.3-6.8 3.9-9.5z"/>',
    "link": '<path d="M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4l-1.4 1.4"/>'
            '<path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.4-1.4"/>',
    # a page with a folded corner and lines of text: the CV
    "cv": '<path d="M14 2.5H6.5a2 2 0 0 0-2 2v15a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V8z"/>'
          '<path d="M14 2.5V8h5.5M8.5 13h7M8.5 17h7"/>',
}
#: Every kind of link with an icon of its own; any other is drawn as a ``link``.
KINDS: Final = frozenset(_FILLED) | frozenset(_STROKED)
CLASS: Final = "portfolio-icon"


def svg(kind: str) -> str:
    """The icon of ``kind`` as an ``<svg>`` element (the chain link for an unknown kind)."""
    start = (f'<svg class="{CLASS} {CLASS}-{kind if kind in KINDS else "link"}" '
             'viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"')
    if kind in _FILLED:
        rule = ' fill-rule="evenodd"' if kind == "linkedin" else ""
        return f'{start} fill="currentColor"><path{rule} d="{_FILLED[kind]}"/></svg>'
    drawing = _STROKED.get(kind, _STROKED["link"])
    return (f'{start} fill="none" stroke="currentColor" stroke-width="1.8" '
            f'stroke-linecap="round" stroke-linejoin="round">{drawing}</svg>')
