"""The attendance register: its grid model, view, status configuration dialog and the page widget."""
