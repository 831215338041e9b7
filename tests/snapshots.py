"""The analyses of fixed inputs, as ``newsgraph analyze`` writes them (shared by the snapshot test
and scripts/record_analyses.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "analyses"
SEED = ROOT.parent / "shared" / "seeds" / "000_51f1a1ae6c2d1dfb.txt"


def analyses_of(paths: Iterable[Path]) -> list[str]:
    """One JSON line per readable input (the run's own relative paths kept out: sources are names)."""
    from newsgraph.api import read
    from newsgraph.config import load_settings
    from newsgraph.model import Analysis
    from newsgraph.runner import process_all

    settings = load_settings()
    out = []
    for res in process_all(read(*[str(p) for p in paths], settings=settings), settings):
        assert isinstance(res, Analysis), res
        record = json.loads(res.to_json())
        record["article"]["source"] = Path(record["article"].get("source") or "").name
        out.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return out
