"""The progress reports' PDFs: one module per kind, sharing ``common``."""
