"""Fixtures of the agenda tests."""

import pytest

from tests.live.room_time import RoomTime, at


@pytest.fixture
def clock(monkeypatch):
    """The live console's clock, set to 10:00 on the demo meeting's day."""
    room_time = RoomTime(at(10, 0))
    monkeypatch.setattr("live.clock.now", room_time)
    return room_time
