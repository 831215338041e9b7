"""Imports every built-in stage module so its @stage decorators register it."""

from .events import coder as _coder  # noqa: F401
from .mentions import stage as _mentions  # noqa: F401
from .nlp import amounts as _amounts  # noqa: F401
from .nlp import entities as _entities  # noqa: F401
from .nlp import places as _places  # noqa: F401
from .nlp import quotes as _quotes  # noqa: F401
from .nlp import themes as _themes  # noqa: F401
from .nlp import timex as _timex  # noqa: F401
from .nlp import tone as _tone  # noqa: F401
