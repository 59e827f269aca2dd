"""Find roles by what people type: word by word, in Spanish or English, by abbreviation.

Names are written ``Ingeniero/a de Datos`` and ``Director/a de Tecnología (CTO)``;
people type ``ingeniera de datos``, ``director de tecnologia`` or ``cto``. A query
and a role's id and names are compared as *terms*: words folded (no accents, no
case), stop words dropped, and each word cut to a stem that is the same for both
grammatical genders and for singular and plural (``científica`` and
``Científicos`` are both ``cientific``). Common abbreviations (``CDO``, ``ML``,
``IA``...) stand for their words and the other way round.

One matcher serves the role search and the "did you mean" suggestions, so
whatever a search finds is also what an unknown id suggests.

>>> roles = [
...     RoleNames("data-engineer", "Ingeniero/a de Datos", "Data Engineer"),
...     RoleNames("director-of-data", "Director/a de Datos", "Director of Data"),
...     RoleNames("chief-data-officer", "Chief Data Officer", "Chief Data Officer"),
... ]
>>> [m.role.id for m in rank_roles("ingeniera de datos", roles)]
['data-engineer']
>>> [(m.role.id, m.tier.name) for m in rank_roles("CDO", roles)]
[('chief-data-officer', 'EXACT')]
>>> [m.role.id for m in rank_roles("datos", roles)]
['chief-data-officer', 'director-of-data', 'data-engineer']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from typing import Generic, NamedTuple, Protocol, TypeVar

from rapidfuzz import fuzz

__all__ = [
    "ABBREVIATIONS",
    "MatchTier",
    "RoleMatch",
    "RoleNames",
    "fold",
    "rank_roles",
    "stem",
    "terms",
]


class Named(Protocol):
    """What the matcher reads of a role (:class:`graph.model.Role` has it)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def name_en(self) -> str | None: ...


class RoleNames(NamedTuple):
    """A role's id and names alone (for doctests and callers without a :class:`Role`)."""

    id: str
    name: str
    name_en: str | None = None


R = TypeVar("R", bound=Named)


class MatchTier(IntEnum):
    """How well a role matches a query; lower ranks first."""

    #: The whole query is the id, a name, or the role's own abbreviation.
    EXACT = 0
    #: Every query word is a word of the role.
    WORDS = 1
    #: Every query word starts a word of the role (a word still being typed).
    PREFIX = 2
    #: Some query word is only inside a word of the role (``ops`` in ``DevOps``).
    INSIDE = 3
    #: Some query word is only close to a word of the role (a typo).
    FUZZY = 4


@dataclass(frozen=True)
class RoleMatch(Generic[R]):
    """One role a query found, how well (``tier``) and, for typos, how close (0-100)."""

    role: R
    tier: MatchTier
    similarity: float = 100.0


#: Words that carry no meaning in a role's name (and the ``a`` of ``Ingeniero/a``).
STOP_WORDS = frozenset("a o de del el la las los y e en para por con of the and for in to".split())

#: Equivalent spellings: each group's phrases (single abbreviations or word sequences)
#: stand for one another, in Spanish and English.
ABBREVIATIONS: tuple[tuple[str, ...], ...] = (
    ("cdo", "chief data officer"),
    ("cto", "chief technology officer"),
    ("ciso", "chief information security officer"),
    ("cio", "chief information officer"),
    ("cpo", "chief product officer"),
    ("ceo", "chief executive officer"),
    ("vp", "vice president", "vicepresidente", "vicepresidenta"),
    ("sre", "site reliability engineer", "site reliability engineering"),
    ("pm", "product manager"),
    ("pm", "project manager"),
    ("em", "engineering manager"),
    ("qa", "quality assurance", "aseguramiento de calidad"),
    ("ml", "machine learning", "aprendizaje automatico"),
    ("ai", "ia", "artificial intelligence", "inteligencia artificial"),
    ("ux", "user experience", "experiencia de usuario"),
    ("ui", "user interface", "interfaz de usuario"),
    ("dba", "database administrator", "administrador de bases de datos"),
    ("bi", "business intelligence", "inteligencia de negocio"),
    ("hr", "rrhh", "human resources", "recursos humanos"),
    ("llm", "large language model"),
    ("nlp", "pln", "natural language processing", "procesamiento de lenguaje natural"),
)

#: Shortest acronym taken from a name's initials (two letters, like ``de`` of
#: "Data Engineer", collide with words; two-letter ones come from the table).
MIN_ACRONYM = 3

#: Least :func:`rapidfuzz.fuzz.ratio` (0-100) for a typed word to count as a typo of a word.
FUZZY_CUTOFF = 85.0

#: Shortest query word compared inside words or fuzzily (shorter ones match too much).
MIN_LOOSE_WORD = 3

_WORD = re.compile(r"[a-z0-9]+")
_PARENTHESES = re.compile(r"\([^)]*\)")


