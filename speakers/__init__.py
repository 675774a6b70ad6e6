"""People and their speaker slots in a meeting's segments."""
