"""Scenario files: the pydantic schema, the YAML loader, variants, and the compiler to `Rules`."""
