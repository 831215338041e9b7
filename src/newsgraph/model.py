"""The data model: what flows through the pipeline.

Every annotation carries its evidence as character offsets into ``Article.text``
(the clean text: title, blank line, body).  ``Analysis.to_dict()`` gives the
output contract documented in ``docs/schema.md``; ``Analysis.from_dict`` reads
it back losslessly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Literal

JSON = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Article.text``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_dict(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: JSON | None) -> Span | None:
        if not d:
            return None
        return cls(int(d["start"]), int(d["end"]), str(d.get("text", "")))


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes or text as a reader found them, before any parsing."""

    source: str  # path, path#line, path#record or "-"
    format: Literal["markdown", "text", "html", "jsonl", "feed", "warc"]
    content: str  # decoded text (HTML for html)
    id: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    bylines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """A document that could not be processed, with a stable reason code."""

    source: str
    code: str  # e.g. "E101"
    message: str

    def to_dict(self) -> JSON:
        return {"error": {"code": self.code, "message": self.message, "source": self.source}}


@dataclass(frozen=True, slots=True)
class Byline:
    name: str
    kind: Literal["person", "agency", "organisation"]


@dataclass(frozen=True, slots=True)
class Published:
    value: str  # ISO 8601: 2024-02-08, 2024-02, 2024-02-08T15:00:00+00:00
    precision: Literal["year", "month", "day", "time"]
    source: str  # where it came from: input, markdown, htmldate, url, meta, ...


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    title: str
    url: str | None = None
    outlet: str | None = None
    bylines: tuple[Byline, ...] = ()
    published: Published | None = None
    language: str | None = None
    captions: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    source: str = ""
    content_hash: str = ""

    @property
    def body_start(self) -> int:
        """Offset where the body begins (after the title and blank line)."""
        if self.title and self.text.startswith(self.title):
            return min(len(self.text), len(self.title) + 2)
        return 0

    def to_dict(self) -> JSON:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "bylines": [b.name for b in self.bylines],
            "byline_kinds": [b.kind for b in self.bylines],
            "published": self.published.value if self.published else None,
            "published_precision": self.published.precision if self.published else None,
            "published_source": self.published.source if self.published else None,
            "language": self.language,
            "captions": list(self.captions),
            "related": list(self.related),
            "source": self.source,
            "content_hash": self.content_hash,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: JSON) -> Article:
        names = d.get("bylines") or []
        kinds = d.get("byline_kinds") or ["person"] * len(names)
        pub = None
        if d.get("published"):
            pub = Published(d["published"], d.get("published_precision") or "day",
                            d.get("published_source") or "input")
        return cls(
            id=d["id"], text=d.get("text") or "", title=d.get("title") or "",
            url=d.get("url"), outlet=d.get("outlet"),
            bylines=tuple(Byline(n, k) for n, k in zip(names, kinds, strict=False)),
            published=pub, language=d.get("language"),
            captions=tuple(d.get("captions") or ()), related=tuple(d.get("related") or ()),
            source=d.get("source") or "", content_hash=d.get("content_hash") or "",
        )


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str  # the NER label of this mention (or "ACTOR" for lexicon-only finds)


