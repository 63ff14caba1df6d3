"""Administrative-procedure cues: ``hồ sơ gồm``, ``thành phần hồ sơ``, ``điều kiện``,
``thời hạn giải quyết``, ``phí``, ``lệ phí``, ``trình tự thực hiện``… (phrases in
``resources/legal_vocab.yaml``). Review rules use them to find provisions that set
dossier components, conditions, deadlines or fees."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from thpl_nlp.nlp.extract.base import Span
from thpl_nlp.nlp.vocab import VOCAB, alternation, first_chars

_P = VOCAB.raw["procedure"]
_GROUPS = "\n    |   ".join(
    f"(?P<{kind}>(?i:{alternation(phrases)}))" for kind, phrases in _P.items()
)

_FIRST = first_chars([w for phrases in _P.values() for w in phrases])

PROCEDURE_RE = re.compile(
    rf"""
    (?<![\w])
    (?=[{_FIRST}])     # the first letter of some cue (fast skip)
    (?:
        {_GROUPS}      # one named group per kind of cue (dossier, fee, deadline …)
    )
    (?![\w])
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class ProcedureCue(Span):
    """A cue of an administrative procedure; ``kind`` is a key of the ``procedure`` vocabulary
    (``dossier``, ``dossier_components``, ``forms``, ``conditions``, ``deadline``, ``fee``,
    ``charge``, ``steps``, ``agency``, ``result``)."""

    kind: str = "dossier"


def extract_procedure_cues(text: str) -> Iterator[ProcedureCue]:
    """Every procedure cue in ``text``.

    >>> [c.kind for c in extract_procedure_cues("Hồ sơ gồm: đơn đề nghị; lệ phí: 100.000 đồng")]
    ['dossier', 'forms', 'charge']
    """
    if not text:
        return
    for m in PROCEDURE_RE.finditer(text):
        yield ProcedureCue(m.start(), m.end(), m.group(0), kind=m.lastgroup or "dossier")
