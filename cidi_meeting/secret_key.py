"""The demo's secret key: random for each copy of the portal, kept in ``var/``.

With ``DEBUG`` on and no ``SECRET_KEY`` set, the portal signs its links (email
confirmations, invitations, speaker tokens) with a key generated on first start and
kept, readable by its owner only, in ``var/secret_key``. It is never committed, so two
copies of the repository never share a key. Production sets ``SECRET_KEY`` itself.
"""

import os
import secrets
from pathlib import Path

FILE_NAME = "secret_key"


def demo_secret_key(var_dir):
    """Return the key kept in ``var_dir``, generating it (mode 0600) on first call."""
    var_dir = Path(var_dir)
    path = var_dir / FILE_NAME
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    # Written in full under a private name, then linked into place: a process starting at
    # the same moment either sees no key or the whole key, and the first link wins.
    draft = var_dir / f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}"
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
    finally:
        draft.unlink(missing_ok=True)
    return path.read_text().strip()
