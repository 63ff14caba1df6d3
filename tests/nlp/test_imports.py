"""The parse path stays light: extractors import neither spaCy, underthesea nor the KB."""

import re
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "thpl_nlp" / "nlp"


def test_extractors_do_not_import_spacy_or_underthesea() -> None:
    code = (
        "import sys\n"
        "import thpl_nlp.nlp.extract.references, thpl_nlp.nlp.extract.pointers\n"
        "import thpl_nlp.nlp.extract.dates, thpl_nlp.nlp.extract.durations\n"
        "import thpl_nlp.nlp.extract.money, thpl_nlp.nlp.extract.quantities\n"
        "import thpl_nlp.nlp.extract.agencies, thpl_nlp.nlp.extract.modality\n"
        "import thpl_nlp.nlp.extract.procedure, thpl_nlp.nlp.canonical, thpl_nlp.nlp.pipeline\n"
        "bad = [m for m in ('spacy', 'underthesea', 'thpl_nlp.kb') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_nlp_never_imports_kb() -> None:
    for f in PKG.rglob("*.py"):
        src = f.read_text(encoding="utf-8")
        assert not re.search(
            r"^\s*(?:from|import)\s+thpl_nlp(?:\.kb|\s+import\s+kb)", src, re.MULTILINE
        ), f
