"""Training and scoring of the calibrated confidence (``newsgraph.calibration``) on the judged samples.

The judged event and quote files (``eval/judged/*.jsonl``, docs/judging.md) store each item's claim and
a person's verdict; the claim is all the features need, so the judged lines are the training data.
Only thirds 0 and 1 are ever trained on; third 2 is held aside and scored once, at the end.

- ``fit``: L2-regularised logistic regression by Newton's method (numpy; the bias is not penalised);
- ``cross_validate``: folds by article (all items of an article in one fold), out-of-fold probabilities;
- ``train``: chooses the L2 strength by cross-validated log loss, fits on all training items and
  returns the weights record written to ``data/confidence.json`` by ``scripts/train_confidence.py``;
- ``report``: precision per confidence band and at every threshold, the lowest threshold reaching the
  target precision and its coverage, the Brier score and the reliability per band.

Commands::

    python -m newsgraph.evaluation.calibration score [--events F] [--quotes F] [--held-aside]
    python -m newsgraph.evaluation.calibration lofo [--with F ...] [--drop PREFIX ...] [--l2 X]
    python -m newsgraph.evaluation.calibration forward [--training refreshed drawn both] [--drop PREFIX ...]
        [--all-features] [--l2 X]

``score`` recomputes every judged item's calibrated confidence from the shipped weights: on thirds 0-1
out of fold (each fold scored by a model fitted on the other folds with the shipped L2 strength), on
third 2 (``--held-aside``) with the shipped weights themselves.

``lofo`` (events) re-estimates the precision a threshold gives on unseen articles by leaving one judged
FILE out at a time: a model fitted on the other files (the shipped L2 strength, features as shipped less
any ``--drop`` prefix) scores the left-out file, whose shown items (not negated) are counted at each
threshold. A file is one draw of articles, so this is the honest analogue of "trained on the dev samples,
measured on the next one"; random folds by article mix every draw into training and lean optimistic.

``forward`` (events) is closer still to "the next draw": the shown samples in the order they were drawn, each
scored AS DRAWN (its claims and verdicts at draw time, before the fixes it led to) by a model fitted on the full
sample v4 and the samples drawn before it, trained on the refreshed files (as shipped), the files as drawn, or
both. A refreshed file holds the claims of today's pipeline, whose fixes were made from those very items, so
scoring refreshed files (as ``lofo`` does) measures a sample whose errors are partly solved.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .. import calibration as cal
from ..datafiles import data_text
from . import judged_common as jc

__all__ = ["cross_validate", "fit", "forward_chain", "forward_samples", "leave_one_file_out", "predict", "report",
           "train", "training_rows"]

JSON = dict[str, Any]
Array = npt.NDArray[np.float64]

TRAIN_THIRDS = frozenset({0, 1})
ALL_THIRDS = frozenset({0, 1, 2})
HELD_ASIDE = frozenset({2})
L2_GRID: tuple[float, ...] = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5
TARGET_PRECISION = 0.85
MIN_KEPT = 10  # a threshold "reaches" the target only when it keeps at least this many judged items
# Events: the judged dev files refreshed on the pipeline that trains (``judged_refresh``: today's claims and
# evidence, the verdicts of unchanged claims and of re-judged ones): the full sample v4 (all thirds: its third 2
# is dev since the shown samples took over as held-out measures) and every line of the shown samples v1, v2,
# v3b, v4, v5, v6 (the union of its three draws), v7 and v8 (each the union of its two draws:
# eval/judged/refreshed/README.md).
# Quotes: thirds 0-1 of v2.
REFRESHED = Path("eval/judged/refreshed")
DEFAULT_FILES = {"events": REFRESHED / "events.v4.jsonl", "quotes": Path("eval/judged/quotes.v2.jsonl")}
# judged samples of shown events (``judged_events sample --shown``): every line is trained on
DEFAULT_EXTRA: dict[str, tuple[Path, ...]] = {
    "events": tuple(REFRESHED / f"events.shown.{v}.jsonl" for v in ("v1", "v2", "v3b", "v4", "v5", "v6", "v7", "v8")),
    "quotes": ()}
# the thirds of the main file trained on
MAIN_THIRDS: dict[str, frozenset[int]] = {"events": frozenset({0, 1, 2}), "quotes": frozenset({0, 1})}
# rows of a refreshed file that hold no verdict for today's claim (``judged_refresh``)
_STALE = frozenset({"gone", "changed"})


# --- data ----------------------------------------------------------------------------------------------

def read_jsonl(path: Path) -> list[JSON]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def training_rows(rows: Sequence[JSON], thirds: frozenset[int] = TRAIN_THIRDS) -> list[JSON]:
    """The judged lines of ``thirds`` (verdict ``full`` given)."""
    return [r for r in rows if int(r.get("third", 0)) in thirds
            and (r.get("verdict") or {}).get("full") is not None
            and (r.get("refresh") or {}).get("status") not in _STALE]


def trained_rows(path: Path, extra: Sequence[Path] = (), thirds: frozenset[int] = TRAIN_THIRDS) -> list[JSON]:
    """What a model is trained on: the judged lines of ``thirds`` of ``path`` and every judged line of the
    ``extra`` files (samples of shown items, drawn from other articles and held out as a whole until they
    were judged and read: all of them is dev); in a refreshed file, only the lines whose verdict is for
    today's claim."""
    rows = training_rows(read_jsonl(path), thirds)
    for p in extra:
        rows += training_rows(read_jsonl(p), ALL_THIRDS)
    return rows


