"""The rich-text widget: typed text without JavaScript, HTML for the editor, both kept."""

import re

from django.test import Client

from accounts.models import User
from agenda.models import ExpectedOutcome
from cidi_meeting.richtext import RichTextarea
from outcomes.cooperation.forms import CooperationItemForm
from outcomes.enums import PracticeStatus
from outcomes.forms import OutcomeRecordForm, PracticeForm
from outcomes.models import GoodPractice
from tests.outcomes.factories import GoodPracticeFactory, delegation_of
from tests.outcomes.test_cooperation import add_url, item_data
from tests.outcomes.test_practice_text_round_trip import textarea
from tests.outcomes.test_practices import practice_data

STORED = (
    "<p>Women <strong>own</strong> the plots, see "
    '<a href="https://www.gob.mx" rel="noopener noreferrer nofollow">the report</a>.</p>'
    "<ul><li>paid <em>monthly</em></li><li>trained</li></ul>"
)
EDITOR_OUTPUT = "<p>Written in the <strong>editor</strong></p><ol><li>one</li><li>two</li></ol>"


def signed_in(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def editor_html(page, name):
    pattern = (
        rf'<textarea name="{name}".*?</textarea><template data-rich-text-html>(.*?)</template>'
    )
    return re.search(pattern, page, re.DOTALL).group(1)


def test_every_long_text_uses_the_rich_text_widget():
    widgets = [
        PracticeForm.base_fields["description"].widget,
        PracticeForm.base_fields["gender_notes"].widget,
        OutcomeRecordForm.base_fields["conclusions"].widget,
        CooperationItemForm.base_fields["description"].widget,
    ]

    assert all(isinstance(widget, RichTextarea) for widget in widgets)
    assert PracticeForm.base_fields["description"].widget.attrs["rows"] == 6


def test_the_edit_page_gives_typed_text_to_the_text_area_and_html_to_the_editor(
    demo_meeting,
):
    practice = GoodPracticeFactory(
        delegation=delegation_of(demo_meeting, "MX"),
        status=PracticeStatus.DRAFT,
        description=STORED,
    )

    page = signed_in("focal.mx@example.org").get(f"/practices/{practice.pk}/edit/")

    content = page.content.decode()
    assert textarea(content, "description") == (
        "Women **own** the plots, see [the report](https://www.gob.mx).\n\n"
        "- paid *monthly*\n- trained"
    )
    assert editor_html(content, "description") == STORED
    assert 'data-label-bold="Bold (Ctrl+B)"' in content
    assert 'data-label-bullet="Bulleted list"' in content
    assert "Ctrl+I: italic" in content


def test_the_page_loads_the_editor_and_pages_without_long_texts_do_not(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    focal = signed_in("focal.mx@example.org")

    form_page = focal.get(f"/delegations/{mexico.pk}/practices/new/").content.decode()
    list_page = focal.get(f"/delegations/{mexico.pk}/practices/").content.decode()

    for page, expected in ((form_page, True), (list_page, False)):
        assert ('src="/static/vendor/quill/quill.js"' in page) is expected
        assert ('src="/static/js/rich-text.js"' in page) is expected
        assert ('href="/static/vendor/quill/quill.snow.css"' in page) is expected
    # The scripts come after the form, at the end of the page.
    assert form_page.index('src="/static/js/rich-text.js"') > form_page.index('name="description"')


def test_html_from_the_editor_is_stored_sanitized(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")

    signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/",
        practice_data(description=EDITOR_OUTPUT + '<p onclick="x()">more</p><script>x</script>'),
    )

    practice = GoodPractice.objects.get(delegation=mexico)
    assert practice.description == EDITOR_OUTPUT + "<p>more</p>"


def test_after_an_error_the_editor_gets_back_the_html_that_was_posted(demo_meeting):
    mexico = delegation_of(demo_meeting, "MX")
    posted = EDITOR_OUTPUT + "<script>x</script>"

    response = signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/",
        practice_data(title="", description=posted),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert editor_html(page, "description") == EDITOR_OUTPUT
    assert textarea(page, "description") == posted


def test_after_an_error_typed_text_comes_back_exactly_and_the_editor_gets_its_html(
    demo_meeting,
):
    mexico = delegation_of(demo_meeting, "MX")
    typed = "First line\nsecond line\n\n- **one**\n- two"

    response = signed_in("focal.mx@example.org").post(
        f"/delegations/{mexico.pk}/practices/new/", practice_data(title="", description=typed)
    )

    page = response.content.decode()
    assert textarea(page, "description") == typed
    assert editor_html(page, "description") == (
        "<p>First line<br>second line</p>\n\n<ul><li><strong>one</strong></li><li>two</li></ul>"
    )


def test_an_invalid_long_text_marks_the_editor_invalid_too(demo_meeting):
    panama = delegation_of(demo_meeting, "PA")

    response = signed_in("focal.pa@example.org").post(
        add_url(panama, "need"), item_data("need-", description="x" * 6000)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert '<div class="rich-text is-invalid" data-rich-text' in page
    assert 'src="/static/js/rich-text.js"' in page


def test_the_outcome_form_loads_the_editor_once_at_the_end(demo_meeting):
    expected = ExpectedOutcome.objects.filter(meeting=demo_meeting).first()

    page = signed_in("secretariat@example.org").get(
        f"/secretariat/meetings/{demo_meeting.slug}/outcomes/{expected.pk}/"
    )

    content = page.content.decode()
    assert content.count('src="/static/js/rich-text.js"') == 1
    assert content.count('href="/static/vendor/quill/quill.snow.css"') == 1
    assert content.index('src="/static/js/rich-text.js"') > content.index('name="conclusions"')
    assert '<div class="rich-text" data-rich-text' in content
