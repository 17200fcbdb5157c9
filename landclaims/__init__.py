"""landclaims: khas land claims, court cases and allocations with GIS."""
