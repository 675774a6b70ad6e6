from allauth.account.signals import password_reset
from django.dispatch import receiver

from accounts.services import email_mark_verified_after_reset


@receiver(password_reset)
def verify_email_on_password_reset(sender, request, user, **kwargs):
    email_mark_verified_after_reset(user=user)
