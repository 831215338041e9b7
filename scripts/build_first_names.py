"""Build src/newsgraph/data/mentions/first_names.tsv: first names with the gender recorded for
the people who bore them, from the U.S. Congress legislators data set.

Source: ../shared/data/reference/us_congress/legislators-current.yaml and executive.yaml, from the
@unitedstates "congress-legislators" project (public domain, CC0-1.0). Each record has ``name.first``
(and sometimes ``name.nickname``) and ``bio.gender`` (M or F). A name is kept only when every
person bearing it has the same gender, so the table never guesses: "Jordan" borne by men only
stays male; a name borne by both is left out. The mention layer uses the table as one weak signal
of a person's gender (titles and pronouns in the article come first).

Usage:  python scripts/build_first_names.py [DATA_DIR]   (DATA_DIR defaults to ../shared/data)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data" / "mentions" / "first_names.tsv"


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data"
    ref = data / "reference" / "us_congress"
    seen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for fname in ("legislators-current.yaml", "executive.yaml"):
        for person in yaml.safe_load((ref / fname).read_text(encoding="utf-8")):
            gender = (person.get("bio") or {}).get("gender")
            name = person.get("name") or {}
            if gender not in ("M", "F"):
                continue
            for key in ("first", "nickname"):
                first = (name.get(key) or "").strip().rstrip(".")
                if first and first.isalpha() and len(first) > 1:
                    seen[first][gender] += 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# First names and the gender of every person who bore them in the U.S. Congress legislators",
             "# data (legislators-current.yaml, executive.yaml; @unitedstates congress-legislators, public",
             "# domain). Built by scripts/build_first_names.py; names borne by both genders are left out.",
             "name\tgender\tpeople"]
    for first in sorted(seen):
        counts = seen[first]
        if len(counts) != 1:
            continue
        (gender, n), = counts.items()
        lines.append(f"{first}\t{gender}\t{n}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 4} names -> {OUT}")


if __name__ == "__main__":
    main()