def design(kind: str, rows: Sequence[JSON], names: Sequence[str] | None = None) -> tuple[Array, Array]:
    """(features, 0/1 targets = verdict.full) of judged lines; ``names``: other event features than the
    shipped ones (any of ``ALL_EVENT_FEATURES``: ablations)."""
    _, feats = cal.features_for(kind)
    if names is not None and kind == "events":
        x = np.array([cal.event_features(r, names) for r in rows], dtype=np.float64).reshape(len(rows), -1)
    else:
        x = np.array([feats(r) for r in rows], dtype=np.float64).reshape(len(rows), -1)
    y = np.array([1.0 if r["verdict"]["full"] else 0.0 for r in rows], dtype=np.float64)
    return x, y


def fold_of(article: str, k: int = FOLDS) -> int:
    """An article's cross-validation fold (a stable hash: the folds do not depend on the file's order)."""
    return int(hashlib.sha256(f"calibration:{article}".encode()).hexdigest(), 16) % k


# --- logistic regression ----------------------------------------------------------------------------------

def fit(x: Array, y: Array, l2: float, iterations: int = 100) -> tuple[Array, float]:
    """Weights and bias minimising log loss + l2/2·|w|² (bias unpenalised), by Newton's method."""
    n, d = x.shape
    xa = np.hstack([x, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    pen = np.full(d + 1, l2)
    pen[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xa @ theta)))
        grad = xa.T @ (p - y) + pen * theta
        hess = (xa * (p * (1 - p))[:, None]).T @ xa + np.diag(pen) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def predict(x: Array, w: Array, b: float) -> Array:
    z = np.clip(x @ w + b, -30.0, 30.0)
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def log_loss(p: Array, y: Array) -> float:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))


