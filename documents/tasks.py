"""Celery tasks of the meeting documents: thin wrappers around ``services``."""

from celery import shared_task

from documents import services


# A rendering that fails fails the same way again: no retries. Late acknowledgement
# (the project's default) hands the job to another worker if this one dies.
# The document's row carries its state; the task keeps no result (see send_email).
@shared_task(name="documents.render", ignore_result=True, soft_time_limit=240, time_limit=300)
def render_document(document_id):
    """Render the queued document ``document_id`` into its PDF."""
    document = services.document_render(document_id=document_id)
    return document.status if document is not None else None
