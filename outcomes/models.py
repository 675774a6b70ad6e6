"""Good practices and cooperation offers arrive with the outcomes issue."""