@dataclass(frozen=True, slots=True)
class Entity:
    id: str  # e1, e2, ... in order of first mention
    type: str  # OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, ...
    name: str  # canonical name ("Xi Jinping")
    mentions: tuple[Mention, ...]
    actor: str | None = None  # CAMEO actor code: CHNGOV
    country: str | None = None  # ISO alpha-3 or CAMEO region code
    role: str | None = None  # "President of China", "Kremlin aide"
    kb_id: str | None = None  # id in the actor lexicon
    actor_source: str | None = None  # the rule or table row that gave ``actor``: "role:Sen.+title-country:USA"

    def to_dict(self) -> JSON:
        return {
            "id": self.id, "type": self.type, "name": self.name, "actor": self.actor,
            "country": self.country, "role": self.role, "kb_id": self.kb_id, "actor_source": self.actor_source,
            "mentions": [{"start": m.start, "end": m.end, "text": m.text, "label": m.label}
                         for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: JSON) -> Entity:
        return cls(
            id=d["id"], type=d["type"], name=d["name"],
            mentions=tuple(Mention(m["start"], m["end"], m["text"], m.get("label") or d["type"])
                           for m in d.get("mentions") or ()),
            actor=d.get("actor"), country=d.get("country"), role=d.get("role"),
            kb_id=d.get("kb_id"), actor_source=d.get("actor_source"),
        )


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A pointer to an entity (or a bare actor code when no entity is named)."""

    entity: str | None
    actor: str | None
    name: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> JSON:
        return {"entity": self.entity, "actor": self.actor, "name": self.name,
                "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: JSON | None) -> EntityRef | None:
        if not d:
            return None
        return cls(d.get("entity"), d.get("actor"), d.get("name"), d.get("start"), d.get("end"))


@dataclass(frozen=True, slots=True)
class Timex:
    span: Span
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    mod: str | None = None
    anchor: str | None = None  # the date it was resolved against

    def to_dict(self) -> JSON:
        return {**self.span.to_dict(), "type": self.type, "value": self.value,
                "mod": self.mod, "anchor": self.anchor}

    @classmethod
    def from_dict(cls, d: JSON) -> Timex:
        return cls(Span(d["start"], d["end"], d["text"]), d["type"], d["value"],
                   d.get("mod"), d.get("anchor"))


@dataclass(frozen=True, slots=True)
class Quote:
    span: Span
    kind: Literal["direct", "partial", "indirect", "thought"]
    speaker: EntityRef | None
    cue: Span | None
    channel: Span | None
    confidence: float = 0.5
    # the quoted text itself, one span per quotation (an interrupted quote has two; the narration
    # between them, "he said", is not content); empty when the content is the whole ``span``
    parts: tuple[Span, ...] = ()
    # the extractor's rule-based score, before calibration (``newsgraph.calibration``); None when unknown
    rule_confidence: float | None = None

    def to_dict(self) -> JSON:
        return {**self.span.to_dict(), "kind": self.kind,
                "speaker": self.speaker.to_dict() if self.speaker else None,
                "cue": self.cue.to_dict() if self.cue else None,
                "channel": self.channel.to_dict() if self.channel else None,
                "confidence": self.confidence,
                "parts": [p.to_dict() for p in self.parts], "rule_confidence": self.rule_confidence}

    @classmethod
    def from_dict(cls, d: JSON) -> Quote:
        parts = tuple(p for p in (Span.from_dict(x) for x in d.get("parts") or ()) if p is not None)
        return cls(Span(d["start"], d["end"], d["text"]), d["kind"],
                   EntityRef.from_dict(d.get("speaker")), Span.from_dict(d.get("cue")),
                   Span.from_dict(d.get("channel")), float(d.get("confidence", 0.5)), parts,
                   _opt_float(d.get("rule_confidence")))


@dataclass(frozen=True, slots=True)
class Amount:
    span: Span
    value: float
    unit: str | None  # ISO 4217 currency, "PERCENT", or a noun ("people")
    kind: Literal["money", "percent", "count", "quantity"]
    measure: Span | None = None
    date: str | None = None
    source: Span | None = None

    def to_dict(self) -> JSON:
        return {**self.span.to_dict(), "value": self.value, "unit": self.unit, "kind": self.kind,
                "measure": self.measure.to_dict() if self.measure else None,
                "date": self.date, "source": self.source.to_dict() if self.source else None}

    @classmethod
    def from_dict(cls, d: JSON) -> Amount:
        return cls(Span(d["start"], d["end"], d["text"]), d["value"], d.get("unit"),
                   d.get("kind", "quantity"), Span.from_dict(d.get("measure")), d.get("date"),
                   Span.from_dict(d.get("source")))


@dataclass(frozen=True, slots=True)
class Place:
    span: Span
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None = None
    feature: str | None = None  # country, city, region, ...
    entity: str | None = None

    def to_dict(self) -> JSON:
        return {**self.span.to_dict(), "name": self.name, "country": self.country,
                "lat": self.lat, "lon": self.lon, "geonames_id": self.geonames_id,
                "feature": self.feature, "entity": self.entity}

    @classmethod
    def from_dict(cls, d: JSON) -> Place:
        return cls(Span(d["start"], d["end"], d["text"]), d["name"], d.get("country"),
                   d.get("lat"), d.get("lon"), d.get("geonames_id"), d.get("feature"),
                   d.get("entity"))


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str
    precision: str
    anchor: Literal["published", "text", "narrative"] = "published"

    def to_dict(self) -> JSON:
        return {"value": self.value, "precision": self.precision, "anchor": self.anchor}


@dataclass(frozen=True, slots=True)
class EventEvidence:
    """How the coder found an event's date and parties (what its codes do not show; read by the calibrated
    confidence): the date's basis (``events.anchoring.DATE_BASES``) and, for each party, how its actor was
    found and where the coder took it from (``events.parties.PARTY_HOW`` / ``PARTY_VIA``; None: no party)."""

    date: str
    source_how: str | None = None
    source_via: str | None = None
    target_how: str | None = None
    target_via: str | None = None

    def to_dict(self) -> JSON:
        return {"date": self.date, "source_how": self.source_how, "source_via": self.source_via,
                "target_how": self.target_how, "target_via": self.target_via}

    @classmethod
    def from_dict(cls, d: JSON | None) -> EventEvidence | None:
        if not d or not d.get("date"):
            return None
        return cls(str(d["date"]), d.get("source_how"), d.get("source_via"), d.get("target_how"),
                   d.get("target_via"))


@dataclass(frozen=True, slots=True)
class Event:
    code: str
    root: str
    quad_class: int
    goldstein: float
    source: EntityRef | None
    target: EntityRef | None
    date: EventDate | None
    place: Place | None
    sentence: Span
    trigger: Span
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.5
    name: str = ""
    # the coder's rule-based score, before calibration (``newsgraph.calibration``); None when unknown
    rule_confidence: float | None = None
    evidence: EventEvidence | None = None  # how the date and parties were found (None: not recorded)

    def to_dict(self) -> JSON:
        return {
            "code": self.code, "root": self.root, "name": self.name, "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date.to_dict() if self.date else None,
            "place": self.place.to_dict() if self.place else None,
            "sentence": self.sentence.to_dict(), "trigger": self.trigger.to_dict(),
            "negated": self.negated, "modality": self.modality, "confidence": self.confidence,
            "rule_confidence": self.rule_confidence,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }

    @classmethod
    def from_dict(cls, d: JSON) -> Event:
        date = d.get("date")
        return cls(
            code=d["code"], root=d["root"], quad_class=int(d["quad_class"]),
            goldstein=float(d["goldstein"]), source=EntityRef.from_dict(d.get("source")),
            target=EntityRef.from_dict(d.get("target")),
            date=EventDate(date["value"], date["precision"], date.get("anchor", "published"))
            if date else None,
            place=Place.from_dict(d["place"]) if d.get("place") else None,
            sentence=Span(d["sentence"]["start"], d["sentence"]["end"], d["sentence"].get("text", "")),
            trigger=Span(d["trigger"]["start"], d["trigger"]["end"], d["trigger"].get("text", "")),
            negated=bool(d.get("negated")), modality=d.get("modality", "asserted"),
            confidence=float(d.get("confidence", 0.5)), name=d.get("name", ""),
            rule_confidence=_opt_float(d.get("rule_confidence")),
            evidence=EventEvidence.from_dict(d.get("evidence")),
        )


@dataclass(frozen=True, slots=True)
class Theme:
    code: str
    spans: tuple[Span, ...]

    def to_dict(self) -> JSON:
        return {"code": self.code, "spans": [s.to_dict() for s in self.spans]}

    @classmethod
    def from_dict(cls, d: JSON) -> Theme:
        return cls(d["code"], tuple(Span(s["start"], s["end"], s.get("text", "")) for s in d["spans"]))


@dataclass(frozen=True, slots=True)
class Tone:
    tone: float
    positive: float
    negative: float
    polarity: float
    activity: float = 0.0
    self_group: float = 0.0
    word_count: int = 0

    def to_dict(self) -> JSON:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: JSON | None) -> Tone | None:
        if not d:
            return None
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article and all its annotations: the one object that flows."""

    article: Article
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timexes: tuple[Timex, ...] = ()
    amounts: tuple[Amount, ...] = ()
    places: tuple[Place, ...] = ()
    themes: tuple[Theme, ...] = ()
    tone: Tone | None = None
    stages: tuple[str, ...] = field(default=())  # names and versions of the stages that ran

    def to_dict(self) -> JSON:
        return {
            "article": self.article.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "timexes": [t.to_dict() for t in self.timexes],
            "amounts": [a.to_dict() for a in self.amounts],
            "places": [p.to_dict() for p in self.places],
            "themes": [t.to_dict() for t in self.themes],
            "tone": self.tone.to_dict() if self.tone else None,
            "stages": list(self.stages),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: JSON) -> Analysis:
        return cls(
            article=Article.from_dict(d["article"]),
            entities=tuple(Entity.from_dict(x) for x in d.get("entities") or ()),
            events=tuple(Event.from_dict(x) for x in d.get("events") or ()),
            quotes=tuple(Quote.from_dict(x) for x in d.get("quotes") or ()),
            timexes=tuple(Timex.from_dict(x) for x in d.get("timexes") or ()),
            amounts=tuple(Amount.from_dict(x) for x in d.get("amounts") or ()),
            places=tuple(Place.from_dict(x) for x in d.get("places") or ()),
            themes=tuple(Theme.from_dict(x) for x in d.get("themes") or ()),
            tone=Tone.from_dict(d.get("tone")),
            stages=tuple(d.get("stages") or ()),
        )

    @classmethod
    def from_json(cls, s: str) -> Analysis:
        import json

        return cls.from_dict(json.loads(s))


def _opt_float(x: Any) -> float | None:
    """``x`` as a float, None kept (an optional number of a JSON record)."""
    return None if x is None else float(x)


def is_model(obj: object) -> bool:
    return is_dataclass(obj)
