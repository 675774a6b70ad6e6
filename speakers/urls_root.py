"""Pages of the speakers app among the secretariat's meeting pages, outside ``/speakers/``.

Their names have no namespace (``{% url 'meeting_statements' slug %}``), like the other
root URLconfs (``accounts.urls_root``).
"""

from django.urls import path

from speakers import statements

urlpatterns = [
    path(
        "secretariat/meetings/<slug:slug>/statements/",
        statements.statements_and_documents,
        name="meeting_statements",
    ),
]
