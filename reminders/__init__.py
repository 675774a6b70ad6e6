"""Reminder rules, the outbox and the sweep that sends due reminders effectively once."""
