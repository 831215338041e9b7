"""The analyses of the bundled samples (and of the seed article, where ../shared is present) are
exactly those recorded in tests/data/analyses/.

Speed work must not change what newsgraph says: this fails on any difference in any field.  A
change meant to alter the analysis re-records them (``python scripts/record_analyses.py``) and says
so in its commit.
"""

from __future__ import annotations

import hashlib
import json

from snapshots import OUT, ROOT, SEED, analyses_of


def test_sample_analyses_are_unchanged() -> None:
    recorded = (OUT / "samples.jsonl").read_text(encoding="utf-8").splitlines()
    now = analyses_of(sorted((ROOT / "samples").iterdir()))
    assert len(now) == len(recorded)
    for old, new in zip(recorded, now, strict=True):
        a, b = json.loads(old), json.loads(new)
        for key in sorted(set(a) | set(b)):
            assert a.get(key) == b.get(key), f"{a['article']['source']}: '{key}' differs from the recording"


def test_seed_analysis_is_unchanged() -> None:
    recorded = (OUT / "seed.sha256").read_text(encoding="utf-8").split()[0]
    if not SEED.exists():  # a user's clone without ../shared: the samples above still run
        return
    assert hashlib.sha256(analyses_of([SEED])[0].encode("utf-8")).hexdigest() == recorded
