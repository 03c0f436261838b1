"""The start area before SQLAlchemy is loaded: the same SQL, read with the standard library's ``sqlite3``.

Importing SQLAlchemy and the model takes longer than building the whole window, so at start-up the app shows
the first area from a *snapshot*: ``reader.read_first_screen`` runs, on a plain thread and read-only, the very
``SELECT``s the areas use (``statements`` names them; ``compiled`` holds them compiled for SQLite, generated
and checked by a test against the queries themselves) and hands back the same values the domain functions
return. The full database opens meanwhile and then replaces the snapshot. Nothing here writes.
"""
