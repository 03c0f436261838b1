"""Completion and progress reports in the “Certificates & reports” area: the completion tab, the rules dialog and
the reports tab."""
