"""The ``>>>`` examples in the queue's public docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "thpl_nlp.queue.store",
    "thpl_nlp.queue.service",
    "thpl_nlp.queue.auth",
    "thpl_nlp.queue.backup",
    "thpl_nlp.queue.cli",
    "thpl_nlp.queue.web.app",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, thpl_home):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
