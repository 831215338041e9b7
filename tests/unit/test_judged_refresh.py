"""Judged events matched to today's output (``judged_refresh``): same claim, re-judged claim, changed, gone."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from newsgraph.evaluation.judged_events import EMPTY
from newsgraph.evaluation.judged_refresh import _records, refresh_rows


def _item(trigger: int, date: str | None, full: bool | None = None, conf: float = 0.5) -> dict[str, Any]:
    it: dict[str, Any] = {
        "item": f"a:{trigger}", "article": "a", "source": "cnn", "third": 0, "text_sha1": "x",
        "trigger": [trigger, trigger + 4], "sentence": [0, 100], "root": "04", "code": "040",
        "source_party": {"actor": "NOR", "span": [0, 6]}, "target_party": {"actor": "SWE", "span": [20, 26]},
        "negated": False, "date": {"value": date, "precision": "day", "anchor": "published"} if date else None,
        "confidence": conf, "evidence": {"date": "published"},
        **copy.deepcopy(EMPTY),
    }
    if full is not None:
        it["verdict"].update({"real": True, "code": True, "source": True, "target": True, "date": full,
                              "full": full})
    return it


def test_refresh_matches_same_changed_rejudged_and_gone() -> None:
    old = [_item(10, "2024-03-10", True), _item(40, "2024-03-10", False), _item(60, "2024-03-10", False),
           _item(80, None, True), _item(90, None)]
    now = [_item(10, "2024-03-10", conf=0.9), _item(40, None), _item(60, None)]
    again = [_item(60, None, True)]
    rows = refresh_rows(old, now, "f", again)
    status = {r["refresh"]["from"]: r["refresh"]["status"] for r in rows}
    assert status == {"a:10": "same", "a:40": "changed", "a:60": "rejudged", "a:80": "gone"}  # a:90 unjudged
    same = next(r for r in rows if r["refresh"]["from"] == "a:10")
    assert same["confidence"] == 0.9 and same["verdict"]["full"] is True  # today's item, the old verdict
    changed = next(r for r in rows if r["refresh"]["from"] == "a:40")
    assert changed["verdict"]["full"] is None and changed["previous"]["date"]["value"] == "2024-03-10"
    assert next(r for r in rows if r["refresh"]["from"] == "a:60")["verdict"]["full"] is True


def test_records_reads_the_other_real_news_sources(tmp_path: Path) -> None:
    """Items drawn from polnear and tempeval (judged_events.OTHER_SOURCES) find their articles again."""
    (tmp_path / "quotes").mkdir()
    (tmp_path / "timex").mkdir()
    (tmp_path / "quotes" / "polnear.train_dev.jsonl").write_text(
        json.dumps({"id": "pn-1", "text": "The mayor spoke.", "date": "2016-03-01"}) + "\n"
        + json.dumps({"id": "pn-2", "text": "Not wanted.", "date": "2016-03-02"}) + "\n")
    (tmp_path / "timex" / "tempeval3_docs.train.jsonl").write_text(
        json.dumps({"doc_id": "te-1", "text": "The envoy left.", "dct": "1998-02-03"}) + "\n")
    got = _records(tmp_path, {"pn-1": "polnear", "te-1": "tempeval"})
    assert sorted((name, r["id"], r["date"]) for name, r in got) == [
        ("polnear", "pn-1", "2016-03-01"), ("tempeval", "te-1", "1998-02-03")]
