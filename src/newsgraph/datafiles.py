"""Package data files (lexicons under newsgraph/data/): read once, shared by the stages."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=64)
def data_text(*parts: str) -> str:
    """Text of ``newsgraph/data/<parts...>``."""
    node = resources.files("newsgraph").joinpath("data")
    for p in parts:
        node = node.joinpath(p)
    return node.read_text(encoding="utf-8")


def tsv_rows(*parts: str, header: bool = False) -> list[list[str]]:
    """Rows of a TSV data file; '#' comment lines and blank lines skipped; header dropped if asked."""
    rows = [line.rstrip("\n").split("\t") for line in data_text(*parts).splitlines()
            if line.strip() and not line.startswith("#")]
    return rows[1:] if header else rows


def tsv_dicts(*parts: str) -> list[dict[str, str]]:
    """Rows of a TSV data file with a header line, as dicts (missing cells are '')."""
    rows = tsv_rows(*parts)
    if not rows:
        return []
    head = [h.strip() for h in rows[0]]
    return [{h: (r[i].strip() if i < len(r) else "") for i, h in enumerate(head)} for r in rows[1:]]
