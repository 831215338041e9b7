"""NER evaluation on CoNLL++ (data/ner/conllpp.dev.conll): entity-level exact match, micro P/R/F1.

Documents are rebuilt as the reference harness does (tokens joined by one space,
sentences by a newline); predicted mentions are mapped to the tokens they overlap;
spaCy labels map to CoNLL types (PERSON->PER; GPE, LOC, FAC->LOC; ORG->ORG; NORP,
EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE->MISC).  spaCy's own entities on the same
documents are scored in the same run as the baseline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from .common import article_for, prf

TO_CONLL = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "MISC",
            "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC"}
Token = tuple[int, int, str]


def read_conll(path: Path) -> list[tuple[str, list[Token]]]:
    """[(text, [(start, end, tag)])] per -DOCSTART- document."""
    docs: list[list[list[tuple[str, str]]]] = []
    sent: list[tuple[str, str]] = []
    cur: list[list[tuple[str, str]]] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if cur is not None:
                if sent:
                    cur.append(sent)
                docs.append(cur)
            cur, sent = [], []
        elif not line.strip():
            if sent and cur is not None:
                cur.append(sent)
            sent = []
        else:
            parts = line.split()
            if cur is None:
                cur = []
            sent.append((parts[0], parts[-1]))
    if cur is not None:
        if sent:
            cur.append(sent)
        docs.append(cur)
    out = []
    for sents in docs:
        text, toks, pos = [], [], 0
        for si, s in enumerate(sents):
            if si:
                text.append("\n")
                pos += 1
            for ti, (w, tag) in enumerate(s):
                if ti:
                    text.append(" ")
                    pos += 1
                toks.append((pos, pos + len(w), tag))
                text.append(w)
                pos += len(w)
        out.append(("".join(text), toks))
    return out


def gold_entities(tokens: list[Token]) -> set[tuple[int, int, str]]:
    ents: set[tuple[int, int, str]] = set()
    start: int | None = None
    typ: str | None = None
    for i, (_, _, tag) in enumerate([*tokens, (0, 0, "O")]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != typ):
            if start is not None and typ is not None:
                ents.add((start, i, typ))
            start, typ = (i, tag[2:]) if tag != "O" else (None, None)
    return ents


def _to_tokens(tokens: list[Token], s: int, e: int) -> tuple[int, int] | None:
    idx = [i for i, (a, b, _) in enumerate(tokens) if a < e and s < b]
    return (idx[0], idx[-1] + 1) if idx else None


def evaluate(data: Path, *, settings: Settings | None = None, limit: int | None = None) -> dict[str, Any]:
    from ..nlp.spacy_model import load_nlp
    from ..pipeline import annotate

    settings = (settings or load_settings()).with_overrides(stages=("entities.v1",))
    docs = read_conll(Path(data) / "ner" / "conllpp.dev.conll")[:limit]
    nlp = load_nlp(settings.spacy_model)
    counts = {"newsgraph": [0, 0, 0], "spacy": [0, 0, 0]}
    per_type: dict[str, list[int]] = {t: [0, 0, 0] for t in ("PER", "LOC", "ORG", "MISC")}
    for i, (text, toks) in enumerate(docs):
        gold = gold_entities(toks)
        a = annotate(article_for(text, id=f"conllpp-{i:03d}"), settings)
        pred: set[tuple[int, int, str]] = set()
        for ent in a.entities:
            typ = TO_CONLL.get(ent.type)
            if typ is None:
                continue
            for m in ent.mentions:
                if m.label == "DESC":
                    continue
                tk = _to_tokens(toks, m.start, m.end)
                if tk:
                    pred.add((tk[0], tk[1], typ))
        base: set[tuple[int, int, str]] = set()
        for e in nlp(text).ents:
            typ = TO_CONLL.get(e.label_)
            tk = _to_tokens(toks, e.start_char, e.end_char) if typ else None
            if tk and typ:
                base.add((tk[0], tk[1], typ))
        for key, p in (("newsgraph", pred), ("spacy", base)):
            c = counts[key]
            c[0] += len(gold & p)
            c[1] += len(p)
            c[2] += len(gold)
        for t, c in per_type.items():
            g = {x for x in gold if x[2] == t}
            p = {x for x in pred if x[2] == t}
            c[0] += len(g & p)
            c[1] += len(p)
            c[2] += len(g)
    return {
        "task": "ner", "documents": len(docs),
        "newsgraph": prf(*counts["newsgraph"]),
        "spacy_en_core_web_sm": prf(*counts["spacy"]),
        "per_type": {t: prf(*c) for t, c in per_type.items()},
    }
