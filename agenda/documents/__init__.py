"""Meeting documents rendered as PDF by the workers (WeasyPrint).

``registry`` names the four documents and who may have them; ``selectors`` reads what
they show; ``contexts`` turns it into plain data (the content a fingerprint is taken
of); ``render`` turns that data into HTML and PDF; ``services`` requests, caches and
renders documents; ``tasks`` runs the rendering in a Celery worker; ``views`` and
``forms`` serve the documents panel of the meeting page.
"""

import logging

# WeasyPrint logs every step of every layout at INFO (from its import on); the logs of
# the web and worker processes keep only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
