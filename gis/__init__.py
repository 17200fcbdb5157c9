"""Pure geospatial helpers for landclaims: units, CRS, geometry checks. No Django here."""
