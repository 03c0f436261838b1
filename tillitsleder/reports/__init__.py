"""Progress reports for unit managers and directors: the data they print and their PDFs."""
