"""The API's endpoints: anonymous reads of what the public pages show.

Each endpoint first works out its validators (``api.conditional``) with a query or two
and answers 304 when the reader's copy is current; only then does it load and build the
answer. Everything is read as a visitor reads it, whoever asks: the API has no sign-in.
"""

from django.db.models import Count, Max, Q
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from agenda import public_page, selectors
from agenda.enums import MeetingStatus
from agenda.models import Meeting
from api import meetings, outcomes, register, serializers
from api.conditional import Validators, generation_seen_at, live_period
from api.languages import LANGUAGE_CODES, LANGUAGE_PARAMETER, reader_language
from cidi_meeting import page_cache
from outcomes import cache as outcomes_cache

LANGUAGE = OpenApiParameter(
    LANGUAGE_PARAMETER,
    str,
    enum=LANGUAGE_CODES,
    description=_(
        "The language of the answer (else the Accept-Language header, else English). "
        "Each translated text is followed by the language it is really in."
    ),
)
NOT_MODIFIED = OpenApiResponse(description=_("The copy named by If-None-Match is current."))
NOT_FOUND = OpenApiResponse(serializers.ErrorSerializer, description=_("No such published record."))
THROTTLED = OpenApiResponse(
    serializers.ErrorSerializer, description=_("Too many requests: see Retry-After.")
)
SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description=_("The meeting's slug."))


def public_get(*, operation_id, summary, description, response, parameters=(), errors=None):
    """Describe a GET endpoint of the API for its schema."""
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description,
        parameters=[LANGUAGE, *parameters],
        responses={200: response, 304: NOT_MODIFIED, 429: THROTTLED, **(errors or {})},
    )


class PublicReadView(APIView):
    """A read-only endpoint with validators, in the language the reader asks for."""

    # How long a built answer is kept (a live agenda's only while its forecast holds).
    keep_seconds = 0

    def validators(self, request, **kwargs):
        raise NotImplementedError

    def body(self, request, **kwargs):
        raise NotImplementedError

    def get(self, request, **kwargs):
        language = reader_language(request)
        with translation.override(language):
            validators = self.validators(request, **kwargs)
            response = validators.not_modified(request)
            if response is None:
                if self.keep_seconds:
                    key = f"api:body:{type(self).__name__}:{validators.etag}"
                    data = page_cache.cached(
                        key, lambda: self.body(request, **kwargs), timeout=self.keep_seconds
                    )
                else:
                    data = self.body(request, **kwargs)
                response = Response(data)
        response["Content-Language"] = language
        return validators.apply(response)


def published_meeting(slug):
    meeting = meetings.meeting_for_api(slug=slug)
    if meeting is None:
        raise NotFound("No such published meeting.")
    return meeting


class MeetingList(PublicReadView):
    @public_get(
        operation_id="meetings_list",
        summary=_("Published meetings"),
        response=serializers.MeetingSummarySerializer(many=True),
        description=_(
            "List the published meetings, most recent first, with their dates and venues."
        ),
    )
    def get(self, request, **kwargs):
        return super().get(request, **kwargs)

    def validators(self, request):
        published = Q(status__in=[MeetingStatus.PUBLISHED, MeetingStatus.CLOSED])
        # Drafts count too: a meeting unpublished leaves the list and moves the latest change.
        state = Meeting.objects.aggregate(
            count=Count("pk", filter=published), changed=Max("updated_at")
        )
        return Validators(
            "meetings",
            translation.get_language(),
            *state.values(),
            request=request,
            last_modified=state["changed"],
        )

    def body(self, request):
        return [
            meetings.meeting_summary(meeting, request=request)
            for meeting in meetings.published_meetings()
        ]


class MeetingDetail(PublicReadView):
    keep_seconds = page_cache.FRAGMENT_TIMEOUT

    @public_get(
        operation_id="meetings_retrieve",
        summary=_("A published meeting and its agenda"),
        response=serializers.MeetingDetailSerializer,
        parameters=[SLUG],
        errors={404: NOT_FOUND},
        description=_(
            "Return a meeting with its sessions, parts, speaker slots and guiding "
            "questions. Clock times are those of the meeting page and its calendar, in "
            "ISO 8601 with the meeting's UTC offset; forecasts are given while a "
            "sitting follows the room's clock."
        ),
    )
    def get(self, request, **kwargs):
        return super().get(request, **kwargs)

    def validators(self, request, slug):
        meeting = published_meeting(slug)
        live_key = selectors.live_state_key(meeting)
        period = live_period(live_key)
        if period is not None:
            self.keep_seconds = public_page.LIVE_SECONDS
        return Validators(
            "meeting",
            meeting.pk,
            meeting.agenda_revision,
            meeting.updated_at.isoformat(),
            live_key,
            period,
            translation.get_language(),
            request=request,
            last_modified=meeting.updated_at if period is None else None,
        )

    def body(self, request, slug):
        agenda = selectors.meeting_get_for_agenda(slug=slug, published_only=True)
        return meetings.meeting_detail(agenda, selectors.agenda_timing(agenda), request=request)


