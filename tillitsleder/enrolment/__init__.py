"""Cohorts and enrolment: enrol people, their status history, and importing a participant list."""
