"""Measurement helpers used by the ``bench_*`` management commands (figures only)."""
