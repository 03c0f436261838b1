"""Read-only lists for the coordinator's areas: table specs sorted, searched and paged in SQL."""
