"""Documents built by hand for the review tests: "Điều N." lines become articles, "1." lines
inside them clauses."""

from __future__ import annotations

import datetime as dt
import re

from thpl_nlp.models import LegalDocument, Provision, RawText

ISSUED, EFFECTIVE = dt.date(2021, 3, 1), dt.date(2021, 3, 11)


def make_doc(body: str, *, issuer="Ủy ban nhân dân tỉnh Hà Nam", number="5/2021/QĐ-UBND",
             issued=ISSUED, effective=EFFECTIVE, doc_type="Quyết định",
             bases_=(), effect_clause=None, title="Quy định") -> LegalDocument:
    """Articles "Điều N." of ``body`` become art_N provisions (clauses "1." inside)."""
    provs = []
    arts = list(re.finditer(r"^Điều (\d+)\.", body, re.M))
    for i, m in enumerate(arts):
        end = arts[i + 1].start() if i + 1 < len(arts) else len(body)
        art = Provision(f"art_{m[1]}", "article", m[1], m.start(), end)
        paras = list(re.finditer(r"^(\d+)\. ", body[m.start():end], re.M))
        for j, pm in enumerate(paras):
            ps = m.start() + pm.start()
            pe = m.start() + paras[j + 1].start() if j + 1 < len(paras) else end
            art.children.append(Provision(f"art_{m[1]}__para_{pm[1]}", "clause", pm[1], ps, pe))
        provs.append(art)
    return LegalDocument("t.txt", RawText("t.txt", body, "txt"), number=number,
                         doc_type=doc_type, issuer=issuer, issued_on=issued,
                         effective_on=effective, title=title, provisions=provs,
                         bases=list(bases_), effect_clause=effect_clause)
