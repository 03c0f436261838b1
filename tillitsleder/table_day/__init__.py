"""Table day: seating a large gathering at named tables, and the printed table lists."""
