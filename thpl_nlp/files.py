"""Turn command-line arguments (files, folders, globs) into the list of inputs to process.

Paths in output are the path as given; for a folder argument, the folder as given joined with
the file's path inside it (CONTRACT.md).

>>> expand_inputs(["khong-ton-tai.pdf"])  # doctest: +ELLIPSIS
[('khong-ton-tai.pdf', 'khong-ton-tai.pdf')]
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable

# Extensions a folder is searched for; a file named explicitly is always tried.
DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".html", ".htm", ".txt", ".md")


def expand_inputs(args: Iterable[str]) -> list[tuple[str, str]]:
    """Return ``(path_to_open, source_as_reported)`` pairs, folders expanded in sorted order.

    A missing file is kept (its reader reports E100), so that one bad argument fails alone.
    """
    out: list[tuple[str, str]] = []
    for arg in args:
        if os.path.isdir(arg):
            found: list[str] = []
            for root, dirs, files in os.walk(arg):
                dirs.sort()
                found.extend(
                    os.path.join(root, f)
                    for f in sorted(files)
                    if f.lower().endswith(DOCUMENT_EXTENSIONS) and not f.startswith(".")
                )
            for path in found:
                rel = os.path.relpath(path, arg)
                out.append((path, os.path.join(arg, rel)))
        elif not os.path.exists(arg) and glob.has_magic(arg):
            out.extend((p, p) for p in sorted(glob.glob(arg, recursive=True)))
        else:
            out.append((arg, arg))
    return out
