"""Attendance: the register, a programme's statuses, the rules for shares, and the export."""
