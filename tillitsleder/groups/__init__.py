"""Reflection groups: scoring, composing across units, the board, saved rounds and adjustments."""
