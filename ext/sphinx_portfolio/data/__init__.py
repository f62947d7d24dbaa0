"""Loading and validation of the portfolio's YAML data. No Sphinx imports here."""

from .errors import SUBTYPES, DataError, Problem
from .models import KINDS, MAPPINGS, CitationCounts, Profile
from .validate import Loaded, Record, load_list, load_mapping, load_profile

__all__ = [
    "KINDS", "MAPPINGS", "SUBTYPES", "CitationCounts", "DataError", "Loaded", "Problem",
    "Profile", "Record", "load_list", "load_mapping", "load_profile",
]
