"""Member states, organizations and their delegations to a meeting."""
