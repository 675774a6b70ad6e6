"""The emails of reminders: subject, plain text, HTML and, for a speaker, the slot's .ics.

Everything is rendered when the message is sent, from the agenda as it is then, in the
recipient's language. A message whose slot, speaker or time has changed since it was
queued is not sent: ``ReminderObsolete`` says why, and the sweep makes an updated one.
"""

import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.calendar import meeting_calendar, session_of, slot_event
from agenda.models import Meeting
from agenda.public_page import sitting_end
from agenda.selectors import agenda_timing, meeting_get_for_agenda, questions_for_slot
from cidi_meeting.labels import time_limit_label
from cidi_meeting.links import absolute_url
from cidi_meeting.templatetags.zones import zone_name
from delegations.models import Delegation
from reminders.models import OutboxMessage, ReminderAnchor, ReminderAudience, ReminderRule
from reminders.recipients import anchor_key_parse, meeting_anchor_time
from speakers.enums import Attendance
from speakers.models import SpeakerInvitation
from speakers.tokens import invitation_url

SUBJECTS = {
    ReminderAnchor.SLOT_START: gettext_lazy("Reminder: you speak on %(date)s – %(meeting)s"),
    ReminderAnchor.MEETING_START: gettext_lazy("Reminder: the meeting on %(date)s – %(meeting)s"),
    ReminderAnchor.REGISTRATION_DEADLINE: gettext_lazy(
        "Reminder: registration closes on %(date)s – %(meeting)s"
    ),
    ReminderAnchor.PRACTICE_DEADLINE: gettext_lazy(
        "Reminder: good practices are due on %(date)s – %(meeting)s"
    ),
    ReminderAnchor.SPEAKER_CONFIRMATION_DEADLINE: gettext_lazy(
        "Reminder: please confirm by %(date)s – %(meeting)s"
    ),
}
# What is due, and when: the first sentence of every reminder, after the meeting's title.
LEADS = {
    ReminderAnchor.SLOT_START: gettext_lazy("You speak on %(date)s at %(time)s (%(zone)s)."),
    ReminderAnchor.MEETING_START: gettext_lazy(
        "The meeting starts on %(date)s at %(time)s (%(zone)s)."
    ),
    ReminderAnchor.REGISTRATION_DEADLINE: gettext_lazy(
        "Registration closes on %(date)s at %(time)s (%(zone)s)."
    ),
    ReminderAnchor.PRACTICE_DEADLINE: gettext_lazy(
        "Good practices can be shared until %(date)s at %(time)s (%(zone)s)."
    ),
    ReminderAnchor.SPEAKER_CONFIRMATION_DEADLINE: gettext_lazy(
        "Speakers are asked to confirm by %(date)s at %(time)s (%(zone)s)."
    ),
}
DELEGATION_NOTES = {
    ReminderAudience.FOCAL_POINTS_UNREGISTERED: gettext_lazy(
        # Translators: of_delegation already holds "of" and the name with its article:
        # "of Panama", "de la República Dominicana", "du Panama", "do México".
        "The registration %(of_delegation)s is not complete yet (%(status)s)."
    ),
    ReminderAudience.FOCAL_POINTS_UNACCREDITED: gettext_lazy(
        "%(delegation)s is not accredited yet (%(status)s)."
    ),
    ReminderAudience.FOCAL_POINTS_ALL: gettext_lazy(
        # Translators: of_delegation already holds "of" and the name with its article.
        "You are the focal point %(of_delegation)s (%(status)s)."
    ),
}
# Delegates are told which delegation registered them; they have no registration page.
DELEGATE_NOTE = gettext_lazy(
    # Translators: of_delegation already holds "of" and the name with its article:
    # "of Panama", "de la República Dominicana", "du Panama", "do México".
    "You are registered as a member of the delegation %(of_delegation)s."
)
SUBJECT_TITLE_CHARS = 60


class ReminderObsolete(Exception):
    """The reminder no longer matches the agenda: it is cancelled, not sent."""


def moment(value, zone):
    """Return the date, the time and the zone's name of ``value`` seen in ``zone``."""
    local = value.astimezone(zone)
    return {
        "date": date_format(local, "DATE_FORMAT"),
        "time": time_format(local, "H:i"),
        "zone": zone_name(str(zone)),
    }


def span_label(start, end, zone):
    """Return "Nov. 17, 2022, 10:00–10:07 (Eastern Time, New York)" in the active language."""
    first = moment(start, zone)
    return _("%(date)s, %(start)s–%(end)s (%(zone)s)") % {
        "date": first["date"],
        "start": first["time"],
        "end": moment(end, zone)["time"],
        "zone": first["zone"],
    }


def recipient_zone(name):
    """Return the ZoneInfo of a person's time zone, or None when unset or unknown."""
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def reminder_subject(*, meeting, anchor, anchor_at, language):
    """Return the subject of a reminder in ``language``, dated in the meeting's time zone."""
    with translation.override(language):
        text = str(SUBJECTS[anchor]) % {
            "date": moment(anchor_at, meeting.tzinfo)["date"],
            "meeting": Truncator(meeting.title).chars(SUBJECT_TITLE_CHARS),
        }
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + text


