"""Fixtures of the representation tests: the training tests' scene (groups and members in
two districts, one person of each role)."""

import pytest

from tests.training.conftest import Scene, build_scene


@pytest.fixture
def scene(org, places) -> Scene:
    return build_scene(org, places)
