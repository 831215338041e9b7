"""Build a large database for the web app's benchmark from an analysed one (``newsgraph.store.replicate``).

The source's analyses are written into the empty target through the store's write path, then copied
in SQL under new ids (``X~1``, ``X~2``, ...) until the target holds ``--articles`` articles.  SQLite
file or ``postgresql://`` URL on either side.  docs/benchmarks.md ("The web app at 50,000 articles")
gives the commands and timings.

Run:  python scripts/build_scale_db.py cnn.db scale.db --articles 50000
"""

from __future__ import annotations

import argparse
import json
import sys

from newsgraph.store.replicate import replicate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", help="analysed database (SQLite file or postgresql:// URL)")
    ap.add_argument("target", help="empty database to fill (SQLite file or postgresql:// URL)")
    ap.add_argument("--articles", type=int, default=50_000, help="at least this many articles (default 50000)")
    args = ap.parse_args(argv)
    result = replicate(args.source, args.target, articles=args.articles,
                       progress=lambda msg: print(msg, file=sys.stderr, flush=True))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