def fold(text: str) -> str:
    """Lowercase without accents.

    >>> fold("Ingeniería de DATOS")
    'ingenieria de datos'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def stem(word: str) -> str:
    """A folded word cut to what its genders and numbers share.

    Spanish ``-o/-a`` and ``-or/-ora`` endings and plural ``-s``/``-es`` go; the
    same cut applies to English words, which is harmless as both sides get it.

    >>> [stem(w) for w in ["ingeniero", "ingeniera", "directora", "directores", "datos", "data"]]
    ['ingenier', 'ingenier', 'director', 'director', 'dat', 'dat']
    >>> [stem(w) for w in ["ops", "llms", "business", "cto"]]
    ['ops', 'llm', 'business', 'cto']
    """
    if word.endswith(("ores", "oras")):
        word = word[:-2]
    elif len(word) >= 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("ora"):
        return word[:-1]
    if len(word) >= 4 and word.endswith(("o", "a")):
        return word[:-1]
    return word


def terms(text: str) -> tuple[str, ...]:
    """The stems of a text's meaningful words, in order.

    >>> terms("Científico/a de Datos"), terms("data-scientist")
    (('cientific', 'dat'), ('dat', 'scientist'))

    A text of stop words only keeps them, so that ``de`` still finds something.

    >>> terms("de")
    ('de',)
    """
    words = _WORD.findall(fold(text))
    kept = [w for w in words if w not in STOP_WORDS] or words
    return tuple(stem(w) for w in kept)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as consecutive terms."""
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


_GROUPS: tuple[tuple[tuple[str, ...], ...], ...] = tuple(
    tuple(terms(phrase) for phrase in group) for group in ABBREVIATIONS
)

#: Every single-word abbreviation of the table (never matched inside a longer word).
_ABBREVIATION_TERMS = frozenset(p[0] for group in _GROUPS for p in group if len(p) == 1)


@dataclass(frozen=True)
class _Index:
    """What a role is matched on: its whole names, own abbreviations and every word
    (stemmed, and as written: ``ops`` is inside ``devops`` but not inside its stem)."""

    whole: frozenset[tuple[str, ...]]
    own_abbreviations: frozenset[str]
    words: frozenset[str]


@lru_cache(maxsize=8192)
def _index(role_id: str, name: str, name_en: str | None) -> _Index:
    names = [role_id.replace("-", " "), name, *([name_en] if name_en else [])]
    variants = {terms(n) for n in names} | {terms(_PARENTHESES.sub(" ", n)) for n in names}
    variants.discard(())
    own = {"".join(t[0] for t in v) for v in variants if len(v) >= MIN_ACRONYM}
    own |= {w for n in names for inner in re.findall(r"\(([^)]*)\)", n) for w in terms(inner)}
    words = {w for v in variants for w in v} | {w for n in names for w in _WORD.findall(fold(n))}
    for group in _GROUPS:
        if any(_contains(v, phrase) for v in variants for phrase in group):
            words.update(w for phrase in group for w in phrase)
        if any(phrase in variants for phrase in group):
            own.update(p[0] for p in group if len(p) == 1)
    return _Index(frozenset(variants), frozenset(own), frozenset(words))


def _word_tier(word: str, index: _Index) -> tuple[MatchTier, float] | None:
    """How one query word matches the role's words, if it does."""
    if word in index.words:
        return MatchTier.WORDS, 100.0
    if any(w.startswith(word) for w in index.words):
        return MatchTier.PREFIX, 100.0
    if len(word) < MIN_LOOSE_WORD:
        return None
    if word not in _ABBREVIATION_TERMS and any(word in w for w in index.words):
        return MatchTier.INSIDE, 100.0
    best = max((fuzz.ratio(word, w) for w in index.words), default=0.0)
    return (MatchTier.FUZZY, best) if best >= FUZZY_CUTOFF else None


def _match(query: tuple[str, ...], squeezed: str, role: R) -> RoleMatch[R] | None:
    index = _index(role.id, role.name, role.name_en)
    if query in index.whole or (len(query) == 1 and query[0] in index.own_abbreviations):
        return RoleMatch(role, MatchTier.EXACT)
    # A typo across word boundaries ("dataengineer"): the whole id, squeezed.
    whole = fuzz.ratio(squeezed, role.id.replace("-", ""))
    tiers = [_word_tier(word, index) for word in query]
    if all(t is not None for t in tiers):
        found = [t for t in tiers if t is not None]
        tier = max(t for t, _ in found)
        similarity = min(s for _, s in found)
        if tier == MatchTier.FUZZY:
            similarity = max(similarity, whole)
        return RoleMatch(role, tier, similarity)
    return RoleMatch(role, MatchTier.FUZZY, whole) if whole >= FUZZY_CUTOFF else None


def rank_roles(
    query: str, roles: Iterable[R], name: Callable[[R], str] | None = None
) -> list[RoleMatch[R]]:
    """The roles ``query`` finds, best first.

    Best means: exact (id, name or own abbreviation) first, then every word
    matched, then words still being typed, then words found inside others, then
    typos (closest first); ties in order of ``name`` (the Spanish name by
    default), then id. A blank query finds nothing.

    >>> roles = [RoleNames("chief-technology-officer", "Director/a de Tecnología (CTO)",
    ...                    "Chief Technology Officer"),
    ...          RoleNames("director-of-data", "Director/a de Datos", "Director of Data")]
    >>> [(m.role.id, m.tier.name) for m in rank_roles("cto", roles)]
    [('chief-technology-officer', 'EXACT')]
    >>> [(m.role.id, m.tier.name) for m in rank_roles("Directora", roles)]
    [('director-of-data', 'WORDS'), ('chief-technology-officer', 'WORDS')]
    >>> [(m.role.id, m.tier.name, m.similarity) for m in rank_roles("direktor dato", roles)]
    [('director-of-data', 'FUZZY', 87.5)]
    """
    wanted = terms(query)
    if not wanted:
        return []
    squeezed = "".join(_WORD.findall(fold(query)))
    sort_name = name or (lambda role: role.name)
    found = [m for role in roles if (m := _match(wanted, squeezed, role)) is not None]
    found.sort(key=lambda m: (m.tier, -m.similarity, fold(sort_name(m.role)), m.role.id))
    return found
