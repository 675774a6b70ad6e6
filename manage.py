#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    """Check the configuration, then run the administrative task."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidi_meeting.settings")
    from django.core.management import execute_from_command_line

    from cidi_meeting.preflight import ensure_configured

    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    ensure_configured(command)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
