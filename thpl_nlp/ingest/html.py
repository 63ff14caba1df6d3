"""HTML reader (lxml) for vbpl.vn-style document pages and saved Word HTML.

The document body is taken from the first known content container (vbpl.vn ``#toanvancontent``,
``.fulltext``, ``#divContentDoc``, ``article``, ``main``…) or else from the element whose
paragraphs hold the most text; menus, scripts, styles, forms, headers/footers and elements
whose id/class names a menu, breadcrumb, sidebar or banner are dropped. Block elements
(``p``, ``div``, ``h1``–``h6``, ``li``, ``br``) become lines; tables go through
:func:`thpl_nlp.ingest.text.table_lines` (layout tables column by column, data tables as
:class:`~thpl_nlp.models.Table`).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "vb.html"
>>> _ = p.write_text("<html><body><nav>Trang chủ | Tin tức</nav><div id='toanvancontent'>"
...                  "<p>QUYẾT ĐỊNH</p><p>Điều 1. Phạm vi</p></div><script>x=1</script>"
...                  "</body></html>", encoding="utf-8")
>>> read_html(p).text
'QUYẾT ĐỊNH\\nĐiều 1. Phạm vi'
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from thpl_nlp.errors import ThplError, warning
from thpl_nlp.ingest.normalise import clean_text_counted, match_fold
from thpl_nlp.ingest.text import decode_bytes, table_lines
from thpl_nlp.models import RawText, Table

_CONTENT_SELECTORS = (
    "#toanvancontent",
    "#divContentDoc",
    ".fulltext",
    ".content1",
    "#content-doc",
    ".toanvan",
    "article",
    "main",
    ".WordSection1",
)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "form",
    "iframe",
    "button",
    "select",
    "header",
    "footer",
    "aside",
    "svg",
    "template",
)
# id/class names of page chrome.
_CHROME_RE = re.compile(
    r"""
    (?:^|[\s_-])(?P<name>menu|nav|navbar|breadcrumbs?|sidebar|banner|footer|header
      |social|share|login|search|advert|ads?|cookie|popup|toolbar|tabs?)(?:$|[\s_-])
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "section",
    "blockquote",
    "pre",
    "tr",
    "center",
    "article",
    "main",
    "body",
    "ul",
    "ol",
}


def _drop_chrome(root: etree._Element) -> None:
    for el in list(root.iter(*_DROP_TAGS)):
        el.drop_tree()
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        names = f"{el.get('id', '')} {el.get('class', '')}"
        if names.strip() and _CHROME_RE.search(names) and el.getparent() is not None:
            if el.tag in ("body", "html"):
                continue
            el.drop_tree()


def _xpath(selector: str) -> str:
    """The XPath of a simple selector: ``#id``, ``.class`` or a tag name."""
    if selector.startswith("#"):
        return f"//*[@id='{selector[1:]}']"
    if selector.startswith("."):
        return f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {selector[1:]} ')]"
    return f"//{selector}"


def _container(root: etree._Element) -> etree._Element:
    for sel in _CONTENT_SELECTORS:
        found = root.xpath(_xpath(sel))
        if found and len(found[0].text_content().strip()) > 200:
            return found[0]
    # The element whose direct paragraph children hold the most text.
    best, best_len = None, 0
    for el in root.iter("div", "td", "section", "article", "body"):
        length = sum(len(p.text_content()) for p in el if getattr(p, "tag", None) == "p")
        if length > best_len:
            best, best_len = el, length
    body = root.find(".//body")
    return best if best is not None and best_len > 200 else (body if body is not None else root)


def read_html(path: str | Path, *, source: str | None = None) -> RawText:
    """Read an HTML page into :class:`RawText` (see the module docstring)."""
    path = Path(path)
    source = source if source is not None else str(path)
    text, warnings = decode_bytes(path.read_bytes(), source)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ThplError("E102", source, f" (HTML hỏng: {exc})") from exc
    _drop_chrome(root)
    content = _container(root)
    lines: list[str] = []
    tables: list[Table] = []
    pos = 0
    replaced = 0
    buf: list[str] = []

    def flush() -> None:
        nonlocal pos, replaced
        joined = "".join(buf)
        buf.clear()
        for piece in joined.split("\n"):
            cleaned, n_rep = clean_text_counted(piece)
            replaced += n_rep
            cleaned = "\t".join(" ".join(c.split()) for c in cleaned.split("\t")).strip()
            if cleaned:
                lines.append(cleaned)
                pos += len(cleaned) + 1

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            flush()
            rows = [
                ["\n".join(_cell_lines(td)) for td in tr.iter("td", "th")] for tr in el.iter("tr")
            ]
            start = pos
            tlines, data = table_lines(rows)
            for tl in tlines:
                buf.append(tl + "\n")
            flush()
            if data:
                tables.append(Table(rows=data, start=start, end=max(start, pos - 1)))
            if el.tail:
                buf.append(el.tail)
            return
        if tag == "br":
            buf.append("\n")
        elif tag in _BLOCK_TAGS:
            flush()
        if el.text and tag:
            buf.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK_TAGS:
            flush()
        if el.tail:
            buf.append(el.tail)

    walk(content)
    flush()
    body = "\n".join(lines)
    if not body.strip():
        raise ThplError("E101", source, "")
    if replaced:
        warnings.append(warning("W104", replaced))
    return RawText(
        source=source,
        text=body,
        fmt="html",
        tables=tables,
        warnings=warnings,
        match_text=match_fold(body),
    )


def _cell_lines(td: etree._Element) -> list[str]:
    """A table cell's text, one entry per paragraph or line break."""
    parts: list[str] = []
    buf: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS or tag == "br":
            parts.append("".join(buf))
            buf.clear()
        if el.text and tag:
            buf.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK_TAGS:
            parts.append("".join(buf))
            buf.clear()
        if el.tail:
            buf.append(el.tail)

    if td.text:
        buf.append(td.text)
    for child in td:
        walk(child)
    parts.append("".join(buf))
    return [" ".join(p.split()) for p in parts if p.strip()]
