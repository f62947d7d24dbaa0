"""YAML data -> validated models, every problem located. Imports no Sphinx or docutils."""

from ..warnings_ import Problem
from .models import KINDS, MAPPINGS, CitationCounts, Profile
from .validate import Loaded, Record, load_list, load_mapping, load_profile

__all__ = [
    "KINDS",
    "MAPPINGS",
    "CitationCounts",
    "Loaded",
    "Problem",
    "Profile",
    "Record",
    "load_list",
    "load_mapping",
    "load_profile",
]