def cross_validate(kind: str, rows: Sequence[JSON], l2: float, k: int = FOLDS) -> Array:
    """Out-of-fold probabilities of ``rows`` (folds by article)."""
    x, y = design(kind, rows)
    folds = np.array([fold_of(r["article"], k) for r in rows])
    out = np.zeros(len(rows))
    for f in range(k):
        test = folds == f
        if not test.any():
            continue
        w, b = fit(x[~test], y[~test], l2)
        out[test] = predict(x[test], w, b)
    return np.array([cal.gated(kind, r, float(p)) for r, p in zip(rows, out, strict=True)])


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(kind: str, path: Path, grid: Sequence[float] = L2_GRID, k: int = FOLDS,
          extra: Sequence[Path] = (), thirds: frozenset[int] | None = None) -> tuple[JSON, Array, list[JSON]]:
    """(weights record, out-of-fold probabilities, training rows) for one kind, from ``trained_rows``
    (``thirds`` of the main file: the kind's ``MAIN_THIRDS`` unless given)."""
    thirds = MAIN_THIRDS.get(kind, TRAIN_THIRDS) if thirds is None else thirds
    rows = trained_rows(path, extra, thirds)
    if not rows:
        raise ValueError(f"{path}: no judged items in thirds {sorted(thirds)}")
    losses = {l2: log_loss(cross_validate(kind, rows, l2, k), design(kind, rows)[1]) for l2 in grid}
    # with several judged files (each a draw of other articles) the L2 strength is the one whose model does
    # best on a file it was not fitted on (leave one file out), the honest analogue of the next sample
    files = {path.name: training_rows(read_jsonl(path), thirds)}
    files.update({p.name: training_rows(read_jsonl(p), ALL_THIRDS) for p in extra})
    by_file = {l2: leave_one_file_out(kind, files, l2)["log_loss"] for l2 in grid} if len(files) > 2 else {}
    chosen = by_file if by_file and all(v is not None for v in by_file.values()) else losses
    best = min(grid, key=lambda l2: (round(float(chosen[l2]), 6), -l2))
    x, y = design(kind, rows)
    w, b = fit(x, y, best)
    names, _ = cal.features_for(kind)
    record = {
        "features": list(names), "weights": [round(float(v), 6) for v in w], "bias": round(b, 6),
        "target": "verdict.full", "l2": best, "cv_log_loss": {str(k_): round(v, 5) for k_, v in losses.items()},
        "lofo_log_loss": {str(k_): v for k_, v in by_file.items()},
        "folds": k, "trained_on": {"file": path.as_posix(), "sha256": file_hash(path), "thirds": sorted(thirds),
                                   "items": len(rows), "fully_right": int(y.sum()),
                                   "extra": [{"file": p.as_posix(), "sha256": file_hash(p),
                                              "thirds": sorted(ALL_THIRDS)} for p in extra]},
        "date": dt.date.today().isoformat(),
    }
    return record, cross_validate(kind, rows, best, k), rows


# --- scoring -------------------------------------------------------------------------------------------

def auc(p: Sequence[float], y: Sequence[bool]) -> float | None:
    """The probability that a right item scores above a wrong one (ties count half)."""
    pos = [a for a, t in zip(p, y, strict=True) if t]
    neg = [a for a, t in zip(p, y, strict=True) if not t]
    if not pos or not neg:
        return None
    wins = sum((a > c) + 0.5 * (a == c) for a in pos for c in neg)
    return round(wins / (len(pos) * len(neg)), 4)


def report(kind: str, rows: Sequence[JSON], probs: Sequence[float], target: float = TARGET_PRECISION) -> JSON:
    """Precision per band and at every threshold of the confidences ``probs`` of the judged ``rows``; the lowest
    threshold whose precision reaches ``target`` (keeping at least ``MIN_KEPT`` items) and the share it keeps;
    the Brier score and the reliability per band (mean confidence against the share right), beside the same for
    the rule score.
    Events: thresholds are over the events that are not negated (the read API never shows negated ones)."""
    items = [{**jc.flat(r), "confidence": float(p), "rule": cal.rule_score(r), "negated": bool(r.get("negated"))}
             for r, p in zip(rows, probs, strict=True)]
    shown = [it for it in items if not (kind == "events" and it["negated"])]
    y = [bool(it["full"]) for it in items]

    def summary(key: str) -> JSON:
        ps = [it[key] for it in items]
        rel = {}
        for lo, hi, label in jc.BANDS:
            band = [it for it in items if lo <= it[key] < hi]
            rel[label] = {"n": len(band),
                          "mean_confidence": round(sum(it[key] for it in band) / len(band), 4) if band else None,
                          "fully_right": round(sum(it["full"] for it in band) / len(band), 4) if band else None}
        rows_t = jc.at_thresholds(shown, "full", lambda it: float(it[key]))
        reach = next((r for r in rows_t if r["kept"] >= MIN_KEPT and r["precision"]["share"] is not None
                      and r["precision"]["share"] >= target), None)
        # when none reaches the target: the threshold whose precision is surest (the highest lower end of its
        # 95% interval, keeping at least MIN_KEPT items; the lowest such threshold on a tie)
        sure = max((r for r in rows_t if r["kept"] >= MIN_KEPT), default=None,
                   key=lambda r: (r["precision"]["ci95"][0], -r["min_confidence"]))
        return {
            "brier": round(sum((p - t) ** 2 for p, t in zip(ps, y, strict=True)) / len(items), 4) if items else None,
            "auc": auc(ps, y), "reliability": rel,
            "thresholds": [{"t": r["min_confidence"], "kept": r["kept"], "kept_share": r["kept_share"],
                            "precision": r["precision"]["share"], "ci95": r["precision"]["ci95"]} for r in rows_t],
            f"threshold_for_{target}": ({"t": reach["min_confidence"], "kept": reach["kept"],
                                         "coverage": reach["kept_share"], "precision": reach["precision"]["share"]}
                                        if reach else None),
            "threshold_surest": ({"t": sure["min_confidence"], "kept": sure["kept"], "coverage": sure["kept_share"],
                                  "precision": sure["precision"]["share"], "ci95": sure["precision"]["ci95"]}
                                 if sure else None),
        }

    base = sum(y) / len(y) if y else 0.0
    return {"kind": kind, "items": len(items), "shown": len(shown),
            "fully_right": round(base, 4) if y else None,
            "brier_base_rate": round(base * (1 - base), 4),  # a constant forecast of the share right
            "calibrated": summary("confidence"), "rule": summary("rule")}


