"""``/healthz``: the state of the database, the broker and the Celery workers."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cidi_meeting.celery import app

logger = logging.getLogger(__name__)

# Asking the broker and the workers takes up to a second; reuse the answer for a while so
# that /healthz stays cheap under a load balancer's frequent probes.
QUEUE_STATE_CACHE_KEY = "healthz:queue-state"
QUEUE_STATE_SECONDS = 10


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("Health check: database unavailable: %s", exc)
        return "unavailable"
    return "ok"


def queue_state():
    """Return the broker's state and the names of the workers that answered a ping."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"broker": "in-process", "workers": "in-process"}
    cached = cache.get(QUEUE_STATE_CACHE_KEY)
    if cached is not None:
        return cached

    state = {"broker": "unavailable", "workers": []}
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
        state["broker"] = "ok"
        replies = app.control.ping(timeout=1.0) or []
        state["workers"] = sorted(name for reply in replies for name in reply)
    except Exception as exc:  # noqa: BLE001 - any broker failure is reported, not raised
        logger.warning("Health check: broker unavailable: %s", exc)
    try:
        cache.set(QUEUE_STATE_CACHE_KEY, state, QUEUE_STATE_SECONDS)
    except Exception as exc:  # noqa: BLE001 - the cache may live on the same broken Redis
        logger.warning("Health check: cannot cache the queue state: %s", exc)
    return state


@never_cache
@require_GET
def healthz(request):
    """Answer 200 while the database answers; report the broker and workers either way."""
    database = database_state()
    body = {"database": database, **queue_state()}
    body["status"] = "ok" if database == "ok" else "unavailable"
    return JsonResponse(body, status=200 if database == "ok" else 503)
