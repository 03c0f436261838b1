"""Reflection groups in the GUI: the overview of saved groups and meetings, and the group board."""
