"""The learning journal: encrypted entries, sharing, search, export and commitments."""
