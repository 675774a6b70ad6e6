"""Good practices, cooperation offers and needs, and a meeting's conclusions."""
