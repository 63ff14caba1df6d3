"""Knowledge base of higher-level law: documents, provisions, relations, validity over time,
name-only citation resolution, provision search and the reverse citation index.

>>> from thpl_nlp.kb import KnowledgeBase          # doctest: +SKIP
>>> KnowledgeBase.open().status("11/2003/QH11").replaced_by   # doctest: +SKIP
['77/2015/QH13']
"""

from thpl_nlp.kb.api import KnowledgeBase
from thpl_nlp.kb.validity import Status

__all__ = ["Hit", "KnowledgeBase", "Status"]


def __getattr__(name: str):  # noqa: ANN202 - lazy: search pulls numpy/scipy/sklearn
    if name == "Hit":
        from thpl_nlp.kb.search import Hit

        return Hit
    raise AttributeError(name)
