"""Train the calibrated confidence of events and quotes and write src/newsgraph/data/confidence.json.

One command, no manual steps (run from the repository root, the tree's src first on PYTHONPATH):

    python scripts/train_confidence.py [--events eval/judged/refreshed/events.v4.jsonl]
        [--events-extra eval/judged/refreshed/events.shown.v1.jsonl ...] [--quotes eval/judged/quotes.v2.jsonl]

Events are trained on the judged dev files refreshed on this pipeline (``python -m
newsgraph.evaluation.judged_refresh``, eval/judged/refreshed/README.md: each judged item matched to today's
output, so the features read the evidence the coder records now; items whose claim changed and was not judged
again are left out): every line of the full sample v4 and of the shown samples v1, v2, v3b, v4, v5, v6, v7, v8. Quotes:
thirds 0 and 1 of quotes.v2 (third 2 held aside). The script chooses the L2 strength of each logistic model by
log loss on judged files left out (events: each file scored by a model fitted on the others) or, with one file
(quotes), by cross-validated log loss (5 folds by article), fits it on all training items, writes the feature names,
weights, L2 strength, training files' SHA-256 and the date, and prints the precision per confidence band and at
each threshold of the out-of-fold probabilities (next to the rule score's).
The model and features: src/newsgraph/calibration.py; training and scoring:
src/newsgraph/evaluation/calibration.py; docs/judging.md, "Calibrated confidence".
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsgraph.evaluation import calibration as ec

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "confidence.json"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=Path, default=ec.DEFAULT_FILES["events"])
    ap.add_argument("--events-extra", type=Path, nargs="*", default=list(ec.DEFAULT_EXTRA["events"]),
                    help="judged samples of shown events, every line trained on (all thirds)")
    ap.add_argument("--quotes", type=Path, default=ec.DEFAULT_FILES["quotes"])
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
    data: dict[str, object] = {"about": "calibrated confidence: P(fully right) of events and quotes; "
                                        "written by scripts/train_confidence.py, read by newsgraph.calibration"}
    for kind, path in (("events", args.events), ("quotes", args.quotes)):
        record, oof, rows = ec.train(kind, path, extra=args.events_extra if kind == "events" else ())
        data[kind] = record
        rep = ec.report(kind, rows, [float(v) for v in oof])
        print(ec.compact({"thirds": record["trained_on"]["thirds"], "probabilities": f"out of fold, l2={record['l2']}",
                          **rep}))
        print(f"  cv log loss by l2: {record['cv_log_loss']}")
        if record.get("lofo_log_loss"):
            print(f"  leave-one-file-out log loss by l2 (chooses l2): {record['lofo_log_loss']}")
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
