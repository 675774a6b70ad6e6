"""Production static files: the live console's ES modules import each other by hashed name."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.unit


def test_collected_modules_import_their_hashed_neighbours(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    # Compressing every file takes most of a minute and is not what this test checks.
    settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["css", "js", "map", "svg", "ttf", "txt"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "cidi_meeting.staticfiles.PortalStaticFilesStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    console = next((tmp_path / "js" / "live").glob("console.*.js"))
    imports = re.findall(r'from "(\./[^"]+)"', console.read_text())
    assert imports
    assert all(re.fullmatch(r"\./[\w-]+\.[0-9a-f]{12}\.js", name) for name in imports), imports
    assert all((console.parent / name).exists() for name in imports)
