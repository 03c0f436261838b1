"""Use-case services: each call takes plain values, owns its transaction and returns plain values."""
