"""The police evaluation: sentence mapping, event labels, keyword baseline and the counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgraph.evaluation.police import evaluate, event_labels, keyword_labels, score
from newsgraph.model import EntityRef, Event, Span

KW = {"police": ["police", "cops"], "police_acronyms": ["crpf "], "arrest": ["arrested", "held"],
      "kill": ["killed"], "other_force": ["fired", "lathi"], "intervene": ["stood by"]}

# two invented articles; sentences are substrings of the text in order
TEXT1 = "surat: police arrested five men. cops fired in the air. the market stayed shut."
TEXT2 = "a man was killed in police firing. the crpf men stood by. rain fell."
RECS: list[dict[str, Any]] = [
    {"id": "a1", "date": "2002-03-01", "url": None, "text": TEXT1, "sentences": [
        {"sent_id": 0, "text": "surat: police arrested five men.", "labels": ["ARREST", "ANY_ACTION"]},
        {"sent_id": 1, "text": "cops fired in the air.", "labels": ["FORCE", "ANY_ACTION"]},
        {"sent_id": 2, "text": "the market stayed shut.", "labels": []}]},
    {"id": "a2", "date": "2002-03-02", "url": None, "text": TEXT2, "sentences": [
        {"sent_id": 0, "text": "a man was killed in police firing.", "labels": ["KILL", "FORCE", "ANY_ACTION"]},
        {"sent_id": 1, "text": "the crpf men stood by.", "labels": ["FAIL", "ANY_ACTION"]},
        {"sent_id": 2, "text": "rain fell.", "labels": []}]},
]


def _ev(text: str, trigger: str, code: str, source: str | None, *, negated: bool = False) -> Event:
    s = text.index(trigger)
    return Event(code=code, root=code[:2], quad_class=4, goldstein=-5.0,
                 source=EntityRef(None, source) if source else None, target=None, date=None, place=None,
                 sentence=Span(0, len(text), text), trigger=Span(s, s + len(trigger), trigger), negated=negated)


def test_event_labels_follow_the_codebook_mapping() -> None:
    assert event_labels(_ev(TEXT1, "arrested", "173", None)) == {"ARREST"}
    assert event_labels(_ev(TEXT1, "arrested", "173", "INDCOP")) == {"ARREST", "ANY_ACTION"}
    assert event_labels(_ev(TEXT1, "fired", "190", "INDCOP")) == {"FORCE", "ANY_ACTION"}
    assert event_labels(_ev(TEXT1, "fired", "190", "INDMIL")) == set()
    assert event_labels(_ev(TEXT2, "killed", "190", "COP")) == {"KILL", "FORCE", "ANY_ACTION"}
    assert event_labels(_ev(TEXT1, "fired", "175", "COP")) == {"FORCE", "ANY_ACTION"}
    assert event_labels(_ev(TEXT1, "arrested", "173", "COP", negated=True)) == set()


def test_keyword_baseline_needs_a_police_word() -> None:
    assert keyword_labels("police arrested five men.", KW) == {"ARREST", "ANY_ACTION"}
    assert keyword_labels("five men were arrested.", KW) == set()
    assert keyword_labels("a man was killed in police firing.", KW) == {"KILL", "FORCE", "ANY_ACTION"}
    assert keyword_labels("the crpf men stood by.", KW) == {"ANY_ACTION"}  # acronym with its space


def test_score_counts_sentences() -> None:
    preds = [
        [_ev(TEXT1, "arrested", "173", "INDCOP"),  # sentence 0: ARREST + ANY_ACTION, both right
         _ev(TEXT1, "stayed", "190", "INDCOP")],  # sentence 2: FORCE + ANY_ACTION, both wrong
        [_ev(TEXT2, "killed", "190", "INDCOP")],  # sentence 0: KILL, FORCE, ANY_ACTION, right
    ]
    out = score(zip(RECS, preds, strict=True), KW)
    ng = out["newsgraph"]
    assert (ng["ARREST"]["tp"], ng["ARREST"]["n_pred"], ng["ARREST"]["n_gold"]) == (1, 1, 1)
    assert (ng["FORCE"]["tp"], ng["FORCE"]["n_pred"], ng["FORCE"]["n_gold"]) == (1, 2, 2)
    assert (ng["KILL"]["tp"], ng["KILL"]["n_pred"], ng["KILL"]["n_gold"]) == (1, 1, 1)
    assert (ng["ANY_ACTION"]["tp"], ng["ANY_ACTION"]["n_pred"], ng["ANY_ACTION"]["n_gold"]) == (2, 3, 4)
    assert ng["ANY_ACTION"]["precision"] == round(2 / 3, 4) and ng["ANY_ACTION"]["recall"] == 0.5
    peer = out["peer_keywords"]
    # baseline: a1 s0 ARREST+ANY, a1 s1 FORCE+ANY, a2 s0 KILL+FORCE+ANY, a2 s1 ANY
    assert (peer["ANY_ACTION"]["tp"], peer["ANY_ACTION"]["n_pred"]) == (4, 4)
    assert (peer["FORCE"]["tp"], peer["FORCE"]["n_pred"]) == (2, 2)
    assert out["sentences"] == 6 and out["unaligned_sentences"] == 0
    assert out["gold_positives"]["ANY_ACTION"] == 4


def test_evaluate_splits_even_and_odd_articles(tmp_path: Path) -> None:
    ev = tmp_path / "events"
    ev.mkdir()
    (ev / "police_events.dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECS), encoding="utf-8")
    (ev / "police_keywords.json").write_text(json.dumps(KW), encoding="utf-8")
    out = evaluate(tmp_path)
    assert out["dev"]["articles"] == 1 and out["aside"]["articles"] == 1 and out["all"]["articles"] == 2
    assert out["dev"]["gold_positives"]["ARREST"] == 1 and out["aside"]["gold_positives"]["KILL"] == 1
    assert out["all"]["peer_keywords"]["ANY_ACTION"]["tp"] == 4
    assert evaluate(tmp_path, limit=1)["all"]["articles"] == 1
