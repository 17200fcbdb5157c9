"""Fixtures of the claims tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today
