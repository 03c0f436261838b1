"""Privacy requests in the window: a person's access export and erasure (Participants → the two buttons)."""