@dataclass
class MeetingSnapshot:
    """A meeting's agenda with clock times and its delegations, read once per batch."""

    meeting: object
    slots: dict
    delegations: dict
    # A meeting with sessions: each one's clock times, by the session's id.
    sittings: dict = field(default_factory=dict)

    @classmethod
    def load(cls, meeting):
        agenda = meeting_get_for_agenda(slug=meeting.slug, published_only=False)
        timing = agenda_timing(agenda)
        slots = {
            slot_timing.slot.pk: (segment_timing, slot_timing)
            for segment_timing in timing.segments
            for slot_timing in segment_timing.slots
        }
        delegations = Delegation.objects.filter(meeting=meeting).select_related(
            "member_state", "organization"
        )
        return cls(
            meeting=agenda,
            slots=slots,
            delegations={delegation.pk: delegation for delegation in delegations},
            sittings={
                sitting.session.pk: sitting for sitting in timing.sessions if sitting.session.pk
            },
        )


@dataclass
class SlotDetails:
    """What a speaker's reminder says about the slot: ``facts`` are (label, value) rows."""

    facts: list
    zone_note: str
    questions: list = field(default_factory=list)
    connection_link: str = ""


class ReminderRenderer:
    """Build the emails of outbox messages, reading each meeting's data and rule once.

    A message needs neither its meeting nor its rule loaded with it: a batch of messages
    shares those the renderer read for the first one.
    """

    def __init__(self):
        self._snapshots = {}
        self._rules = {}

    def snapshot(self, meeting):
        if meeting.pk not in self._snapshots:
            self._snapshots[meeting.pk] = MeetingSnapshot.load(meeting)
        return self._snapshots[meeting.pk]

    def snapshot_of(self, message):
        """Return the snapshot of the message's meeting, read at the first message."""
        if message.meeting_id in self._snapshots:
            return self._snapshots[message.meeting_id]
        if OutboxMessage._meta.get_field("meeting").is_cached(message):
            return self.snapshot(message.meeting)
        return self.snapshot(Meeting.objects.only("slug").get(pk=message.meeting_id))

    def rule_of(self, message):
        """Return the message's rule (or None), read once for the messages that share it."""
        if message.rule_id is None:
            return None
        if OutboxMessage._meta.get_field("rule").is_cached(message):
            return message.rule
        if message.rule_id not in self._rules:
            self._rules[message.rule_id] = ReminderRule.objects.get(pk=message.rule_id)
        return self._rules[message.rule_id]

    def check(self, message):
        """Return ``(snapshot, anchor ref, slot entry, delegation)`` for a message.

        Raises ReminderObsolete when the slot left the agenda or has another speaker, the
        delegation is gone, or the anchor's time is no longer the message's.
        """
        snapshot = self.snapshot_of(message)
        ref = anchor_key_parse(message.anchor_key)
        entry = delegation = None
        if ref.slot_id is not None:
            entry = snapshot.slots.get(ref.slot_id)
            if entry is None:
                raise ReminderObsolete(_("The slot is no longer on the agenda."))
            email = entry[1].slot.person.email.strip().lower()
            if email != message.recipient_email.strip().lower():
                raise ReminderObsolete(_("The slot has another speaker now."))
        if ref.delegation_id is not None:
            delegation = snapshot.delegations.get(ref.delegation_id)
            if delegation is None:
                raise ReminderObsolete(_("The delegation is no longer part of the meeting."))
        if ref.anchor == ReminderAnchor.SLOT_START:
            current = entry[1].planned_start
        else:
            current = meeting_anchor_time(snapshot.meeting, ref.anchor)
        if current is None:
            raise ReminderObsolete(_("The meeting no longer has this date."))
        if current != message.anchor_at:
            raise ReminderObsolete(
                _("Its time changed before it was sent; the next sweep sends an updated one.")
            )
        return snapshot, ref, entry, delegation

    def build(self, message):
        """Return the message's email, ready to send; raise ReminderObsolete if outdated."""
        snapshot, ref, entry, delegation = self.check(message)
        meeting = snapshot.meeting
        with translation.override(message.language):
            context = self._context(message, meeting, ref, entry, delegation)
            email = EmailMultiAlternatives(
                subject=reminder_subject(
                    meeting=meeting,
                    anchor=ref.anchor,
                    anchor_at=message.anchor_at,
                    language=message.language,
                ),
                body=render_to_string("reminders/email/reminder.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.recipient_email],
                headers={"Content-Language": message.language, "Auto-Submitted": "auto-generated"},
            )
            email.attach_alternative(
                render_to_string("reminders/email/reminder.html", context), "text/html"
            )
            if entry is not None:
                email.attach(
                    f"{meeting.slug}-slot-{entry[1].slot.pk}.ics",
                    self._slot_calendar(meeting, entry).to_ical(),
                    "text/calendar",
                )
        return email

    def _slot_calendar(self, meeting, entry):
        segment_timing, slot_timing = entry
        event = slot_event(
            meeting=meeting,
            segment_timing=segment_timing,
            slot_timing=slot_timing,
            stamp=timezone.now(),
            connection_link=slot_timing.slot.attendance == Attendance.REMOTE,
        )
        return meeting_calendar(meeting=meeting, events=[event])

    def _context(self, message, meeting, ref, entry, delegation):
        rule = self.rule_of(message)
        audience = rule.audience if rule else None
        when = moment(message.anchor_at, meeting.tzinfo)
        notes, links = [], []
        if delegation is not None and audience in DELEGATION_NOTES:
            notes.append(
                str(DELEGATION_NOTES[audience])
                % {
                    "delegation": delegation.name,
                    "of_delegation": delegation.name_of,
                    "status": delegation.get_status_display(),
                }
            )
            links.append(
                (
                    _("Your delegation's registration"),
                    absolute_url(reverse("delegations:registration", args=[delegation.pk])),
                )
            )
            if ref.anchor == ReminderAnchor.PRACTICE_DEADLINE:
                links.append(
                    (
                        _("Your delegation's good practices"),
                        absolute_url(reverse("outcomes:practice_list_own", args=[delegation.pk])),
                    )
                )
        if delegation is not None and audience == ReminderAudience.DELEGATES_REGISTERED:
            notes.append(str(DELEGATE_NOTE) % {"of_delegation": delegation.name_of})
        if audience == ReminderAudience.SPEAKERS_UNCONFIRMED and entry is not None:
            notes.append(_("You have not told us yet whether you will speak."))
            invitation = (
                SpeakerInvitation.objects.filter(
                    slot_id=entry[1].slot.pk,
                    revoked_at__isnull=True,
                    expires_at__gt=timezone.now(),
                )
                .order_by("-created_at")
                .first()
            )
            if invitation is not None:
                links.append((_("Confirm or decline"), invitation_url(invitation=invitation)))
        if audience == ReminderAudience.MODERATOR:
            links.append(
                (
                    _("List of participants"),
                    absolute_url(reverse("delegations:participants", args=[meeting.slug])),
                )
            )
        links.append((_("The meeting's agenda"), absolute_url(meeting.get_absolute_url())))
        return {
            "recipient_name": message.recipient_name,
            "meeting": meeting,
            "lead": str(LEADS[ref.anchor]) % when,
            "notes": notes,
            "slot": self._slot_details(meeting, entry) if entry is not None else None,
            "links": links,
            "secretariat_message": rule.message if rule else "",
        }

    def _slot_details(self, meeting, entry):
        segment_timing, slot_timing = entry
        slot = slot_timing.slot
        own_zone = recipient_zone(slot.person.time_zone)
        meeting_time = span_label(
            slot_timing.planned_start, slot_timing.planned_end, meeting.tzinfo
        )
        if own_zone is None:
            own_time = ""
            zone_note = _(
                "We do not know your time zone: the times are in the meeting's, %(zone)s."
            ) % {"zone": zone_name(meeting.time_zone)}
        elif str(own_zone) == meeting.time_zone:
            own_time = ""
            zone_note = _("The meeting's time zone, %(zone)s, is also yours.") % {
                "zone": zone_name(meeting.time_zone)
            }
        else:
            own_time = span_label(slot_timing.planned_start, slot_timing.planned_end, own_zone)
            zone_note = ""
        session = session_of(meeting, segment_timing.segment)
        facts = [
            *self._session_facts(meeting, session),
            (_("Part of the meeting"), segment_timing.segment.title),
            (_("On behalf of"), slot.representing_label),
            (_("Your time"), meeting_time),
            (_("In your time zone"), own_time),
            (_("Time limit"), time_limit_label(slot)),
        ]
        is_remote = slot.attendance == Attendance.REMOTE
        return SlotDetails(
            facts=[(label, value) for label, value in facts if value],
            zone_note=zone_note,
            questions=[
                question.text
                for question in questions_for_slot(slot=slot, segment_timing=segment_timing)
            ],
            connection_link=(
                ((session.connection_link if session else "") or meeting.connection_link)
                if is_remote
                else ""
            ),
        )

    def _session_facts(self, meeting, session):
        """Return the rows that say which session a slot is in: its day, times and room.

        None in a meeting without sessions: its date and place are the meeting's own.
        """
        if session is None:
            return []
        snapshot = self.snapshot(meeting)
        sitting = snapshot.sittings.get(session.pk)
        end = sitting_end(sitting) if sitting is not None else session.ends_at
        when = (
            span_label(session.starts_at, end, meeting.tzinfo)
            if end is not None
            else _("%(date)s, %(time)s (%(zone)s)") % moment(session.starts_at, meeting.tzinfo)
        )
        return [
            (_("Session"), _("%(session)s, %(when)s") % {"session": session.title, "when": when}),
            (_("Room"), session.room),
        ]