class MeetingDocuments(PublicReadView):
    @public_get(
        operation_id="meetings_documents_list",
        summary=_("The public documents of a meeting's register"),
        response=serializers.RegisterSerializer,
        parameters=[SLUG],
        errors={404: NOT_FOUND},
        description=_(
            "List the meeting's documents published to everyone, with a link to each file."
        ),
    )
    def get(self, request, **kwargs):
        return super().get(request, **kwargs)

    def validators(self, request, slug):
        self.meeting = published_meeting(slug)
        state = register.register_validators(self.meeting)
        latest = [moment for moment in (state["changed"], state["uploaded"]) if moment]
        return Validators(
            "register",
            self.meeting.pk,
            *state.values(),
            translation.get_language(),
            request=request,
            last_modified=max(latest) if latest else self.meeting.updated_at,
        )

    def body(self, request, slug):
        return {
            "meeting": self.meeting.slug,
            "documents": register.public_documents(self.meeting, request=request),
        }


class CooperationMatrix(PublicReadView):
    @public_get(
        operation_id="meetings_cooperation_matrix_retrieve",
        summary=_("The cooperation matrix of a meeting"),
        response=serializers.MatrixSerializer,
        parameters=[SLUG],
        errors={404: NOT_FOUND},
        description=_(
            "Return the open offers and needs of each delegation in each theme, and "
            "where they meet, as the meeting's public matrix shows them."
        ),
    )
    def get(self, request, **kwargs):
        return super().get(request, **kwargs)

    def validators(self, request, slug):
        self.meeting = published_meeting(slug)
        tokens, seen = generation_seen_at(outcomes_cache.COOPERATION)
        return Validators(
            "matrix",
            self.meeting.pk,
            *tokens,
            translation.get_language(),
            request=request,
            last_modified=seen,
        )

    def body(self, request, slug):
        return outcomes.matrix(self.meeting)


class PracticePagination(PageNumberPagination):
    # The compendium page's size.
    page_size = 20


PRACTICE_FILTER_PARAMETERS = [
    OpenApiParameter(
        "q",
        str,
        description=_(
            "Words of the title, programme, description, "
            "results or lessons (web search syntax: quotes, minus sign)."
        ),
    ),
    OpenApiParameter(
        "country", str, description=_("ISO code of a member state, or an organization's acronym.")
    ),
    OpenApiParameter("instrument", str, description=_("Instrument code (narrower ones too).")),
    OpenApiParameter("target_group", str, description=_("Target group code.")),
    OpenApiParameter("sdg_target", str, description=_("SDG target, e.g. 1.3.")),
    OpenApiParameter("language", str, enum=LANGUAGE_CODES, description=_("Written in.")),
    OpenApiParameter("page", OpenApiTypes.INT, description=_("Page number (20 a page).")),
]


def compendium_query(request):
    """Return the compendium's filters and page from the request, nothing else."""
    query = QueryDict(mutable=True)
    for name in request.GET:
        if name in (*outcomes.PRACTICE_FILTERS, "page"):
            query.setlist(name, request.GET.getlist(name))
    return query


class PracticeList(PublicReadView):
    @public_get(
        operation_id="practices_list",
        summary=_("Published good practices"),
        response=serializers.PracticePageSerializer,
        parameters=PRACTICE_FILTER_PARAMETERS,
        errors={
            400: OpenApiResponse(description=_("A filter's value is not valid.")),
            404: NOT_FOUND,
        },
        description=_(
            "Search and filter the compendium of published good practices, as its page "
            "does, a page of 20 at a time (most recently published first, best matches "
            "first)."
        ),
    )
    def get(self, request, **kwargs):
        return super().get(request, **kwargs)

    def validators(self, request):
        tokens, seen = generation_seen_at(outcomes_cache.COMPENDIUM)
        query = page_cache.normalised_query(compendium_query(request))
        return Validators(
            "practices",
            *tokens,
            query,
            translation.get_language(),
            request=request,
            last_modified=seen,
        )

    def body(self, request):
        filterset = outcomes.practices_filtered(params=compendium_query(request))
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        paginator = PracticePagination()
        page = paginator.paginate_queryset(
            outcomes.practices_shaped(filterset.qs), request, view=self
        )
        return paginator.get_paginated_response(
            [outcomes.practice(practice, request=request) for practice in page]
        ).data


class PracticeDetail(PublicReadView):
    @public_get(
        operation_id="practices_retrieve",
        summary=_("A published good practice"),
        response=serializers.PracticeSerializer,
        parameters=[OpenApiParameter("pk", int, OpenApiParameter.PATH)],
        errors={404: NOT_FOUND},
        description=_(
            "Return a published good practice with the fields of the compendium's export."
        ),
    )
    def get(self, request, **kwargs):
        return super().get(request, **kwargs)

    def validators(self, request, pk):
        tokens, seen = generation_seen_at(outcomes_cache.COMPENDIUM)
        return Validators(
            "practice",
            pk,
            *tokens,
            translation.get_language(),
            request=request,
            last_modified=seen,
        )

    def body(self, request, pk):
        found = outcomes.practice_published(pk=pk)
        if found is None:
            raise NotFound("No such published practice.")
        return outcomes.practice(found, request=request)
