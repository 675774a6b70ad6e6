"""Fixtures of the security tests."""

from tests.test_permissions import url_values  # noqa: F401 - the records the paths name
