"""Fixtures of the representation tests: the training tests' scene (groups and members in
two districts, one person of each role)."""

from tests.training.conftest import scene  # noqa: F401
