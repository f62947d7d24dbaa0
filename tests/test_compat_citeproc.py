"""The contract of ``_compat/citeproc.py``: the installed citeproc-py is a version it was
written against, and the methods it replaces are there to replace (behaviour: test_csl.py's
``test_the_citeproc_caches_change_nothing``)."""

from __future__ import annotations

import citeproc
from citeproc import model
from sphinx_portfolio._compat import citeproc as compat


def test_the_installed_citeproc_is_one_written_against() -> None:
    version = getattr(citeproc, "__version__", "unknown")
    assert version in compat.WRITTEN_AGAINST, (
        f"citeproc-py {version} is installed; _compat/citeproc.py was written against "
        f"{', '.join(compat.WRITTEN_AGAINST)} and patches nothing now (CSL formatting ~3x "
        "slower): check citeproc.model's " +
        ", ".join(f"{cls}.{method}" for cls, method in compat.PATCHED) + " and add the version")


def test_the_patched_methods_exist_and_are_patched() -> None:
    assert compat.install()
    for cls, method in compat.PATCHED:
        owner = getattr(model, cls, None)
        assert owner is not None and callable(getattr(owner, method, None)), (
            f"citeproc.model.{cls}.{method} is gone in citeproc-py "
            f"{getattr(citeproc, '__version__', 'unknown')} (written against "
            f"{', '.join(compat.WRITTEN_AGAINST)})")
        assert getattr(owner, method) is getattr(compat, f"_{method}"), f"{cls}.{method}"
