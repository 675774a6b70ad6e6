"""The inclusion figures' panel on the public meeting page, after the meeting."""
