"""Dialogs and actions of the Sessions & attendance area: schedule, reschedule, cancel, export calendars."""
