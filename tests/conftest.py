"""Test settings shared by the suite."""

from hypothesis import settings

# Timing is measured by benchmarks, not by tests: a slow first call (loading a table) must not fail
# a property.
settings.register_profile("perfbooks", deadline=None)
settings.load_profile("perfbooks")

import pytest  # noqa: E402
from stores import BACKENDS  # noqa: E402
from stores import store_url as _store_url  # noqa: E402


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """An empty store URL, once on DuckDB and once on PostgreSQL (skipped when no server is
    configured)."""
    yield from _store_url(request.param, tmp_path)