def shipped_probs(kind: str, rows: Sequence[JSON]) -> list[float]:
    """The calibrated confidence of each judged line from the shipped weights."""
    c = cal.calibrator(kind)
    if c is None:
        raise ValueError(f"no shipped weights for {kind} in newsgraph/data/{cal.WEIGHTS_FILE}")
    return [c.probability(r) for r in rows]


def score(kind: str, path: Path, held_aside: bool = False) -> JSON:
    """Thirds 0-1 out of fold with the shipped L2 strength, or (``held_aside``) third 2 with the shipped weights."""
    if held_aside:
        rows = training_rows(read_jsonl(path), HELD_ASIDE)
        return {"thirds": [2], "probabilities": "shipped weights", **report(kind, rows, shipped_probs(kind, rows))}
    c = cal.calibrator(kind)
    l2 = float(json.loads(data_text(cal.WEIGHTS_FILE))[kind]["l2"]) if c else L2_GRID[2]
    thirds = MAIN_THIRDS.get(kind, TRAIN_THIRDS)
    rows = trained_rows(path, [p for p in DEFAULT_EXTRA[kind] if p.exists()], thirds)
    oof = cross_validate(kind, rows, l2)
    return {"thirds": sorted(thirds), "probabilities": f"out of fold ({FOLDS} folds by article, l2={l2})",
            **report(kind, rows, [float(v) for v in oof])}


LOFO_THRESHOLDS: tuple[float, ...] = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)
LOFO_BANDS: tuple[tuple[float, float, str], ...] = (
    (0.0, 0.3, "<0.3"), (0.3, 0.5, "0.3-0.5"), (0.5, 0.6, "0.5-0.6"), (0.6, 0.7, "0.6-0.7"), (0.7, 0.8, "0.7-0.8"),
    (0.8, 2.0, ">=0.8"))


def lofo_files(extra: Sequence[Path] = ()) -> dict[str, list[JSON]]:
    """The judged event files a leave-one-file-out run holds out in turn (the training files of
    ``train_confidence`` and ``extra``), each file's judged lines whose verdict is for today's claim."""
    paths = [DEFAULT_FILES["events"], *DEFAULT_EXTRA["events"], *extra]
    return {p.name: training_rows(read_jsonl(p), ALL_THIRDS) for p in paths if p.exists()}


