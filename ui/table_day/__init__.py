"""Table day: seat a cohort at named round tables with leaders, save the seating, and print the table lists."""
