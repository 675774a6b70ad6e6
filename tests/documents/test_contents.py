"""The list of participants, the compendium and the summary, read back from the PDF."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agenda.models import ExpectedOutcome
from delegations.enums import DelegationStatus, MemberRole
from delegations.models import Delegation, DelegationMember
from delegations.selectors import meeting_delegations
from documents import selectors, services
from outcomes.enums import CooperationKind, MatchStatus, PracticeStatus
from outcomes.models import (
    CooperationItem,
    CooperationMatch,
    GoodPractice,
    OutcomeRecord,
    SdgTarget,
)
from speakers.enums import Attendance
from tests.agenda.test_views import build_agenda
from tests.delegations.factories import DelegationFactory, member_states
from tests.documents.conftest import in_order, pdf_reader, pdf_text, render
from tests.factories import MeetingFactory
from tests.outcomes.factories import GoodPracticeFactory


def register_members(meeting):
    """Give the demo delegations credentials dates and members in protocol order."""
    presented = timezone.now() - datetime.timedelta(days=10)
    for days, iso2 in enumerate(["UY", "MX", "PA"]):
        Delegation.objects.filter(meeting=meeting, member_state__iso2=iso2).update(
            credentials_presented_at=presented + datetime.timedelta(days=days),
            status=DelegationStatus.ACCREDITED,
        )
    uruguay = Delegation.objects.get(meeting=meeting, member_state__iso2="UY")
    # Created out of protocol order on purpose: the list follows ``order``.
    DelegationMember.objects.create(
        delegation=uruguay, order=2, full_name="Beatriz Alternate", role=MemberRole.ALTERNATE
    )
    DelegationMember.objects.create(
        delegation=uruguay,
        order=1,
        protocol_title="H.E.",
        full_name="Álvaro Núñez",
        position="Minister of Social Development",
        role=MemberRole.HEAD,
    )
    DelegationMember.objects.create(
        delegation=uruguay,
        order=3,
        full_name="Carla Remote",
        role=MemberRole.ADVISER,
        attendance=Attendance.REMOTE,
    )


def test_participants_follow_the_order_of_precedence(demo_meeting):
    register_members(demo_meeting)
    expected = [delegation.name for delegation in meeting_delegations(meeting=demo_meeting)]

    pdf, _version = render(demo_meeting, "participants")
    text = " ".join(pdf_text(pdf.data).split())

    assert expected == ["Uruguay", "Mexico", "Panama", "Barbados", "Dominican Republic"]
    headings = [f"{rank}. {name} · Member state" for rank, name in enumerate(expected, 1)]
    assert -1 not in in_order(text, headings)
    assert -1 not in in_order(text, ["H.E. Álvaro Núñez", "Beatriz Alternate", "Carla Remote"])
    assert "Head of delegation / principal representative" in text
    assert "5 delegations, 3 members (2 in the room, 1 remote)." in text
    assert "Order of precedence: By date of presentation of credentials." in text
    assert "No member registered." in text


def test_spanish_participants_list_uses_the_oas_spanish_names(demo_meeting):
    register_members(demo_meeting)

    pdf, _version = render(demo_meeting, "participants", language="es")
    text = pdf_text(pdf.data)

    assert -1 not in in_order(text, ["1. Uruguay", "2. México", "3. Panamá"])
    assert "República Dominicana" in text


def test_compendium_lists_the_published_practices_with_facets_and_contents(demo_meeting):
    care = GoodPractice.objects.get(meeting=demo_meeting, title__startswith="A national")
    care.sdg_targets.set(SdgTarget.objects.filter(code="1.3"))
    draft = GoodPractice.objects.create(
        meeting=demo_meeting,
        delegation=care.delegation,
        title="An unpublished draft",
        status=PracticeStatus.DRAFT,
    )

    pdf, _version = render(demo_meeting, "good-practices")
    text = pdf_text(pdf.data)
    flat = " ".join(text.split())

    assert pdf_reader(pdf.data).metadata.title.startswith("Compendium of good practices:")
    assert draft.title not in text
    # Contents with page numbers (leaders end on the practice's page), then the entries.
    assert "Contents" in text
    assert -1 not in in_order(
        flat,
        [
            "1. Social registry and emergency transfers in the pandemic — Dominican Republic",
            "2. Conditional transfers for families in extreme poverty — Panama",
            "3. A national integrated care system — Uruguay",
            "1. Social registry and emergency transfers in the pandemic",
        ],
    )
    assert "Care services" in flat
    assert "Women" in flat
    assert "1.3 " in flat
    assert "Demo summary for the portal, not an official description." in flat
    contents = text.split("Contents", 1)[1].split("1. Social registry", 2)[1]
    assert contents.split("\n")[0].rstrip().endswith(" 2")


def test_summary_shows_outcomes_their_support_participation_and_charts(demo_meeting):
    register_members(demo_meeting)
    expected = demo_meeting.expected_outcomes.order_by("order").first()
    record = OutcomeRecord.objects.create(
        expected_outcome=expected,
        priorities="<p>Close the coverage gaps of informal workers.</p>",
        conclusions="<p>Care systems are a priority of the region.</p>",
    )
    practice = GoodPractice.objects.get(meeting=demo_meeting, title__startswith="A national")
    record.practices.add(practice)
    offer = CooperationItem.objects.get(meeting=demo_meeting, kind=CooperationKind.OFFER)
    need = CooperationItem.objects.get(meeting=demo_meeting, kind=CooperationKind.NEED)
    record.matches.add(
        CooperationMatch.objects.create(offer=offer, need=need, status=MatchStatus.AGREED)
    )

    pdf, _version = render(demo_meeting, "summary")
    flat = " ".join(pdf_text(pdf.data).split())

    assert "Close the coverage gaps of informal workers." in flat
    assert "Care systems are a priority of the region." in flat
    assert "A national integrated care system (Uruguay)" in flat
    # Compared without spaces: text extraction splits some kerned pairs ("T echnical").
    assert (
        "Designinganationalcaresystem:experienceofUruguay(Uruguay)forTechnical"
        "assistancetocostacaresystem(Panama):Agreed"
    ) in flat.replace(" ", "")
    assert "Nothing recorded yet." in flat
    assert "5 delegations 3 accredited 3 members registered 2 in the room 1 remote" in flat
    assert "3 good practices published for this meeting." in flat
    assert "Practices by instrument" in flat
    assert "Practices by target group" in flat
    # The table under each chart gives its figures as text.
    assert "Women 2" in flat
    assert "People in poverty 2" in flat or "poverty 2" in flat


def count_content_queries(meeting, kind):
    with CaptureQueriesContext(connection) as queries:
        services.document_content(meeting=meeting, kind=kind, language="en")
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["run-of-show", "participants", "good-practices", "summary"])
def test_document_content_runs_the_same_queries_for_small_and_large_meetings(kind):
    small, large = MeetingFactory(), MeetingFactory()
    for meeting, size in [(small, 1), (large, 6)]:
        build_agenda(meeting, segments=size, slots_per_segment=size)
        for state in member_states(size):
            delegation = DelegationFactory(meeting=meeting, member_state=state)
            DelegationMember.objects.create(
                delegation=delegation, full_name="A member", role=MemberRole.HEAD
            )
            GoodPracticeFactory(delegation=delegation)
        for order in range(size):
            expected = ExpectedOutcome.objects.create(meeting=meeting, order=order, text="x")
            record = OutcomeRecord.objects.create(expected_outcome=expected)
            record.practices.set(GoodPractice.objects.filter(meeting=meeting))

    assert count_content_queries(small, kind) == count_content_queries(large, kind)


def test_compendium_prints_a_period_with_only_an_end_year_as_the_web_page_does(demo_meeting):
    """A practice known only to have ended in 2010 read "Until 2010" on the web page and
    printed nothing in the PDF; both now say the same."""
    practice = GoodPractice.objects.get(meeting=demo_meeting, title__startswith="A national")
    practice.period_start, practice.period_end = None, 2010
    practice.save()

    pdf, _version = render(demo_meeting, "good-practices")

    assert practice.period_label == "Until 2010"
    assert "Until 2010" in " ".join(pdf_text(pdf.data).split())


def counted(entries, facet):
    """Return ``{label: entries with it}`` of a facet of the compendium's entries."""
    counts = {}
    for entry in entries:
        for label in entry[facet]:
            counts[label] = counts.get(label, 0) + 1
    return counts


def test_summary_counts_practices_by_facet_without_building_the_compendium(
    demo_meeting, monkeypatch
):
    from documents.kinds import good_practices, summary

    draft = GoodPractice.objects.filter(meeting=demo_meeting).first()
    GoodPracticeFactory(delegation=draft.delegation, status=PracticeStatus.DRAFT)
    published = selectors.published_practices(meeting=demo_meeting)
    entries = good_practices.compendium_entries(published)
    built = []
    real = good_practices.practice_entry
    monkeypatch.setattr(
        good_practices, "practice_entry", lambda practice: built.append(practice) or real(practice)
    )

    content = services.document_content(meeting=demo_meeting, kind="summary", language="en")

    # A compendium entry per practice (texts, budget, links) only to count its facets
    # cost more than the rest of the summary at hundreds of practices.
    assert built == []
    assert content["practice_count"] == len(entries) == 3
    assert content["by_instrument"] == summary.bar_chart(counted(entries, "instruments"))
    assert content["by_target_group"] == summary.bar_chart(counted(entries, "target_groups"))
    assert [bar["count"] for bar in content["by_target_group"]["bars"]][:1] == [2]
