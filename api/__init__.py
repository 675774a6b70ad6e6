"""The public, read-only JSON API (/api/v1/)."""
