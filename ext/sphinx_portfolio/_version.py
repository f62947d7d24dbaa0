"""The package's version, in a module of its own: the parts that stamp what they write with it
(the PDF sources, the paper pages' cache) import it without importing the package's
``__init__``, which imports them (an import cycle)."""

__version__ = "0.1.0"
