"""The scenario's podium edition: the same words in large print, one block per slot.

Portrait, read at arm's length by the Chair or the moderator at the podium; the content is
the scenario's (``documents.kinds.run_of_show``), only the layout differs.
"""

from django.utils.translation import gettext_lazy

from documents.kinds.run_of_show import scenario_content
from documents.models import DocumentKind, Orientation
from documents.registry import DocumentSpec, register

SPEC = register(
    DocumentSpec(
        kind=DocumentKind.PODIUM,
        template_name="documents/podium.html",
        default_orientation=Orientation.PORTRAIT,
        description=gettext_lazy(
            "The scenario in large print for the podium: one block per speaker with the "
            "clock time, the words to give the floor and the guiding questions."
        ),
        build=scenario_content,
    )
)
