"""The live console: a speaking clock tied to each slot, room displays, planned-vs-actual.

The moderator, chair or secretariat press controls on the console (``services``); every
press locks the meeting's ``RoomClock`` row, records actual times on the slot, bumps the
clock's revision and logs a ``ClockEvent``. Consoles and room displays poll a small JSON
state (``snapshot``) twice a second and draw the countdown from the server's clock.
"""
