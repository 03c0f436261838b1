"""Reusable widgets: the list panel every area uses, the cohort picker, the retranslation mixin."""
