"""Deontic modality of a clause: prohibition (``nghiêm cấm``, ``không được``), obligation
(``phải``, ``có trách nhiệm``), right (``có quyền``) or permission (``được phép``). Cues are
listed in ``resources/legal_vocab.yaml``; the strongest cue of a clause decides its label."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from thpl_nlp.nlp.extract.base import Span
from thpl_nlp.nlp.vocab import VOCAB, alternation

_M = VOCAB.raw["modality"]
KINDS = ("prohibition", "obligation", "right", "permission")

MODALITY_RE = re.compile(
    rf"""
    (?<![\w])
    (?:
        (?P<negated_obligation>(?i:{alternation(_M["negated_obligation"])}))  # "không phải"
    |   (?P<prohibition>(?i:{alternation(_M["prohibition"])}))   # "nghiêm cấm", "không được"
    |   (?P<obligation>(?i:{alternation(_M["obligation"])}))     # "phải", "có trách nhiệm"
    |   (?P<right>(?i:{alternation(_M["right"])}))               # "có quyền"
    |   (?P<permission>(?i:{alternation(_M["permission"])}))     # "được phép"
    )
    (?![\w])
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class ModalityCue(Span):
    kind: str = "obligation"


@dataclass(slots=True)
class ClauseModality:
    """The modality of one clause: ``label`` (a kind or ``"none"``) and the cues found."""

    label: str = "none"
    cues: list[ModalityCue] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "cues": [c.to_dict() for c in self.cues]}


def extract_modality_cues(text: str) -> Iterator[ModalityCue]:
    """Every deontic cue in ``text`` ("không phải" is reported as ``permission``).

    >>> [c.kind for c in extract_modality_cues("Tổ chức phải nộp hồ sơ; không được thu thêm")]
    ['obligation', 'prohibition']
    """
    if not text:
        return
    for m in MODALITY_RE.finditer(text):
        kind = m.lastgroup or "obligation"
        if kind == "negated_obligation":
            kind = "permission"
        yield ModalityCue(m.start(), m.end(), m.group(0), kind=kind)


def clause_modality(text: str) -> ClauseModality:
    """The deontic label of a clause: the strongest of its cues.

    >>> clause_modality("Nghiêm cấm lợi dụng việc cấp phép để trục lợi.").label
    'prohibition'
    >>> clause_modality("Chủ đầu tư có quyền khiếu nại.").label
    'right'
    """
    cues = list(extract_modality_cues(text))
    label = min((c.kind for c in cues), key=KINDS.index, default="none")
    return ClauseModality(label, cues)
