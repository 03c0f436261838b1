"""The domain's enumerations, re-exported for the model (they live in ``tillitsleder.enums`` so that code which
only needs an enum, such as the acting profile, does not load SQLAlchemy)."""

from tillitsleder.enums import *  # noqa: F403
from tillitsleder.enums import LabelledEnum  # noqa: F401
