"""The CAMEO event codebook: names, Goldstein scores, QuadClasses and the PLOVER map.

Loaded once from the package data file ``data/cameo_codes.tsv`` (public codebook facts).
``lookup(code)`` falls back to the nearest listed parent (``0314`` -> ``031`` -> ``03``), so a
code the coder builds by composition still gets a score and a class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["FORCE_ROOTS", "STATEMENT_ROOTS", "CameoCode", "asserted", "codebook", "lookup", "plover_type", "root_of"]

# roots whose events are statements about an act that may not happen: appeal (02), intent (03),
# demand (10), reject (12), threaten (13).  "promised to give aid" is an asserted 03x event, the
# giving an intended act.
STATEMENT_ROOTS = frozenset({"02", "03", "10", "12", "13"})
# roots of physical force: assault (18), fight (19), unconventional mass violence (20)
FORCE_ROOTS = frozenset({"18", "19", "20"})
# modalities of acts not told as happening (the clause layer's values): "if elected, he would
# appoint" (conditional), "could attack" (hypothetical), "should resign" (advised), "plans to visit"
# (intended, unless the event is itself the statement of intent)
_UNSURE_ACT = frozenset({"conditional", "hypothetical", "advised"})


def asserted(code: str, modality: str | None) -> bool:
    """Whether an event of ``code`` told with ``modality`` is told as happening (or as going to):
    not a conditional, hypothetical or advised act, nor an intended act that is not itself a
    statement (``STATEMENT_ROOTS``).  Non-asserted events are kept at a low confidence, and the
    GDELT export leaves them out as it leaves out negated ones."""
    m = modality or "asserted"
    if m in _UNSURE_ACT:
        return False
    return not (m == "intended" and code[:2] not in STATEMENT_ROOTS)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str  # "041", leading zeros kept
    name: str
    goldstein: float
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    root: str  # first two digits
    plover: str | None  # PLOVER event type, None for codes PLOVER leaves out (roots 01, 02)


@lru_cache(maxsize=1)
def codebook() -> dict[str, CameoCode]:
    """Every code of the codebook, by code string."""
    text = resources.files("newsgraph").joinpath("data/cameo_codes.tsv").read_text(encoding="utf-8")
    out: dict[str, CameoCode] = {}
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells, strict=False))
        code = row["code"].strip()
        out[code] = CameoCode(
            code=code, name=row.get("name", "").strip(),
            goldstein=float(row.get("goldstein") or 0.0), quad_class=int(row.get("quadclass") or 0),
            root=(row.get("root") or code[:2]).strip(),
            plover=(row.get("plover_event") or "").strip() or None,
        )
    return out


def root_of(code: str) -> str:
    """The root (first two digits) of a CAMEO code."""
    return code[:2]


def lookup(code: str) -> CameoCode | None:
    """The codebook entry for ``code``, or for its nearest listed parent; None when unknown."""
    book = codebook()
    c = code
    while c:
        if c in book:
            entry = book[c]
            if c == code:
                return entry
            return CameoCode(code, entry.name, entry.goldstein, entry.quad_class, entry.root, entry.plover)
        c = c[:-1] if len(c) > 2 else ""
    return None


def plover_type(code: str) -> str | None:
    """The PLOVER event type of a CAMEO code (via its parents), None when PLOVER has none."""
    entry = lookup(code)
    return entry.plover if entry else None