def leave_one_file_out(kind: str, files: dict[str, list[JSON]], l2: float, drop: Sequence[str] = (),
                       thresholds: Sequence[float] = LOFO_THRESHOLDS) -> JSON:
    """Each file scored by a model fitted on the others: per file and pooled, the shown items (not negated)
    kept at each threshold and how many are fully right, the mean confidence of those kept at the lowest
    threshold (to set beside their share right) and the log loss; features whose name starts with a
    ``drop`` prefix are left out of the model (the precision gate still applies)."""
    names, _ = cal.features_for(kind)
    cols = [i for i, n in enumerate(names) if not any(n.startswith(d) for d in drop)]
    per: dict[str, JSON] = {}
    pooled = {t: [0, 0] for t in thresholds}
    bands: dict[str, list[float]] = {label: [0, 0.0, 0] for _, _, label in LOFO_BANDS}  # n, sum of p, right
    loss, count = 0.0, 0
    for name, test in files.items():
        train_rows = [r for other, rows in files.items() if other != name for r in rows]
        if not test or not train_rows:
            continue
        xtr, ytr = design(kind, train_rows)
        xte, yte = design(kind, test)
        w, b = fit(xtr[:, cols], ytr, l2)
        p = [cal.gated(kind, r, float(v)) for r, v in zip(test, predict(xte[:, cols], w, b), strict=True)]
        loss += log_loss(np.array(p), yte) * len(test)
        count += len(test)
        shown = [(q, bool(r["verdict"]["full"])) for r, q in zip(test, p, strict=True) if not r.get("negated")]
        row: JSON = {"items": len(test), "shown": len(shown)}
        for t in thresholds:
            kept = [ok for q, ok in shown if q >= t]
            row[str(t)] = [sum(kept), len(kept)]
            pooled[t][0] += sum(kept)
            pooled[t][1] += len(kept)
        for q, ok in shown:
            label = next(lb for lo, hi, lb in LOFO_BANDS if lo <= q < hi)
            bands[label][0] += 1
            bands[label][1] += q
            bands[label][2] += ok
        low = [q for q, _ in shown if q >= thresholds[0]]
        row["mean_kept"] = round(sum(low) / len(low), 3) if low else None
        per[name] = row
    return {"kind": kind, "l2": l2, "dropped": list(drop), "features": len(cols),
            "log_loss": round(loss / count, 4) if count else None, "files": per,
            "bands": {label: {"n": int(n), "mean_confidence": round(sp / n, 3) if n else None,
                              "fully_right": round(k / n, 3) if n else None} for label, (n, sp, k) in bands.items()},
            "pooled": {str(t): {"right": c, "kept": n, "precision": round(c / n, 3) if n else None,
                                "ci95": list(jc.wilson(c, n)) if n else None} for t, (c, n) in pooled.items()}}


# --- forward chaining: fitted on the samples drawn before, scored on the next one as drawn ------------------

FORWARD_THRESHOLDS: tuple[float, ...] = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
JUDGED = Path("eval/judged")
# the shown-events samples in the order they were drawn (eval/judged/README.md): the name, the file as drawn
# (the claims and verdicts at draw time, before the fixes the sample led to) and its refreshed file, if any
# (sample 3: as drawn at 673cd75, refreshed from its re-draw v3b)
SHOWN_SAMPLES: tuple[tuple[str, str, str | None], ...] = (
    ("v1", "events.shown.v1.jsonl", "events.shown.v1.jsonl"), ("v2", "events.shown.v2.jsonl", "events.shown.v2.jsonl"),
    ("v3", "events.shown.v3.jsonl", "events.shown.v3b.jsonl"), ("v4", "events.shown.v4.jsonl", "events.shown.v4.jsonl"),
    ("v5", "events.shown.v5.jsonl", "events.shown.v5.jsonl"), ("v6", "events.shown.v6.jsonl", "events.shown.v6.jsonl"),
    ("v7", "events.shown.v7.jsonl", "events.shown.v7.jsonl"), ("v8", "events.shown.v8.jsonl", "events.shown.v8.jsonl"),
    ("v9", "events.shown.v9.jsonl", None))
# what a model is trained on: the refreshed files (as shipped), the files as drawn, or both
TRAINING_SETS: tuple[str, ...] = ("refreshed", "drawn", "both")
Sample = tuple[str, list[JSON], list[JSON]]  # (name, rows trained on once it is past, rows scored: as drawn)


def forward_samples(training: str, judged: Path = JUDGED,
                    samples: Sequence[tuple[str, str, str | None]] = SHOWN_SAMPLES) -> tuple[list[JSON], list[Sample]]:
    """(rows always trained on: the full sample v4, [(sample, its rows trained on, its rows as drawn)]) for the
    training set ``training`` (one of ``TRAINING_SETS``)."""
    if training not in TRAINING_SETS:
        raise ValueError(f"unknown training set {training!r} ({', '.join(TRAINING_SETS)})")

    def rows_of(drawn: str, refreshed: str | None) -> list[JSON]:
        out: list[JSON] = []
        if training in ("drawn", "both"):
            out += training_rows(read_jsonl(judged / drawn), ALL_THIRDS)
        if training in ("refreshed", "both") and refreshed:
            out += training_rows(read_jsonl(judged / "refreshed" / refreshed), ALL_THIRDS)
        return out
    prior = rows_of("events.v4.jsonl", "events.v4.jsonl")
    return prior, [(name, rows_of(d, r), training_rows(read_jsonl(judged / d), ALL_THIRDS)) for name, d, r in samples]


