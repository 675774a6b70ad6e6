"""Load test on loopback (Locust): see run_load.py."""
