"""Meetings, their parts (segments), guiding questions and computed clock times."""
