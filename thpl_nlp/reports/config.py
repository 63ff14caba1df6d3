"""Report settings: ``config.yaml`` beside this module, overridden by ``reports:`` (and
``report_cutoff:``) in ``THPL_HOME/thpl.yaml``.

>>> cfg = load_config({"reports": {"place": "Huế"}, "report_cutoff": {"start": "01-01"}})
>>> cfg["place"], cfg["cutoff"]["start"], cfg["cutoff"]["mid"]
('Huế', '01-01', '06-15')
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = Path(__file__).resolve().parent / "config.yaml"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@cache
def _defaults() -> dict[str, Any]:
    return yaml.safe_load(CONFIG_FILE.read_text(encoding="utf-8"))


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def load_config(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The report configuration: package defaults merged with the settings' ``extra``.

    ``extra`` defaults to ``get_settings().extra`` (the user's ``thpl.yaml``).
    """
    if extra is None:
        from thpl_nlp.settings import get_settings

        extra = get_settings().extra
    cfg = _defaults()
    user = extra.get("reports") or {}
    if not isinstance(user, dict):
        from thpl_nlp.errors import ThplError

        raise ThplError(
            "E901", detail="mục 'reports' trong thpl.yaml phải là một bảng khóa/giá trị"
        )
    cfg = _merge(cfg, user)
    cutoff = extra.get("report_cutoff")
    if isinstance(cutoff, dict):
        cfg = _merge(cfg, {"cutoff": cutoff})
    elif isinstance(cutoff, str):
        cfg = _merge(cfg, {"cutoff": {"start": cutoff}})
    return cfg
