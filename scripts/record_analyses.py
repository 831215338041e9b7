"""Record the analyses that tests/unit/test_output_unchanged.py compares against.

Run after a change that is meant to alter the analysis (and say so in the commit):

    python scripts/record_analyses.py

It writes ``tests/data/analyses/samples.jsonl`` (the bundled samples' analyses, one per line, as
``newsgraph analyze samples/`` prints them) and, when ``../shared/seeds`` is there, the SHA-256 of
the seed article's analysis in ``tests/data/analyses/seed.sha256`` (a hash, so that none of the
seed's text is copied into the repository).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from snapshots import OUT, SEED, analyses_of  # noqa: E402


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    lines = analyses_of(sorted((ROOT / "samples").iterdir()))
    (OUT / "samples.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{len(lines)} sample analyses -> {OUT / 'samples.jsonl'}")
    if SEED.exists():
        digest = hashlib.sha256(analyses_of([SEED])[0].encode("utf-8")).hexdigest()
        (OUT / "seed.sha256").write_text(f"{digest}  {SEED.name}\n", encoding="utf-8")
        print(f"seed analysis sha256 {digest}")


if __name__ == "__main__":
    main()
