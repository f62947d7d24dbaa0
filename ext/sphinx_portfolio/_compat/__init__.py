"""The one place that touches other packages' private names or patches them.

Everything here relies on something another package does not promise to keep:
a private attribute, a registry, the exact markup of a theme, a module reloaded
under a patched ``sys.modules``.  Keeping all of it in this package means an
upgrade breaks one place, and the contract tests (``tests/test_compat_*.py``)
say which name moved in which version.  Each module says which versions it was
written against and what it relies on:

- ``sphinx``: Sphinx's and docutils' private names (raw config, the local
  toctree, the directive and role registries, the builder class, the template
  render hook, ``use_index``, the builder's application).
- ``furo``: furo's exact markup, matched by regexes.
- ``opengraph``: sphinxext-opengraph reloaded without matplotlib.
- ``pybtex``: pybtex's run-time plugin registry (``_RUNTIME_PLUGINS``), set directly.
  Pure: ``bib/`` may import it.
- ``bibtex``: a typed view of sphinxcontrib-bibtex's ``cite`` domain (its data, the
  bibliography handed to it before its own parse, the entry ids renamed).
- ``citeproc``: three look-ups of citeproc-py's ``citeproc.model`` cached by
  patching them. Pure: ``bib/`` may import it.
"""
