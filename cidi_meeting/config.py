"""Read the portal's configuration from the environment.

Every setting the portal takes from the environment is read here, so that a bad value
stops start-up with one clear line naming the variable (``ConfigError``) instead of a
traceback somewhere deep in Django.
"""

import os
from urllib.parse import urlsplit

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A configuration variable is missing or malformed; the message names it."""


def env_str(name, default=None):
    """Return the variable's value, or ``default`` when it is unset or empty."""
    value = os.environ.get(name, "").strip()
    return value if value else default


def env_bool(name, default):
    """Return the variable read as a yes/no switch."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value; use 1 or 0.")


def env_int(name, default):
    """Return the variable read as a whole number."""
    raw = env_str(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number.") from None


def env_list(name, default):
    """Return the comma-separated variable as a list of non-empty items."""
    raw = env_str(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_config(url, *, base_dir):
    """Return Django's DATABASES entry for ``url`` (a SQLite file when ``url`` is None)."""

    if url is None:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(base_dir / "var" / "db.sqlite3"),
            # Writers wait for each other instead of failing at once (demo with a worker).
            "OPTIONS": {"timeout": 20},
        }
    scheme = urlsplit(url).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ConfigError(
            f"DATABASE_URL has scheme {scheme or '(none)'!r}; "
            "use postgres://user@host:5432/name (or sqlite:///path)."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ConfigError(f"DATABASE_URL is malformed: {exc}") from None
    if config["ENGINE"].endswith("postgresql"):
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return config


def redis_url(name="REDIS_URL"):
    """Return a validated Redis URL from the variable, or None when it is unset."""
    url = env_str(name)
    if url is None:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port  # Raises ValueError on a non-numeric port.
    except ValueError:
        raise ConfigError(f"{name}={url!r} is malformed: the port is not a number.") from None
    if parts.scheme not in {"redis", "rediss", "unix"}:
        raise ConfigError(
            f"{name}={url!r} is malformed: use redis://host:6379/0 (or rediss:// or unix://)."
        )
    if parts.scheme != "unix" and not parts.hostname:
        raise ConfigError(f"{name}={url!r} is malformed: it names no host.")
    path = parts.path.lstrip("/")
    if parts.scheme != "unix" and path and not path.isdigit():
        raise ConfigError(f"{name}={url!r} is malformed: the database must be a number.")
    del port
    return url
