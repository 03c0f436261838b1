"""Sessions of a cohort: scheduling, repeating series, conflicts, working days, iCalendar files."""
