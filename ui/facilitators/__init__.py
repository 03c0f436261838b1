"""The Facilitators area's tabs: pools and facilitators, the roster, the workload view."""
