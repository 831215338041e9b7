"""The event pattern lexicon (``data/event_patterns.tsv``): trigger patterns and frame tables.

A row is a verb (V), event noun (N) or predicate adjective (A) pattern with its CAMEO code, or a
light verb (L), container noun (K), speech verb (S), frame verb (F), frame-code map (M), credit
label (B: "Contributing:", "Reporting by": the sentence it begins gives no events) or implied agent
(I).  The
table is read once; the trigger matcher (``triggers``) looks patterns up by lemma.

An ambiguous trigger has several rows, its *senses*, told apart by the semantic class of an
argument: ``{slot:class|class}`` (``{!slot:class}`` for "not of that class") in the pattern, the
classes decided on the parse by ``argclass``.  A sense whose code is ``-`` is no event ("a
campaign rally", "called him a liar" is not a phone call).  The most specific matching row wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = ["NO_EVENT", "ArgTest", "Lexicon", "Pattern", "lexicon"]

NO_EVENT = "-"  # the code of a sense that is not an event


@dataclass(frozen=True, slots=True)
class ArgTest:
    """One argument condition of a sense: the ``slot``'s classes meet ``classes`` (or, ``negated``,
    do not).  Verb slots: subj, obj, pred, arg (any object or prepositional object); noun slots:
    src (possessor, "by"), tgt ("on", "against", "of", "to"), mod (modifiers), arg (any of these)."""

    slot: str
    classes: frozenset[str]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    kind: str  # V, N, A
    lemma: str
    code: str  # CAMEO code, or a frame name for A patterns
    prt: str | None = None
    obj: str | None = None
    mods: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    args: tuple[ArgTest, ...] = ()

    @property
    def specificity(self) -> int:
        # a positive argument test weighs as much as an object lemma; a negated one ("not an actor")
        # narrows a row without making it more specific
        return (2 if self.obj else 0) + (1 if self.prt else 0) + len(self.mods) + 2 * sum(
            not a.negated for a in self.args)


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    adjs: dict[str, list[Pattern]] = field(default_factory=dict)
    light: dict[str, str | None] = field(default_factory=dict)
    light_recv: set[str] = field(default_factory=set)
    containers: set[str] = field(default_factory=set)
    speech: dict[str, frozenset[str]] = field(default_factory=dict)
    frames: dict[str, list[tuple[str | None, str]]] = field(default_factory=dict)
    fmap: dict[str, dict[str, str]] = field(default_factory=dict)
    credits: list[str] = field(default_factory=list)  # B rows: byline/credit labels

    def is_credit(self, sentence: str) -> bool:
        """Whether ``sentence`` is a byline or credit line ("Contributing: ...", "(Reporting by ...")."""
        low = sentence.lstrip(" \t\n([").lower()
        for label in self.credits:
            if low.startswith(label) and (len(low) == len(label) or not low[len(label)].isalnum()):
                return True
        return False
    # I rows: trigger lemma -> [(code prefix, actor code)]: the agent an act implies when the text
    # names none ("were arrested": by the police); read by ``implied``
    implied: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def frame_code(self, frame: str, inner: str | None) -> str | None:
        table = self.fmap.get(frame, {})
        if inner:
            for n in range(len(inner), 1, -1):
                if inner[:n] in table:
                    return table[inner[:n]]
        return table.get("*")


_PAT = re.compile(r"<([^>]+)>|\[([^\]]+)\]|\{([^}]+)\}|([^\s<\[{]+)")
_DEFAULT_SLOT = {"V": "obj", "N": "arg", "A": "arg"}


def _arg_test(kind: str, text: str) -> ArgTest:
    """``{obj:document|speech}``, ``{!subj:money}``, ``{speech}`` (the kind's default slot)."""
    text = text.strip()
    negated = text.startswith("!")
    text = text.lstrip("!")
    slot, _, classes = text.rpartition(":")
    return ArgTest(slot.strip() or _DEFAULT_SLOT[kind],
                   frozenset(c.strip().lower() for c in classes.split("|") if c.strip()), negated)


def _parse_pattern(kind: str, text: str, code: str, flags: str) -> Pattern:
    prt = obj = None
    words: list[str] = []
    args: list[ArgTest] = []
    for m in _PAT.finditer(text):
        if m.group(3):
            args.append(_arg_test(kind, m.group(3)))
        elif m.group(1):
            prt = m.group(1).strip().lower()
        elif m.group(2):
            obj = m.group(2).strip().lower()
        else:
            words.append(m.group(4).lower())
    fl = frozenset(f.strip() for f in flags.split(",") if f.strip())
    targs = tuple(args)
    if kind == "N":
        if "of" in words:  # "state of emergency": head "state", modifier "of emergency"
            i = words.index("of")
            mods = (*words[: i - 1], "of " + " ".join(words[i + 1:]))
            return Pattern(kind, words[i - 1], code, prt, obj, mods, fl, targs)
        return Pattern(kind, words[-1], code, prt, obj, tuple(words[:-1]), fl, targs)
    return Pattern(kind, " ".join(words), code, prt, obj, (), fl, targs)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The pattern lexicon, loaded once from ``data/event_patterns.tsv``."""
    text = resources.files("newsgraph").joinpath("data/event_patterns.tsv").read_text(encoding="utf-8")
    lex = Lexicon()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [*line.split("\t"), "", "", ""]
        kind, pat, code, flags = cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip()
        if kind in ("V", "N", "A"):
            p = _parse_pattern(kind, pat, code, flags)
            table = {"V": lex.verbs, "N": lex.nouns, "A": lex.adjs}[kind]
            table.setdefault(p.lemma, []).append(p)
        elif kind == "L":
            p = _parse_pattern("V", pat, "", "")
            lex.light[p.lemma] = p.prt
            if "recv" in flags:
                lex.light_recv.add(p.lemma)
        elif kind == "K":
            lex.containers.add(pat.lower())
        elif kind == "S":
            lex.speech[pat.lower()] = frozenset(f for f in flags.split(",") if f)
        elif kind == "F":
            p = _parse_pattern("V", pat, code, "")
            lex.frames.setdefault(p.lemma, []).append((p.prt, code))
        elif kind == "B":
            lex.credits.append(pat.lower())
        elif kind == "M":
            lex.fmap.setdefault(pat, {})[code] = flags
        elif kind == "I":
            lex.implied.setdefault(pat.lower(), []).append((code, flags))
    for table in (lex.verbs, lex.nouns, lex.adjs):
        for pats in table.values():
            pats.sort(key=lambda p: -p.specificity)
    return lex
