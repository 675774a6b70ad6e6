"""Benchmarks (`make bench`, `make load`, `make faults`): figures printed, never asserted.

An app only so that its management commands are found; it imports whatever it measures
and nothing imports it.
"""

from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "bench"
    verbose_name = "Benchmarks"
