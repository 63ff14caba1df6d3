"""The ``structure`` stage: :class:`RawText` → :class:`LegalDocument`.

Header metadata, legal bases, the provision tree with Akoma Ntoso eIds and exact offsets,
the closing block and attachments; exports to Akoma Ntoso XML and a readable outline.

>>> from thpl_nlp.models import RawText
>>> doc = parse_raw(RawText(source="a.txt", fmt="txt",
...     text="NGHỊ QUYẾT\\nVề thử nghiệm\\nĐiều 1. Phạm vi\\n1. Khoản một."))
>>> [p.eid for p in doc.iter_provisions()]
['art_1', 'art_1__para_1']
"""

from thpl_nlp.structure.document import parse_raw

__all__ = ["parse_raw"]
