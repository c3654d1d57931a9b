"""pipeline.location.parse_location: a location string into city, USPS state, ZIP and remote."""

from __future__ import annotations

import pytest

from pipeline.location import parse_location


@pytest.mark.parametrize("text, city, state, postal_code, remote", [
    ("Tulsa, OK 74103", "Tulsa", "OK", "74103", False),
    ("Austin, Texas", "Austin", "TX", None, False),
    ("Boston, MA, United States", "Boston", "MA", None, False),
    ("Hybrid: Denver, CO", "Denver", "CO", None, False),
    ("San Antonio, TX; Remote", "San Antonio", "TX", None, True),
    ("Remote - US", None, None, None, True),
    ("Chicago IL", "Chicago", "IL", None, False),
    ("Washington, DC 20001-1234", "Washington", "DC", "20001", False),
    ("Toronto, Ontario", None, None, None, None),
    ("", None, None, None, None),
])
def test_location_strings_give_city_state_zip_and_remote(text, city, state, postal_code, remote):
    assert parse_location(text) == {"city": city, "state": state, "postal_code": postal_code, "remote": remote}
