"""The sign-up form, open only to the holder of a focal point invitation.

Enabled by the ``ACCOUNT_FORMS`` setting ("signup"). The invitation link
(``views.invitation_accept``) puts the invitation in the session; the form shows the
invited address read-only and refuses any other, so a forwarded link cannot create an
account for someone else.
"""

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language
from cidi_meeting.links import emails_match


class InvitationSignupForm(SignupForm):
    """Create the invited focal point's account: name, language and password."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=Language.choices,
        initial=Language.ES,
        help_text=_("Emails and documents are sent to you in this language."),
    )

    field_order = ["email", "full_name", "preferred_language", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = context.request
        self.invitation = None
        if request is not None:
            self.invitation = get_adapter(request).invitation_in_session(request)
        email = self.fields["email"]
        email.label = _("Email address")
        email.widget.attrs.update({"readonly": True, "autocomplete": "email"})
        email.widget.attrs.pop("placeholder", None)
        email.help_text = _("The invitation was sent to this address; you will sign in with it.")
        if self.invitation is not None:
            email.initial = self.invitation.email

    def clean_email(self):
        typed = self.cleaned_data["email"]
        if self.invitation is None:
            raise forms.ValidationError(
                _(
                    "This invitation can no longer be used. Open the link in your most "
                    "recent invitation email again, or ask the secretariat for a new one."
                ),
                code="no_invitation",
            )
        if not emails_match(typed, self.invitation.email):
            raise forms.ValidationError(
                _(
                    "This invitation was sent to %(email)s and can only create an account "
                    "for that address. If it was forwarded to you, ask the secretariat to "
                    "invite your own address."
                ),
                code="other_address",
                params={"email": self.invitation.email},
            )
        return super().clean_email()

    def full_clean(self):
        super().full_clean()
        if self.invitation is not None and "email" in self.errors:
            # The field is read-only: show the invited address again, not what was posted.
            self.data = self.data.copy()
            self.data[self.add_prefix("email")] = self.invitation.email
