"""Facilitator pools (F16, F7, change agents): members, roster, rota, workload, calendars."""
