"""Reports for people: a comparison of a scenario and its variants (HTML with plots, CSV)."""
