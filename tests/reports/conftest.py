"""Fixtures for the report tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sample_report_home(sample_home) -> Path:
    """The session's sample home (tests/conftest.py): each week's report is already written. Read only."""
    return sample_home[0]
