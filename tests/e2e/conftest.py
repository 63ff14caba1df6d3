"""Browser tests: real headless Chromium (Debian package) driven by Playwright."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: drives the web app in a real headless browser")
