"""Calibrated confidence: features from an invented event and quote agree with the features of their judged
records, training recovers an obvious signal and never reads the held-aside third, probabilities are in
[0, 1], and the shipped weights load, match the feature lists and were trained on the files in the repo
(invented items; no spaCy)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsgraph import calibration as cal
from newsgraph.config import load_settings
from newsgraph.datafiles import data_text
from newsgraph.evaluation import calibration as ec
from newsgraph.evaluation import judged_events as je
from newsgraph.evaluation import judged_quotes as jq
from newsgraph.model import EntityRef, Event, EventDate, EventEvidence, Place, Quote, Span

REPO = Path(__file__).resolve().parents[2]
TEXT = "Invented title\n\nThe Oslo police arrested two men on Monday, Ann Berg said in a statement."


def _at(word: str) -> Span:
    s = TEXT.index(word)
    return Span(s, s + len(word), word)


def _event(**kw: Any) -> Event:
    police, men, trig = _at("The Oslo police"), _at("two men"), _at("arrested")
    base: dict[str, Any] = dict(
        code="173", root="17", quad_class=4, goldstein=-5.0,
        source=EntityRef("e1", "NORCOP", "Oslo police", police.start, police.end),
        target=EntityRef(None, None, "two men", men.start, men.end),
        date=EventDate("2020-01-06", "day", "text"),
        place=Place(_at("Oslo"), "Oslo", "NOR", 59.9, 10.7),
        sentence=Span(16, len(TEXT), TEXT[16:]), trigger=trig, modality="asserted", confidence=0.6)
    base.update(kw)
    return Event(**base)


def _quote(**kw: Any) -> Quote:
    said, berg = _at("said"), _at("Ann Berg")
    base: dict[str, Any] = dict(span=Span(16, said.start - 11, TEXT[16: said.start - 11]), kind="indirect",
                                speaker=EntityRef("e2", "NOR", "Ann Berg", berg.start, berg.end), cue=said,
                                channel=_at("a statement"), confidence=0.7)
    base.update(kw)
    return Quote(**base)


def _named(names: tuple[str, ...], x: list[float]) -> dict[str, float]:
    return dict(zip(names, x, strict=True))


def test_event_features_read_the_claim() -> None:
    f = _named(cal.ALL_EVENT_FEATURES, cal.event_features(cal.event_claim(_event()), cal.ALL_EVENT_FEATURES))
    assert f["rule"] == 0.6 and f["root:material_conflict"] == 1 and f["mod:asserted"] == 1
    assert f["source:state_role"] == 1 and f["target:uncoded"] == 1 and f["date:clause"] == 1 and f["place"] == 1
    assert f["source:none"] == 0 and f["negated"] == 0 and 0 < f["sentence_len"] < 1 and f["source_gap"] < 0.01
    g = _named(cal.ALL_EVENT_FEATURES, cal.event_features(cal.event_claim(
        _event(source=None, target=EntityRef(None, "---GOV"), date=None, place=None, negated=True,
               modality="conditional", root="04", code="040", rule_confidence=0.3, confidence=0.9)),
        cal.ALL_EVENT_FEATURES))
    assert g["source:none"] == 1 and g["target:no_country"] == 1 and g["date:undated"] == 1 and g["negated"] == 1
    assert g["mod:unsure"] == 1 and g["root:consult"] == 1 and g["source_gap"] == 1
    assert g["rule"] == 0.3  # the rule score, not an already calibrated confidence


def test_event_features_read_the_coders_evidence() -> None:
    ev = _event(date=None, evidence=EventEvidence("past_undated", "pronoun", "inherited", "context", "own"))
    f = _named(cal.ALL_EVENT_FEATURES, cal.event_features(cal.event_claim(ev), cal.ALL_EVENT_FEATURES))
    assert f["date:past_undated"] == 1 and f["date:undated"] == 0
    assert f["source:coref"] == 1 and f["source:other_clause"] == 1 and f["target:context"] == 1
    assert f["target:coref"] == 0 and f["target:other_clause"] == 0
    # a record drawn before the evidence was recorded: the basis read off the date's anchor
    assert cal.date_basis({"date": {"value": "2020-01-07", "anchor": "narrative"}}) == "narrative"
    assert cal.date_basis({"date": None, "published": "2020-01-07"}) == "not_today"
    assert cal.date_basis({"date": None, "published": None}) == "undated"


def test_the_date_bases_are_the_coders() -> None:
    from newsgraph.events.anchoring import DATE_BASES

    assert cal.DATE_BASES == DATE_BASES


def test_event_and_quote_features_equal_those_of_their_judged_records() -> None:
    ev, q = _event(), _quote()
    analysis = {"article": {"id": "a1", "text": TEXT, "published": "2020-01-07"},
                "events": [ev.to_dict()], "quotes": [q.to_dict()]}
    ev_rec = je.candidates(analysis, "bbc", "c0ffee", seed=1)[0]
    q_rec = jq.candidates(analysis, "bbc", "c0ffee", seed=1)[0]
    assert cal.event_features(ev_rec, cal.ALL_EVENT_FEATURES) == cal.event_features(cal.event_claim(ev),
                                                                                   cal.ALL_EVENT_FEATURES)
    assert cal.quote_features(q_rec) == cal.quote_features(cal.quote_claim(q))
    f = _named(cal.QUOTE_FEATURES, cal.quote_features(q_rec))
    assert f["kind:indirect"] == 1 and f["speaker:country"] == 1 and f["speaker:entity"] == 1
    assert f["cue"] == 1 and f["channel"] == 1 and f["rule"] == 0.7 and f["speaker_gap"] < 0.2


def test_event_evidence_and_the_precision_gate() -> None:
    sweden = EntityRef("e3", "SWE", "Sweden", 0, 5)
    resolved = _event(target=sweden)
    f = _named(cal.ALL_EVENT_FEATURES,
               cal.event_features(cal.event_claim(resolved, sentence_events=3), cal.ALL_EVENT_FEATURES))
    assert f["source:entity"] == 1 and f["target:entity"] == 1 and f["crowded"] == 1 and f["parts_resolved"] == 1
    assert f["long_sentence"] == 0 and f["date:narrative"] == 0
    assert cal.event_claim(resolved)["evidence"] == {"source_entity": True, "target_entity": True, "sentence_events": 1}
    # parties resolved: a source coded with a country; no target, or a target entity coded with a country
    assert cal.parts_resolved(cal.event_claim(_event(target=None)))
    for unresolved in (_event(),  # the target "two men" is not coded
                       _event(target=EntityRef(None, "SWEGOV", "the government", 0, 5)),  # a role word coded alone
                       _event(source=EntityRef(None, "---GOV", "officials", 0, 5), target=None),
                       _event(source=None, target=sweden)):
        claim = cal.event_claim(unresolved)
        assert not cal.parts_resolved(claim)
        assert cal.gated("events", claim, 0.9) == cal.UNRESOLVED_CAP and cal.gated("events", claim, 0.05) == 0.05
        assert cal.calibrate_event(unresolved).confidence <= cal.UNRESOLVED_CAP  # kept, below the default threshold
    assert cal.gated("quotes", cal.event_claim(_event()), 0.9) == 0.9


def test_the_judged_record_holds_the_evidence_of_the_emitted_event() -> None:
    ev = _event(target=EntityRef("e3", "SWE", "Sweden", 0, 5))
    other = _event(code="172", trigger=_at("two men"), target=None)
    analysis = {"article": {"id": "a1", "text": TEXT, "published": "2020-01-07"},
                "events": [ev.to_dict(), other.to_dict()], "quotes": []}
    recs = je.candidates(analysis, "bbc", "c0ffee", seed=1)
    assert recs[0]["evidence"] == cal.event_claim(ev, sentence_events=2)["evidence"]
    assert cal.event_features(recs[0], cal.ALL_EVENT_FEATURES) == cal.event_features(
        cal.event_claim(ev, sentence_events=2), cal.ALL_EVENT_FEATURES)


def _record(article: str, third: int, source: str | None, full: bool) -> dict[str, Any]:
    return {"item": f"{article}:{random.random()}", "article": article, "source": "bbc", "third": third,
            "root": "04", "code": "040", "modality": "asserted", "negated": False,
            "source_party": {"actor": source, "span": [0, 3]} if source else None, "target_party": None,
            "date": None, "place": None, "sentence": [0, 80], "trigger": [5, 9], "confidence": 0.5,
            "verdict": {"real": full, "code": full, "source": full, "target": full, "date": full, "full": full}}


def test_an_undated_event_not_told_as_the_days_news_stays_below_the_default() -> None:
    # parts resolved (a source with a country, no target); recalled without a date of its own
    recalled = _event(target=None, date=None, evidence=EventEvidence("not_today", "entity", "own", None, None))
    claim = cal.event_claim(recalled)
    assert cal.parts_resolved(claim) and cal.date_basis(claim) == "not_today"
    assert cal.gated("events", claim, 0.9) == cal.RECALLED_CAP and cal.gated("events", claim, 0.2) == 0.2
    assert cal.RECALLED_CAP is not None and load_settings().min_confidence_events > cal.RECALLED_CAP
    dated = cal.event_claim(_event(target=None))  # the same act with the clause's own date: not capped
    assert cal.gated("events", dated, 0.9) == 0.9


def test_training_recovers_an_obvious_signal_and_ignores_the_held_aside_third(tmp_path: Path) -> None:
    random.seed(3)
    rows = []
    for i in range(60):  # a named country as source: right 9 times in 10; no source: right 1 time in 10
        rows.append(_record(f"art{i % 12}", i % 2, "FRA", i % 10 != 0))
        rows.append(_record(f"art{i % 12}", i % 2, None, i % 10 == 0))
    held = [_record(f"held{i}", 2, "FRA", False) for i in range(200)]  # the opposite signal, held aside
    path = tmp_path / "quotes_like.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows + held), encoding="utf-8")
    # the main file's thirds: 0-1 unless the kind trains on all of it (events: every judged file is dev)
    record, oof, train_rows = ec.train("events", path, thirds=frozenset({0, 1}))
    assert len(train_rows) == 120 and record["trained_on"]["items"] == 120 and len(oof) == 120
    c = cal.Calibrator.from_json("events", record)
    p_named, p_none = c.probability(rows[0]), c.probability(rows[1])
    assert p_named > 0.75 and p_none < 0.25
    w = _named(cal.EVENT_FEATURES, record["weights"])
    assert w["parts_resolved"] > 0  # a source coded with a country (and no target): the parts are resolved
    rep = ec.report("events", train_rows, [float(v) for v in oof])
    assert rep["calibrated"]["auc"] > 0.8 and rep["calibrated"]["brier"] < rep["rule"]["brier"]
    sure = rep["calibrated"]["threshold_surest"]  # the threshold with the highest lower end of its interval
    assert sure is not None and sure["kept"] >= ec.MIN_KEPT and sure["precision"] > 0.75


def test_fit_matches_a_known_logistic_solution() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4000, 2))
    y = (rng.random(4000) < 1 / (1 + np.exp(-(1.5 * x[:, 0] - 2.0 * x[:, 1] + 0.5)))).astype(float)
    w, b = ec.fit(x, y, l2=0.01)
    assert abs(w[0] - 1.5) < 0.2 and abs(w[1] + 2.0) < 0.2 and abs(b - 0.5) < 0.15
    w_strong, _ = ec.fit(x, y, l2=1e5)
    assert float(np.abs(w_strong).max()) < 0.05  # a strong penalty shrinks the weights to 0


def test_calibrated_values_are_probabilities_and_the_rule_score_is_kept() -> None:
    rng = random.Random(5)
    for _ in range(200):
        ev = _event(confidence=rng.random(), negated=rng.random() < 0.3,
                    modality=rng.choice(["asserted", "reported", "intended", "hypothetical", "future"]),
                    source=rng.choice([None, EntityRef(None, "USAGOV", None, 16, 20),
                                       EntityRef(None, None, None, 0, 5)]))
        out = cal.calibrate_event(ev)
        assert 0.0 <= out.confidence <= 1.0 and out.rule_confidence == round(ev.confidence, 3)
        assert cal.calibrate_event(out) == out  # calibrating twice changes nothing
    q = cal.calibrate_quote(_quote(confidence=0.9))
    assert 0.0 <= q.confidence <= 1.0 and q.rule_confidence == 0.9


def test_shipped_weights_load_match_the_features_and_the_training_files() -> None:
    data = json.loads(data_text(cal.WEIGHTS_FILE))
    for kind, names in (("events", cal.EVENT_FEATURES), ("quotes", cal.QUOTE_FEATURES)):
        c = cal.calibrator(kind)
        assert c is not None and c.names == names and len(c.weights) == len(names)
        assert data[kind]["trained_on"]["thirds"] == sorted(ec.MAIN_THIRDS[kind])
        assert data[kind]["target"] == "verdict.full"
        trained = REPO / data[kind]["trained_on"]["file"]
        if trained.exists():  # stale weights: the judged file changed without re-running the script
            assert ec.file_hash(trained) == data[kind]["trained_on"]["sha256"], "re-run scripts/train_confidence.py"
        for extra in data[kind]["trained_on"].get("extra", []):
            if (REPO / extra["file"]).exists():
                assert ec.file_hash(REPO / extra["file"]) == extra["sha256"], "re-run scripts/train_confidence.py"
    with pytest.raises(ValueError, match="re-run"):
        cal.Calibrator("events", cal.EVENT_FEATURES[:-1], [0.0] * (len(cal.EVENT_FEATURES) - 1), 0.0)


def _rows(n: int, prefix: str, right_if_state_role: bool = True) -> list[dict[str, Any]]:
    """``n`` invented events, half with a state role as source (``FRAGOV``) and half a bare country (``FRA``):
    the state-role ones right 9 times in 10 and the others 1 time in 10 (the other way round when
    ``right_if_state_role`` is false)."""
    rows = []
    for i in range(n):
        role = i % 2 == 0
        right = (i // 2) % 10 != 0 if role else (i // 2) % 10 == 0
        rows.append(_record(f"{prefix}{i % 7}", 0, "FRAGOV" if role else "FRA",
                            right if right_if_state_role else not right))
    return rows


def test_forward_chain_scores_each_sample_by_the_samples_before_it() -> None:
    random.seed(4)
    prior = _rows(40, "p")
    flipped = _rows(20, "c", right_if_state_role=False)  # the signal reversed: a model that saw it would learn it
    negated = {**_record("c9", 0, "FRAGOV", True), "negated": True}
    samples = [("a", _rows(20, "a"), _rows(20, "a")), ("b", _rows(20, "b"), _rows(20, "b")),
               ("c", flipped, [*flipped, negated])]
    rep = ec.forward_chain("events", prior, samples, 1.0, thresholds=(0.5, 0.9))
    assert [(name, row["trained_on"], row["shown"]) for name, row in rep["samples"].items()] == [
        ("a", 40, 20), ("b", 60, 20), ("c", 80, 20)]  # the negated event is never shown
    a, c = rep["samples"]["a"], rep["samples"]["c"]
    assert a["0.5"] == [9, 10]  # the ten state-role events kept, nine of them right
    assert c["0.5"] == [1, 10]  # fitted on the earlier samples only: the reversed verdicts of c were not seen
    pooled = rep["pooled"]["0.5"]
    assert pooled["right"] == 9 + 9 + 1 and pooled["kept"] == 30
    lo, hi = pooled["ci95"]
    assert lo < pooled["precision"] < hi
    assert rep["scored"] == 60 and rep["auc"] is not None and rep["auc_rule"] == 0.5  # one rule score: no ranking
    # with nothing before it, the first sample is not scored
    assert list(ec.forward_chain("events", [], samples, 1.0)["samples"]) == ["b", "c"]


def test_forward_samples_read_the_files_as_drawn_and_refreshed(tmp_path: Path, capsys: Any) -> None:
    random.seed(5)

    def write(path: Path, rows: list[dict[str, Any]]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    gone = {**_record("g", 0, "FRAGOV", True), "refresh": {"status": "gone"}}  # no verdict for today's claim
    write(tmp_path / "events.v4.jsonl", _rows(30, "p"))
    write(tmp_path / "refreshed" / "events.v4.jsonl", [*_rows(20, "p"), gone])
    for name, drawn, refreshed in ec.SHOWN_SAMPLES:
        write(tmp_path / drawn, _rows(12, name))
        if refreshed:
            write(tmp_path / "refreshed" / refreshed, _rows(8, name))
    sizes = {}
    for training in ec.TRAINING_SETS:
        prior, samples = ec.forward_samples(training, tmp_path)
        assert all(len(test) == 12 for _, _, test in samples)  # always scored as drawn
        sizes[training] = (len(prior), [len(rows) for _, rows, _ in samples])
    last = len(ec.SHOWN_SAMPLES) - 1  # the newest sample has no refreshed file
    assert sizes["drawn"] == (30, [12] * len(ec.SHOWN_SAMPLES))
    assert sizes["refreshed"] == (20, [8] * last + [0])
    assert sizes["both"] == (50, [20] * last + [12])
    with pytest.raises(ValueError):
        ec.forward_samples("today", tmp_path)
    assert ec.main(["forward", "--judged", str(tmp_path), "--training", "drawn", "--l2", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("training: drawn") and "pooled 0.6:" in out and "v9" in out
