"""Reflection-group meetings and their three-step notes, shown per profile."""
