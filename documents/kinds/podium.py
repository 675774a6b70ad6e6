"""The scenario's podium edition: large print, one slot per block (being written)."""
