"""Where the engines lived before ``search.backends`` (one module per database); kept for imports."""

from .backends import *  # noqa: F403
from .backends import __all__  # noqa: F401
