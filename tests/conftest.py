"""Test settings shared by the suite."""
from hypothesis import settings

# Timing is measured by benchmarks, not by tests: a slow first call (loading a table) must not fail a property.
settings.register_profile("perfbooks", deadline=None)
settings.load_profile("perfbooks")
