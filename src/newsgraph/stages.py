"""Imports every built-in stage module so its @stage decorators register it."""

from .nlp import entities as _entities  # noqa: F401
from .nlp import dates as _dates  # noqa: F401
