"""Meeting documents rendered as PDF by the workers (WeasyPrint).

``registry`` holds the kinds of document: each module of ``kinds`` registers one, with
its builder, which turns what ``selectors`` reads into plain data (the content a
fingerprint is taken of); ``render`` turns that data into HTML and PDF; ``services``
requests, caches and renders documents; ``tasks`` runs the rendering in a Celery
worker; ``views`` and ``forms`` serve the documents panel of the meeting page.
"""

import logging

# WeasyPrint logs every step of every layout at INFO (from its import on); the logs of
# the web and worker processes keep only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
