"""Data protection for the municipality as controller: a person's access export, erasure and its log (and, from
the audit side, read logging and retention). Every table that refers to a person is named in ``references``."""
