"""Akoma Ntoso eIds for the provision tree (see CONTRACT.md).

Articles are numbered through the document, so an article eId never carries its chapter
(``art_5``); clauses and points nest under their article (``art_5__para_2__point_a``).
Sections restart in each chapter, so a section carries its chapter (``chp_II__sec_1``) to
keep eIds unique. Nodes of an attached regulation get the prefix ``att_1__``.

>>> node_eid("point", "a", "art_5__para_2")
'art_5__para_2__point_a'
>>> node_eid("article", "68a", "chp_II", prefix="att_1__")
'att_1__art_68a'
"""

from __future__ import annotations

_TOKENS = {
    "part": "part",
    "chapter": "chp",
    "section": "sec",
    "subsection": "subsec",
    "article": "art",
    "clause": "para",
    "point": "point",
    "paragraph": "subpara",
    "appendix": "appendix",
}

# Kinds whose eId starts afresh (only with the attachment prefix), not under the parent.
_THROUGH = {"part", "chapter", "article", "appendix"}


def node_eid(kind: str, num: str | None, parent_eid: str | None, prefix: str = "") -> str:
    """The eId of a node of ``kind`` numbered ``num`` under ``parent_eid``."""
    label = f"{_TOKENS[kind]}_{num}"
    if kind in _THROUGH or not parent_eid:
        return prefix + label
    return f"{parent_eid}__{label}"


def basis_eid(index: int) -> str:
    """eId of the ``index``-th (0-based) legal basis: ``basis_1``, ``basis_2``…

    >>> basis_eid(0)
    'basis_1'
    """
    return f"basis_{index + 1}"
