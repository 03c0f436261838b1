"""Cohorts and enrolment in the GUI: new cohort, enrol a participant, change status, import a participant list."""