def forward_chain(kind: str, prior: Sequence[JSON], samples: Sequence[Sample], l2: float,
                  names: Sequence[str] | None = None, thresholds: Sequence[float] = FORWARD_THRESHOLDS) -> JSON:
    """Each sample, in order, scored as drawn by a model fitted on ``prior`` and the training rows of the samples
    before it (the precision gate applied): per sample and pooled, its shown items (not negated) kept at each
    threshold and how many are fully right (pooled: with the 95% Wilson interval), and over all scored items the
    AUC of the model, of the rule score and of the confidence shown at draw time, and the log loss. A sample with
    nothing to train on before it is not scored. ``names``: the features (default: the shipped ones)."""
    names = tuple(names) if names is not None else cal.features_for(kind)[0]
    per: dict[str, JSON] = {}
    scored: list[tuple[float, float, float, bool]] = []  # model, rule score, confidence at draw time, right
    for k, (name, _, test) in enumerate(samples):
        train_rows = [*prior, *(r for _, rows, _ in samples[:k] for r in rows)]
        if not train_rows or not test:
            continue
        xtr, ytr = design(kind, train_rows, names)
        xte, _ = design(kind, test, names)
        w, b = fit(xtr, ytr, l2)
        probs = [cal.gated(kind, r, float(v)) for r, v in zip(test, predict(xte, w, b), strict=True)]
        shown = [(q, cal.rule_score(r), float(r.get("confidence") or 0.0), bool(r["verdict"]["full"]))
                 for r, q in zip(test, probs, strict=True) if not r.get("negated")]
        row: JSON = {"trained_on": len(train_rows), "shown": len(shown), "right": sum(s[3] for s in shown)}
        for t in thresholds:
            kept = [s[3] for s in shown if s[0] >= t]
            row[str(t)] = [sum(kept), len(kept)]
        per[name] = row
        scored += shown
    ys = [s[3] for s in scored]
    pooled: JSON = {}
    for t in thresholds:
        c, n = sum(r[str(t)][0] for r in per.values()), sum(r[str(t)][1] for r in per.values())
        pooled[str(t)] = {"right": c, "kept": n, "precision": round(c / n, 3) if n else None,
                          "ci95": [round(v, 3) for v in jc.wilson(c, n)] if n else None}
    return {"kind": kind, "l2": l2, "features": list(names), "samples": per, "scored": len(scored),
            "right": sum(ys), "auc": auc([s[0] for s in scored], ys), "auc_rule": auc([s[1] for s in scored], ys),
            "auc_drawn": auc([s[2] for s in scored], ys),
            "log_loss": round(log_loss(np.array([s[0] for s in scored]), np.array(ys, dtype=np.float64)), 4)
            if scored else None, "pooled": pooled}


def compact_forward(rep: JSON) -> str:
    lines = [f"forward chained ({rep['kind']}, l2={rep['l2']}, {len(rep['features'])} features): {rep['scored']} "
             f"shown items scored, {rep['right']} fully right; AUC model {rep['auc']}, rule score {rep['auc_rule']}, "
             f"confidence at draw time {rep['auc_drawn']}; log loss {rep['log_loss']}"]
    for name, row in rep["samples"].items():
        cells = "  ".join(f"{t}: {row[t][0]}/{row[t][1]}" for t in rep["pooled"])
        lines.append(f"  {name:4s} trained on {row['trained_on']:4d}  right {row['right']:2d}/{row['shown']:2d}  "
                     + cells)
    lines.append("  pooled " + "  ".join(f"{t}: {v['right']}/{v['kept']} = {v['precision']} {v['ci95']}"
                                         for t, v in rep["pooled"].items()))
    return "\n".join(lines)


def compact_lofo(rep: JSON) -> str:
    lines = [f"leave one file out ({rep['kind']}, l2={rep['l2']}, {rep['features']} features, dropped "
             f"{rep['dropped'] or 'none'}): log loss {rep['log_loss']}"]
    for name, row in rep["files"].items():
        cells = "  ".join(f"{t}: {row[t][0]}/{row[t][1]}" for t in rep["pooled"])
        lines.append(f"  {name:32s} items {row['items']:3d}  {cells}  mean kept {row['mean_kept']}")
    lines.append("  bands (shown items: n, mean confidence -> fully right) " + "  ".join(
        f"{b}: {v['n']}, {v['mean_confidence']} -> {v['fully_right']}" for b, v in rep["bands"].items()))
    lines.append("  pooled " + "  ".join(f"{t}: {v['right']}/{v['kept']} = {v['precision']} {v['ci95']}"
                                         for t, v in rep["pooled"].items()))
    return "\n".join(lines)


