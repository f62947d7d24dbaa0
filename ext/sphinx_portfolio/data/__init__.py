"""Loading and validation of the portfolio's YAML data. No Sphinx imports here."""

from .errors import SUBTYPES, DataError, Problem
from .models import KINDS, Profile
from .validate import Loaded, Record, load_list, load_profile

__all__ = [
    "KINDS", "SUBTYPES", "DataError", "Loaded", "Problem", "Profile", "Record",
    "load_list", "load_profile",
]
