"""Shared fixtures: the real corpus (skips when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from thpl_nlp.settings import get_settings


@pytest.fixture(scope="session")
def corpus() -> Path:
    """Root of the real corpus (THPL_CORPUS, default ../shared/corpus), or skip."""
    root = get_settings().corpus
    if root is None or not Path(root).is_dir():
        pytest.skip("corpus absent: set THPL_CORPUS or place ../shared/corpus")
    return Path(root)
