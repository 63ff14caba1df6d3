"""Import underthesea without letting it reconfigure the host's logging.

``underthesea.utils`` runs ``logging.config.dictConfig`` at import time. That closes every
existing handler (Prefect's API log handler among them) and sends underthesea's own messages
to stdout, which must carry only JSON Lines. Inside a Prefect task thread it even deadlocks:
dictConfig holds the logging lock while Prefect's handler waits for its event worker. So the
first import goes through :func:`load`, which skips that one call; underthesea's logger then
propagates to the host's handlers like any library logger.

>>> load().word_tokenize("Ủy ban nhân dân tỉnh")  # doctest: +SKIP
['Ủy ban', 'nhân dân', 'tỉnh']
"""

from __future__ import annotations

import logging.config
import sys
import threading
from types import ModuleType

_LOCK = threading.Lock()


def load() -> ModuleType:
    """The ``underthesea`` module, imported once with the host's logging left alone."""
    module = sys.modules.get("underthesea")
    if module is not None:
        return module
    with _LOCK:
        if "underthesea" in sys.modules:
            return sys.modules["underthesea"]
        original = logging.config.dictConfig
        logging.config.dictConfig = lambda config: None  # underthesea's import-time config only
        try:
            import underthesea
        finally:
            logging.config.dictConfig = original
        return underthesea
