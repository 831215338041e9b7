"""Gender evidence for people named in an article: courtesy titles, gendered role nouns,
pronouns already linked to them, and a sourced first-name table.

Gender is used only to keep a pronoun or a "Mrs. Clinton" from joining the wrong person;
it is never output.  Values are "M", "F" or None (unknown).  The first-name table
(data/mentions/first_names.tsv) is built by scripts/build_first_names.py from the U.S.
Congress legislators data (public domain) and keeps only names every bearer of which had
the same recorded gender, so it is small and U.S.-centred: a person whose first name is
not in it stays unknown unless the article itself says (a title, a pronoun, a role noun).
"""

from __future__ import annotations

from functools import lru_cache

from ..datafiles import tsv_dicts

# courtesy titles, lower-cased without the full stop
TITLES: dict[str, str] = {"mr": "M", "mrs": "F", "ms": "F", "miss": "F", "sir": "M", "madam": "F",
                          "madame": "F", "lady": "F", "lord": "M", "dame": "F", "mme": "F", "mlle": "F",
                          "monsieur": "M", "senor": "M", "señor": "M", "senora": "F", "señora": "F"}

# nouns that say a person's gender ("spokeswoman Jane Doe", "her husband, Bill")
ROLE_NOUNS: dict[str, str] = {
    "spokeswoman": "F", "spokesman": "M", "congresswoman": "F", "congressman": "M",
    "chairwoman": "F", "chairman": "M", "businesswoman": "F", "businessman": "M",
    "councilwoman": "F", "councilman": "M", "assemblywoman": "F", "assemblyman": "M",
    "alderwoman": "F", "alderman": "M", "policewoman": "F", "policeman": "M",
    "sportswoman": "F", "sportsman": "M", "stateswoman": "F", "statesman": "M",
    "husband": "M", "wife": "F", "mother": "F", "father": "M", "son": "M", "daughter": "F",
    "brother": "M", "sister": "F", "king": "M", "queen": "F", "prince": "M", "princess": "F",
    "actress": "F", "actor": "M", "widow": "F", "widower": "M", "grandmother": "F", "grandfather": "M",
    "uncle": "M", "aunt": "F", "nephew": "M", "niece": "F", "duke": "M", "duchess": "F",
    "emperor": "M", "empress": "F", "boy": "M", "girl": "F", "man": "M", "woman": "F",
    "boyfriend": "M", "girlfriend": "F", "mom": "F", "dad": "M", "grandson": "M", "granddaughter": "F",
}

PRONOUNS: dict[str, str] = {"he": "M", "him": "M", "his": "M", "himself": "M",
                            "she": "F", "her": "F", "hers": "F", "herself": "F"}


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """{first name: "M" | "F"} from data/mentions/first_names.tsv."""
    return {r["name"]: r["gender"] for r in tsv_dicts("mentions", "first_names.tsv") if r.get("name")}


def title_gender(word: str) -> str | None:
    """Gender a courtesy title says ("Mrs." -> "F"), else None."""
    return TITLES.get(word.lower().rstrip("."))


def first_name_gender(word: str) -> str | None:
    """Gender of a first name in the sourced table ("Hillary" -> "F"), else None."""
    return first_names().get(word)


def role_gender(word: str) -> str | None:
    """Gender a role noun says ("spokeswoman" -> "F"), else None."""
    return ROLE_NOUNS.get(word.lower())


def pronoun_gender(word: str) -> str | None:
    """Gender of a third-person singular pronoun ("she" -> "F"), else None."""
    return PRONOUNS.get(word.lower())


def agree(a: str | None, b: str | None) -> bool:
    """True unless both genders are known and differ."""
    return a is None or b is None or a == b
