"""Completion: each participant's state with reasons, a programme's rules and the sign-off."""
