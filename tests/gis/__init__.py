"""Tests for the pure geospatial library gis."""
