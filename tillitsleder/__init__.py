"""Tillitsleder: the Qt-free core (domain model, storage, services, PDF, i18n and CLI).

Nothing in this package imports PySide6; the desktop front end lives in the sibling package ``ui``.
"""

__version__ = "0.1.0"
APP_NAME = "Tillitsleder"
APP_ID = "tillitsleder"