def compact(rep: JSON) -> str:
    """A few human-readable lines of a report (the JSON has everything)."""
    lines = [f"{rep['kind']}: {rep['items']} items (thirds {rep['thirds']}, {rep['probabilities']}), "
             f"fully right {rep['fully_right']} (Brier of that constant {rep['brier_base_rate']})"]
    for key in ("rule", "calibrated"):
        s = rep[key]
        target = next(v for k, v in s.items() if k.startswith("threshold_for_"))
        lines.append(f"  {key:10s} brier {s['brier']}  auc {s['auc']}  >=0.85 at {target}")
        lines.append(f"    surest threshold {s['threshold_surest']}")
        lines.append("    bands " + "  ".join(f"{b}: n={r['n']} conf={r['mean_confidence']} right={r['fully_right']}"
                                             for b, r in s["reliability"].items()))
        lines.append("    thresholds " + "  ".join(f"{r['t']}:{r['kept']}/{r['precision']}" for r in s["thresholds"]
                                                  if r["kept"]))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsgraph.evaluation.calibration", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sc = sub.add_parser("score", help="precision per band and threshold of the calibrated confidence")
    sc.add_argument("--events", type=Path, default=DEFAULT_FILES["events"])
    sc.add_argument("--quotes", type=Path, default=DEFAULT_FILES["quotes"])
    sc.add_argument("--held-aside", action="store_true", help="score third 2 (once, at the end)")
    sc.add_argument("--json", action="store_true", help="print the full JSON report")
    lo = sub.add_parser("lofo", help="events: precision by threshold, leaving one judged file out at a time")
    lo.add_argument("--with", dest="extra", type=Path, nargs="*", default=[],
                    help="more judged files to hold out in turn (and train on for the others)")
    lo.add_argument("--drop", nargs="*", default=[], help="leave out the features whose names start so")
    lo.add_argument("--l2", type=float, default=None, help="L2 strength (default: the shipped one)")
    lo.add_argument("--json", action="store_true", help="print the full JSON report")
    fw = sub.add_parser("forward", help="events: each shown sample, as drawn, scored by a model fitted on the "
                                        "samples drawn before it")
    fw.add_argument("--training", nargs="*", choices=TRAINING_SETS, default=list(TRAINING_SETS),
                    help="what the model is trained on: the refreshed files (as shipped), the files as drawn, both")
    fw.add_argument("--drop", nargs="*", default=[], help="leave out the features whose names start so")
    fw.add_argument("--all-features", action="store_true", help="every feature of ALL_EVENT_FEATURES (less --drop)")
    fw.add_argument("--l2", type=float, default=None, help="L2 strength (default: the shipped one)")
    fw.add_argument("--judged", type=Path, default=JUDGED, help="the judged files' folder")
    fw.add_argument("--json", action="store_true", help="print the full JSON reports")
    args = ap.parse_args(argv)
    if args.cmd == "forward":
        l2 = args.l2 if args.l2 is not None else float(json.loads(data_text(cal.WEIGHTS_FILE))["events"]["l2"])
        names = [n for n in (cal.ALL_EVENT_FEATURES if args.all_features else cal.EVENT_FEATURES)
                 if not any(n.startswith(d) for d in args.drop)]
        out = {t: forward_chain("events", *forward_samples(t, args.judged), l2, names) for t in args.training}
        print(json.dumps(out, indent=1) if args.json
              else "\n".join(f"training: {t}\n{compact_forward(rep)}" for t, rep in out.items()))
        return 0
    if args.cmd == "lofo":
        l2 = args.l2 if args.l2 is not None else float(json.loads(data_text(cal.WEIGHTS_FILE))["events"]["l2"])
        rep = leave_one_file_out("events", lofo_files(args.extra), l2, args.drop)
        print(json.dumps(rep, indent=1) if args.json else compact_lofo(rep))
        return 0
    reps = [score(kind, p, args.held_aside) for kind, p in (("events", args.events), ("quotes", args.quotes))]
    print(json.dumps(reps, indent=1) if args.json else "\n".join(compact(r) for r in reps))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
