"""Which rule gave an entity its actor code, in a form that can be counted (``rule_of``).

Every coded entity records in ``actor_source`` the rule or table row that gave its code
("role:chief executive+context:GBR", "lexicon:country:IND", "leaders.tsv:Jane Doe@2001-01-20").  Those
strings carry names and codes; ``rule_of`` keeps only the kinds of the steps ("role+context",
"lexicon:country", "leaders"), so that the precision of each rule can be measured on judged samples
(evaluation/entity_sources.py) and a rule too often wrong can withhold its code.

Calibrated abstention: data/actors/withheld_rules.tsv lists the rules (per entity type) whose codes
were fully right too rarely on the judged samples (the table and the policy that chose them: written by
``python -m newsgraph.evaluation.entity_sources --write-table``).  An entity coded by one of them keeps
its type, name and mentions but no code; ``actor_source`` says why: "withheld:CODE:SOURCE".
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import tsv_dicts

__all__ = ["LEADER_SOURCE", "WITHHELD", "rule_code", "rule_of", "withheld", "withheld_code", "withheld_rules",
           "withheld_source"]

_CODE = re.compile(r"[A-Z]{3}")
LEADER_SOURCE = "leaders.tsv:"  # the prefix of a code from the leader table (actors/lexicon.py writes it)
# step kinds whose value is not a name and that are kept as they are written ("former", "candidacy", ...)
_LEADER_TAILS = ("former-in-text", "former", "not-in-office-on-date", "country")


def _step(part: str) -> str:
    head, _, rest = part.partition(":")
    if head == "lexicon":
        return "lexicon:" + (rest.partition(":")[0] or "?")
    if head == "phrase":
        return "phrase:country" if _CODE.fullmatch(rest) else "phrase:name"
    if head + ":" == LEADER_SOURCE:
        tail = next((t for t in _LEADER_TAILS if rest.endswith(":" + t)), "")
        return "leaders" + (":" + tail if tail else "")
    if head == "ambiguous.tsv":
        return "ambiguous"
    return head


def rule_of(source: str | None) -> str:
    """The kinds of the steps of an ``actor_source``, joined by "+": "role:firm+context:GBR" ->
    "role+context"; "lexicon:capital:London" -> "lexicon:capital"; a missing source is "none"."""
    if not source:
        return "none"
    if source.startswith("role-group:"):
        return "role-group"  # the rest is the group's own words
    if source.startswith(("spokesperson-for:", "official-of:")):
        return source.partition(":")[0]
    steps: list[str] = []
    for part in source.split("+"):
        # "ambiguous.tsv:Congress+context:IND=lexicon:party:INC": the row chosen after "="
        step = _step(part.partition("=")[0])
        if step not in steps:
            steps.append(step)
    return "+".join(steps)


WITHHELD = "withheld:"


def withheld_source(code: str, source: str | None) -> str:
    """The ``actor_source`` of an entity whose code a rule too often wrong withheld: "withheld:CODE:SOURCE"."""
    return f"{WITHHELD}{code}:{source or ''}"


def withheld_code(source: str) -> tuple[str, str]:
    """(code, original source) of a withheld ``actor_source``."""
    code, _, rest = source.removeprefix(WITHHELD).partition(":")
    return code, rest


@lru_cache(maxsize=1)
def withheld_rules() -> frozenset[tuple[str, str]]:
    """(rule, entity type) pairs whose code is withheld (data/actors/withheld_rules.tsv)."""
    return frozenset((r["rule"], r["type"]) for r in tsv_dicts("actors", "withheld_rules.tsv")
                     if r.get("rule") and r.get("type"))


def withheld(source: str | None, entity_type: str) -> bool:
    """Whether a code given by ``source`` to an entity of ``entity_type`` is withheld."""
    return (rule_of(source), entity_type) in withheld_rules()


def rule_code(actor: str | None, source: str | None) -> str | None:
    """The code the rule gave, withheld or not: ``actor``, else the code kept in a withheld ``actor_source``."""
    if actor or not (source or "").startswith(WITHHELD):
        return actor
    return withheld_code(source or "")[0]
