"""The demo database: Bydel Nordstrand in its programme, built relative to a given day."""
