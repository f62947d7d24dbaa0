"""sphinxext-opengraph imported without matplotlib, unless social cards are wanted.

Written against sphinxext-opengraph 0.9.1 to 0.13.0 (checked on 0.13.0). It imports
matplotlib as it is imported (0.9: itself; 0.10 on: with its cards module), whatever the
settings: where matplotlib is installed every build paid 0.35 s and 40 MB for cards it does
not draw. What this relies on (``tests/test_compat_opengraph.py``):

* a failed ``import matplotlib`` (``sys.modules["matplotlib"] = None``) is its
  "matplotlib is not installed" path, which leaves ``create_social_card`` ``None``;
* that path prints a line on import, which would only mislead and is swallowed;
* a module imported that way is reloaded to get the cards back.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
from typing import Final

__all__ = ["MATPLOTLIB", "OPENGRAPH", "import_opengraph"]

OPENGRAPH: Final = "sphinxext.opengraph"
MATPLOTLIB: Final = "matplotlib"


def import_opengraph(*, social_cards: bool) -> None:
    """Import sphinxext-opengraph: with its social cards (reloaded if an earlier build in
    this process kept them out), or with matplotlib kept out (unless already imported)."""
    with contextlib.redirect_stdout(io.StringIO()):
        if social_cards:
            module = importlib.import_module(OPENGRAPH)
            if getattr(module, "create_social_card", None) is None:
                importlib.reload(module)
            return
        keep_out = MATPLOTLIB not in sys.modules
        if keep_out:
            sys.modules[MATPLOTLIB] = None  # type: ignore[assignment]  # import -> ImportError
        try:
            importlib.import_module(OPENGRAPH)
        finally:
            if keep_out:
                del sys.modules[MATPLOTLIB]
