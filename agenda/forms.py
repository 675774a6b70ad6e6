"""Forms of the secretariat's agenda editor; each hands its cleaned data to a service."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agenda import relations
from agenda.models import GuidingQuestion, Meeting, MeetingSession, Segment
from cidi_meeting.text import SafeTextMixin
from cidi_meeting.timezones import time_zone_choices
from cidi_meeting.translated_forms import (
    TranslatedFieldsMixin,
    fallback_text,
    languages_hint,
    text_as_read,
    text_in,
)
from cidi_meeting.uploads import DOCX, PDF, validate_document
from cidi_meeting.versioning import VersionedFormMixin

# Models of the apps built on the agenda, by name (see agenda.relations).
Person = relations.person_model()
SpeakerSlot = relations.speaker_slot_model()
MemberState = relations.member_state_model()


CONCEPT_NOTE_MAX_BYTES = 10 * 1024 * 1024
SLUG_MAX_LENGTH = Meeting._meta.get_field("slug").max_length


# The dates a meeting may have: far enough from the calendar's ends for the agenda's clock
# times, in any time zone, to stay on the calendar.
FIRST_MEETING_DATE = datetime.date(1900, 1, 1)
LAST_MEETING_DATE = datetime.date(2999, 12, 31)


def validate_meeting_date(value):
    """Refuse a meeting date outside ``FIRST_MEETING_DATE``–``LAST_MEETING_DATE``."""
    if not FIRST_MEETING_DATE <= value <= LAST_MEETING_DATE:
        raise forms.ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="out_of_range",
            params={
                "first": date_format(FIRST_MEETING_DATE, "DATE_FORMAT"),
                "last": date_format(LAST_MEETING_DATE, "DATE_FORMAT"),
            },
        )


def _helper(submit_label, layout=None):
    helper = FormHelper()
    helper.form_tag = False
    if layout is not None:
        helper.layout = layout
    helper.add_input(Submit("save", submit_label))
    return helper


# The heading of the fields that hold what is said at the podium (the scenario's words).
PODIUM_WORDS = _("Words at the podium")


def _with_podium_words(form, names, *, before=None):
    """Return a layout of ``form``'s fields with ``names`` under the podium heading.

    The other fields keep their order; the group takes the place of the field
    ``before``, or else comes last.
    """
    rest = [name for name in form.fields if name not in names]
    fieldset = Fieldset(PODIUM_WORDS, *names, css_class="podium-words border-top pt-2")
    if before is None:
        return Layout(*rest, fieldset)
    at = rest.index(before)
    return Layout(*rest[:at], fieldset, *rest[at:])


def slug_unique(title, *, exclude_pk=None):
    """Return a web address made from ``title`` that no other meeting has."""
    base = slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "meeting"
    taken = set(
        Meeting.objects.exclude(pk=exclude_pk)
        .filter(slug__startswith=base[: SLUG_MAX_LENGTH - 4])
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    return slug


def meeting_address(slug):
    """Return the path of the meeting page with web address ``slug``."""
    return reverse("agenda:meeting_detail", kwargs={"slug": slug})


class MeetingForm(SafeTextMixin, TranslatedFieldsMixin, VersionedFormMixin, forms.ModelForm):
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=SLUG_MAX_LENGTH,
        required=False,
        help_text=_("Lower-case letters, digits and hyphens, e.g. cidi-digital-education-2027."),
        error_messages={
            "invalid": _("Use only lower-case letters, digits and hyphens, without spaces."),
            "unique": _("Another meeting already has this web address; choose another one."),
        },
    )
    expected_outcomes = forms.CharField(
        label=_("Expected outcomes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One outcome per line, in order."),
    )
    connection_link = forms.URLField(
        label=_("Connection link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to registered participants."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), initial=settings.DEFAULT_MEETING_TIME_ZONE)

    class Meta:
        model = Meeting
        fields = [
            "title",
            "slug",
            "body",
            "kind",
            "status",
            "document_code",
            "date",
            "end_date",
            "start_time",
            "end_time",
            "time_zone",
            "venue",
            "format",
            "connection_link",
            "chair",
            "purpose",
            "background",
            "concept_note",
            "opening_words",
            "closing_words",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "background": forms.Textarea(attrs={"rows": 6}),
            "opening_words": forms.Textarea(attrs={"rows": 4}),
            "closing_words": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self._offer_expected_outcomes()
        else:
            self.fields["version"].required = False
        self.fields["time_zone"].choices = time_zone_choices(self.instance.time_zone)
        self.fields["date"].validators.append(validate_meeting_date)
        self.fields["end_date"].validators.append(validate_meeting_date)
        self.fields["chair"].queryset = Person.objects.order_by(text_as_read("full_name"), "pk")
        self._show_the_address()
        if self.instance.pk and self.instance.has_sessions:
            self._times_from_sessions()
        self.helper = _helper(
            _("Save meeting"), _with_podium_words(self, ["opening_words", "closing_words"])
        )

    def _offer_expected_outcomes(self):
        """Fill the outcomes in this form's language, if each one has a text in it.

        Otherwise the list is shown as readers see it and cannot be changed here: the
        lines in the field would be a mix of languages, and saving them would store the
        fallbacks as this language's texts.
        """
        outcomes = list(self.instance.expected_outcomes.all())
        texts = [text_in(outcome, "text", self.language) for outcome in outcomes]
        field = self.fields["expected_outcomes"]
        if all(text.strip() for text in texts):
            field.initial = "\n".join(texts)
            return
        shown = [
            (self.language, text) if text.strip() else fallback_text(outcome, "text", self.language)
            for outcome, text in zip(outcomes, texts, strict=True)
        ]
        field.disabled = True
        field.widget.attrs["rows"] = 2
        field.help_text = format_html(
            '{}{}<a href="{}">{}</a>',
            _("Not every expected outcome is in this language yet. Readers of this language see:"),
            languages_hint([item for item in shown if item is not None]),
            reverse("agenda:content_languages", kwargs={"slug": self.instance.slug}),
            _("Give the missing ones on the Content languages page"),
        )

    # The fields a meeting with sessions takes from them: shown, never saved by the form.
    TIMES_FROM_SESSIONS = ("start_time", "end_time")

    def _times_from_sessions(self):
        """Show the start time and planned end read-only: the sessions set them."""
        for name in self.TIMES_FROM_SESSIONS:
            field = self.fields[name]
            field.disabled = True
            field.required = False
            field.help_text = _(
                "Set by the meeting's sessions: change the sessions' times in the agenda editor."
            )

    @property
    def service_fields(self):
        """Return the names of the fields whose values go to the service."""
        return [
            name
            for name, field in self.fields.items()
            if not field.disabled and name not in {"version", "expected_outcomes"}
        ]

    def _show_the_address(self):
        """Show under the web address the page address it makes (kept up to date by
        static/js/slug-from-title.js, which also fills it from the title)."""
        field = self.fields["slug"]
        placeholder = "slug-placeholder"
        before, _placeholder, after = meeting_address(placeholder).partition(placeholder)
        field.widget.attrs.update(
            {
                "data-slug-from": self.add_prefix("title"),
                "data-slug-address-prefix": before,
                "data-slug-address-suffix": after,
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        )
        field.help_text = format_html(
            '{} <span class="d-block">{} '
            '<code class="text-break" data-slug-address>{}</code></span>',
            field.help_text,
            _("Address of the meeting page:"),
            before + (self.instance.slug or "…") + after,
        )

    def clean_expected_outcomes(self):
        if self.fields["expected_outcomes"].disabled:
            return None  # unchanged
        return self.cleaned_data["expected_outcomes"]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug:
            return slug
        title = self.cleaned_data.get("title") or self.instance.title
        return slug_unique(title, exclude_pk=self.instance.pk)

    def clean_end_time(self):
        start, end = self.cleaned_data.get("start_time"), self.cleaned_data.get("end_time")
        if self.fields["end_time"].disabled:
            return end
        if start and end and end <= start:
            raise forms.ValidationError(_("The planned end must come after the start."))
        return end

    def clean_end_date(self):
        first, last = self.cleaned_data.get("date"), self.cleaned_data.get("end_date")
        if first and last and last < first:
            raise forms.ValidationError(_("The last day cannot come before the first day."))
        return last

    def clean(self):
        cleaned = super().clean()
        first = cleaned.get("date")
        if not (self.instance.pk and self.instance.has_sessions and first):
            return cleaned
        if "end_date" in self.errors:
            return cleaned
        last = cleaned.get("end_date") or first
        outside = (
            MeetingSession.objects.filter(meeting=self.instance)
            .exclude(date__range=(first, last))
            .order_by("date", "start_time")
        )
        if outside:
            self.add_error(
                "end_date" if cleaned.get("end_date") else "date",
                ngettext(
                    "A session falls outside these days: %(sessions)s. Move it first, or "
                    "keep the meeting's days around it.",
                    "Some sessions fall outside these days: %(sessions)s. Move them first, "
                    "or keep the meeting's days around them.",
                    len(outside),
                )
                % {
                    "sessions": ", ".join(
                        f"“{session.title}” ({date_format(session.date, 'DATE_FORMAT')})"
                        for session in outside
                    )
                },
            )
        return cleaned

    def clean_concept_note(self):
        upload = self.cleaned_data.get("concept_note")
        if upload and hasattr(upload, "content_type"):
            validate_document(upload, allowed=[PDF, DOCX], max_bytes=CONCEPT_NOTE_MAX_BYTES)
        return upload


def session_label(session):
    """Return how a session reads in a choice: its title, day and start time."""
    return _("%(title)s (%(day)s, %(start)s)") % {
        "title": session.title,
        "day": date_format(session.date, "DATE_FORMAT"),
        "start": session.start_time.strftime("%H:%M"),
    }


class SegmentForm(SafeTextMixin, TranslatedFieldsMixin, VersionedFormMixin, forms.ModelForm):
    """A part of the agenda; in a meeting with sessions, also the session it belongs to."""

    class Meta:
        model = Segment
        fields = [
            "session",
            "title",
            "kind",
            "lead",
            "lead_role",
            "allotted_minutes",
            "buffer_minutes",
            "accepts_floor_requests",
            "floor_minutes",
            "description",
            "opening_words",
            "late_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "opening_words": forms.Textarea(attrs={"rows": 3}),
            "late_note": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "allotted_minutes": {
                "min_value": _("An allotment must be at least one minute; leave it empty for none.")
            },
        }

    def __init__(self, *args, meeting=None, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = meeting or (self.instance.meeting if self.instance.meeting_id else None)
        self._offer_sessions(meeting, session)
        self.fields["lead"].queryset = Person.objects.order_by(text_as_read("full_name"), "pk")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["version"].required = False
        self.helper = _helper(
            _("Save part"), _with_podium_words(self, ["opening_words", "late_note"])
        )

    def _offer_sessions(self, meeting, session):
        """Let a part of a meeting with sessions choose its session; others have none.

        ``session`` is the one a new part is added to (its block's "Add a part"); without
        it, a new part goes to the last session, as ``services.segment_create`` does.
        """
        if meeting is None or not meeting.has_sessions:
            del self.fields["session"]
            return
        field = self.fields["session"]
        field.queryset = MeetingSession.objects.filter(meeting=meeting).order_by(
            "date", "start_time", "room", "pk"
        )
        field.label_from_instance = session_label
        field.required = True
        field.empty_label = None
        field.help_text = _(
            "Moved to another session, the part goes to the end of that session's parts."
        )
        if not self.instance.pk and "session" not in self.initial:
            # A new part goes to the session it was added from, else to the last one.
            session = session or field.queryset.last()
            self.initial["session"] = session.pk if session is not None else None


class SessionForm(SafeTextMixin, TranslatedFieldsMixin, VersionedFormMixin, forms.ModelForm):
    """A session of a meeting: its day, times, room, chair and connection link."""

    connection_link = forms.URLField(
        label=_("Connection link"),
        required=False,
        assume_scheme="https",
        help_text=MeetingSession._meta.get_field("connection_link").help_text,
    )

    class Meta:
        model = MeetingSession
        fields = ["title", "date", "start_time", "end_time", "room", "chair", "connection_link"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["chair"].queryset = Person.objects.order_by(text_as_read("full_name"), "pk")
        self.fields["date"].validators.append(validate_meeting_date)
        self.fields["date"].widget.attrs.update(
            {"min": meeting.date.isoformat(), "max": meeting.last_day.isoformat()}
        )
        self.fields["date"].help_text = _("The meeting runs from %(first)s to %(last)s.") % {
            "first": date_format(meeting.date, "DATE_FORMAT"),
            "last": date_format(meeting.last_day, "DATE_FORMAT"),
        }
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["version"].required = False
            if not self.is_bound and "date" not in self.initial:
                self.initial["date"] = meeting.date
        self.helper = _helper(_("Save session"))

    def clean_date(self):
        day = self.cleaned_data["date"]
        if not self.meeting.date <= day <= self.meeting.last_day:
            raise forms.ValidationError(
                _(
                    "The meeting runs from %(first)s to %(last)s: choose a day in between, "
                    "or change the meeting's days first."
                ),
                code="outside_meeting",
                params={
                    "first": date_format(self.meeting.date, "DATE_FORMAT"),
                    "last": date_format(self.meeting.last_day, "DATE_FORMAT"),
                },
            )
        return day

    def clean_end_time(self):
        start, end = self.cleaned_data.get("start_time"), self.cleaned_data.get("end_time")
        if start and end and end <= start:
            raise forms.ValidationError(_("The planned end must come after the start."))
        return end

    @property
    def service_data(self):
        """Return the cleaned values the session services take."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def speaker_language(*, person, representing_state=None):
    """Return the language a speaker takes the floor in unless another is chosen.

    That is the language of the member state the slot represents, else of the person's
    member state (``MemberState.language``: English for Barbados, Portuguese for
    Brazil), else the person's preferred language (a speaker of an organization).
    """
    state = representing_state or person.member_state
    if state is not None:
        return state.language
    return person.preferred_language


class SlotForm(SafeTextMixin, TranslatedFieldsMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = SpeakerSlot
        fields = [
            "segment",
            "person",
            "role",
            "representing_state",
            "representing_organization",
            "speaking_minutes",
            "qa_minutes",
            "status",
            "floor_language",
            "attendance",
            "cue_notes",
            "floor_words",
            "guiding_questions",
        ]
        widgets = {
            "cue_notes": forms.Textarea(attrs={"rows": 2}),
            "floor_words": forms.Textarea(attrs={"rows": 2}),
            "guiding_questions": forms.CheckboxSelectMultiple,
        }
        labels = {"segment": _("Part")}
        help_texts = {"cue_notes": _("Notes for the moderator, not read out (e.g. whom to thank).")}
        error_messages = {
            "person": {"required": _("Choose who speaks in this slot (add the person first).")},
            "speaking_minutes": {
                "min_value": _("Speaking time must be at least one minute."),
                "required": _("Give the speaking time in minutes."),
            },
            "qa_minutes": {"min_value": _("Question time cannot be negative.")},
        }

    def __init__(self, *args, meeting, segment=None, **kwargs):
        super().__init__(*args, **kwargs)
        segment = segment or self.instance.segment
        self.fields["segment"].queryset = meeting.segments.order_by("order")
        self.fields["segment"].initial = segment.pk
        self.fields["person"].queryset = Person.objects.select_related(
            "member_state", "organization"
        ).order_by(text_as_read("full_name"), "pk")
        self.fields["person"].label_from_instance = lambda person: person.choice_label
        self.fields["speaking_minutes"].min_value = 1
        self.fields["speaking_minutes"].widget.attrs["min"] = 1
        self.fields["qa_minutes"].widget.attrs["min"] = 0
        self.fields["guiding_questions"].queryset = GuidingQuestion.objects.filter(segment=segment)
        self.fields["guiding_questions"].required = False
        self.fields["guiding_questions"].label = _("Questions addressed to this slot only")
        self.fields["guiding_questions"].help_text = _(
            "Leave empty when the part's questions go to all its speakers."
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["version"].required = False
            self._offer_the_speakers_language(given=(kwargs.get("initial") or {}))
        self.helper = _helper(
            _("Save slot"),
            _with_podium_words(self, ["cue_notes", "floor_words"], before="guiding_questions"),
        )

    def _offer_the_speakers_language(self, *, given):
        """Let a new slot's floor language be the speaker's unless another is chosen.

        The field starts on "The speaker's language" (empty), which ``clean`` turns into
        the language of the speaker (``speaker_language``), rather than on English for
        everyone. When the speaker is known already (the form given back after adding
        a person), the field shows that language; a language chosen before is kept.
        """
        field = self.fields["floor_language"]
        field.required = False
        field.choices = [
            ("", _("The speaker's language")),
            *[(value, label) for value, label in field.choices if value],
        ]
        field.help_text = _(
            "Left on “The speaker's language”: the language of the member state the slot "
            "represents, else of the speaker's member state, else the speaker's preferred "
            "language."
        )
        chosen = given.get("floor_language") or ""
        person = self._given_record(Person, given.get("person"), "member_state")
        if not chosen and person is not None:
            state = self._given_record(MemberState, given.get("representing_state"))
            chosen = speaker_language(person=person, representing_state=state)
        self.initial["floor_language"] = chosen

    @staticmethod
    def _given_record(model, pk, *related):
        if not str(pk or "").isdigit():
            return None
        return model.objects.select_related(*related).filter(pk=pk).first()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("representing_state") and cleaned.get("representing_organization"):
            raise forms.ValidationError(
                _("A slot represents a member state or an organization, not both.")
            )
        if not cleaned.get("floor_language") and cleaned.get("person"):
            cleaned["floor_language"] = speaker_language(
                person=cleaned["person"], representing_state=cleaned.get("representing_state")
            )
        return cleaned


class QuestionForm(SafeTextMixin, TranslatedFieldsMixin, VersionedFormMixin, forms.ModelForm):
    addressed_slots = forms.ModelMultipleChoiceField(
        label=_("Addressed only to"),
        queryset=SpeakerSlot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to ask every speaker of the part."),
    )

    class Meta:
        model = GuidingQuestion
        fields = ["text"]
        labels = {"text": _("Question")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, segment, instance=None, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        self.fields["addressed_slots"].queryset = segment.slots.select_related(
            "representing_state", "representing_organization", "person"
        )
        if instance is not None:
            self.fields["version"].initial = instance.version
            self.fields["addressed_slots"].initial = list(
                instance.addressed_slots.values_list("pk", flat=True)
            )
        else:
            self.fields["version"].required = False
        self.helper = _helper(_("Save question"))


def neutral_wording_choice(field):
    """Name the empty choice of a person's grammatical gender: neutral wording."""
    field.choices = [
        ("", _("Neutral wording")),
        *[(value, label) for value, label in field.choices if value],
    ]


class PersonForm(SafeTextMixin, TranslatedFieldsMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "protocol_title",
            "full_name",
            "grammatical_gender",
            "position",
            "member_state",
            "organization",
            "email",
            "preferred_language",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        neutral_wording_choice(self.fields["grammatical_gender"])
        self.helper = _helper(_("Save person"))


class DuplicateMeetingForm(SafeTextMixin, forms.Form):
    """The new title, web address and date of a meeting started from another one."""

    title = forms.CharField(label=_("Title"), max_length=400)
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=80,
        help_text=_("Lower-case letters, digits and hyphens, e.g. cidi-digital-education-2027."),
        error_messages={
            "invalid": _("Use only lower-case letters, digits and hyphens, without spaces.")
        },
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_meeting_date],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Create the new meeting"))

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Meeting.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                _("Another meeting already has this web address; choose another one.")
            )
        return slug
