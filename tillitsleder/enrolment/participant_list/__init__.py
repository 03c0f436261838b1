"""A participant list (HR's .xlsx or Excel CSV): read, map columns, check rows, import."""
