"""The shapes of the API's answers, for its OpenAPI schema (the answers are built as
dictionaries by ``api.meetings``, ``api.outcomes`` and ``api.register``; the schema
test checks every answer against these)."""

from rest_framework import serializers

LANGUAGE_HELP = "The language the text before it is really in (null when it is empty)."


def _text(**kwargs):
    return serializers.CharField(allow_blank=True, **kwargs)


def _language():
    return serializers.CharField(allow_null=True, help_text=LANGUAGE_HELP)


def _moment(**kwargs):
    return serializers.DateTimeField(help_text="ISO 8601 with the meeting's UTC offset.", **kwargs)


class PersonSerializer(serializers.Serializer):
    name = _text(help_text="The name with its protocol title, as announced in the room.")
    position = _text()
    position_language = _language()


class LeadSerializer(PersonSerializer):
    role = serializers.CharField()
    role_label = serializers.CharField()


class MeetingSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    url = serializers.URLField(help_text="This meeting in the API.")
    page_url = serializers.URLField(help_text="The meeting's public page.")
    title = _text()
    title_language = _language()
    body = serializers.CharField()
    kind = serializers.CharField()
    format = serializers.CharField()
    date = serializers.DateField(help_text="The first day.")
    last_day = serializers.DateField()
    starts_at = _moment()
    time_zone = serializers.CharField(help_text="IANA name, e.g. America/New_York.")
    venue = _text()
    venue_language = _language()


class SlotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    planned_start = _moment()
    speaking_end = _moment()
    planned_end = _moment()
    speaking_minutes = serializers.IntegerField()
    qa_minutes = serializers.IntegerField()
    time_limit = serializers.CharField(help_text='As announced: "5 + 2 min".')
    speaker = PersonSerializer()
    representing = _text(help_text="The member state or organization, if any.")
    forecast_start = _moment(allow_null=True)
    forecast_end = _moment(allow_null=True)
    live_state = serializers.ChoiceField(
        choices=["held", "skipped", "speaking", "upcoming"],
        allow_null=True,
        help_text="While the sitting follows the room's clock; null otherwise.",
    )


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = _text()
    text_language = _language()
    addressed_to = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="The slots it is put to; empty when it is for every speaker of the part.",
    )


class PartSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    session = serializers.IntegerField(allow_null=True)
    kind = serializers.CharField()
    title = _text()
    title_language = _language()
    description = _text()
    description_language = _language()
    planned_start = _moment()
    planned_end = _moment()
    minutes = serializers.IntegerField()
    forecast_start = _moment(allow_null=True)
    forecast_end = _moment(allow_null=True)
    lead = LeadSerializer(allow_null=True)
    slots = SlotSerializer(many=True)
    guiding_questions = QuestionSerializer(many=True)


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = _text()
    title_language = _language()
    date = serializers.DateField()
    room = _text()
    planned_start = _moment()
    planned_end = _moment()
    chair = PersonSerializer(allow_null=True)
    parts = serializers.ListField(child=serializers.IntegerField())


class ExpectedOutcomeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = _text()
    text_language = _language()


class MeetingDetailSerializer(MeetingSummarySerializer):
    document_code = _text()
    planned_end = _moment()
    is_live = serializers.BooleanField()
    forecast_end = _moment(allow_null=True)
    chair = PersonSerializer(allow_null=True)
    purpose = _text()
    purpose_language = _language()
    background = _text()
    background_language = _language()
    expected_outcomes = ExpectedOutcomeSerializer(many=True)
    calendar_url = serializers.URLField()
    sessions = SessionSerializer(many=True, help_text="Empty for a meeting of one sitting.")
    parts = PartSerializer(many=True)


class TermSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_language = serializers.CharField()


class PracticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    page_url = serializers.URLField()
    title = _text()
    title_language = serializers.CharField(help_text="The language the practice is written in.")
    programme_name = _text()
    delegation = serializers.CharField()
    country = serializers.CharField(help_text="ISO code of the state, or the acronym.")
    meeting = serializers.CharField()
    language = serializers.CharField()
    instruments = TermSerializer(many=True)
    target_groups = TermSerializer(many=True)
    sdg_targets = serializers.ListField(child=serializers.CharField())
    period_start = serializers.IntegerField(allow_null=True)
    period_end = serializers.IntegerField(allow_null=True)
    beneficiaries = serializers.IntegerField(allow_null=True)
    population_share = serializers.CharField(allow_null=True, help_text="A decimal number.")
    women_beneficiaries = serializers.IntegerField(allow_null=True)
    budget_amount = serializers.CharField(allow_null=True, help_text="A decimal number.")
    budget_currency = _text()
    description = _text()
    results = _text()
    lessons = _text()
    gender_features = serializers.ListField(child=serializers.CharField())
    gender_notes = _text()
    contact_name = _text()
    contact_email = _text()
    links = serializers.ListField(child=serializers.CharField())
    published_at = serializers.DateTimeField(allow_null=True)


class PracticePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PracticeSerializer(many=True)


class CountsSerializer(serializers.Serializer):
    offers = serializers.IntegerField()
    needs = serializers.IntegerField()


class MatrixThemeSerializer(CountsSerializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_language = serializers.CharField()
    proposed = serializers.IntegerField(help_text="Matches the portal proposes in the theme.")
    followed = serializers.IntegerField(help_text="Matches the secretariat follows up.")


class MatrixCellSerializer(CountsSerializer):
    theme = serializers.CharField()
    meets_need = serializers.BooleanField()
    meets_offer = serializers.BooleanField()


class MatrixRowSerializer(CountsSerializer):
    name = serializers.CharField()
    cells = MatrixCellSerializer(many=True, help_text="One per theme, in the themes' order.")


class MatrixSerializer(CountsSerializer):
    meeting = serializers.SlugField()
    meeting_points = serializers.IntegerField()
    themes = MatrixThemeSerializer(many=True)
    delegations = MatrixRowSerializer(many=True)


class DocumentFileSerializer(serializers.Serializer):
    language = serializers.CharField()
    kind = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.URLField(help_text="The register's download address.")


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    symbol = serializers.CharField()
    title = _text()
    title_language = _language()
    document_type = serializers.CharField()
    document_type_label = serializers.CharField()
    version = serializers.IntegerField()
    files = DocumentFileSerializer(many=True)


class RegisterSerializer(serializers.Serializer):
    meeting = serializers.SlugField()
    documents = DocumentSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
