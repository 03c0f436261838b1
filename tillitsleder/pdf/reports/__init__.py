"""Progress reports: one module per kind, sharing ``common``."""
