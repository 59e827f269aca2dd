"""Import an O*NET text release as a Rumbo catalog (see ``docs/onet.md``).

An O*NET text release is a folder of tab-separated files, the column names on
the first line. The importer reads four or five of them:

``Occupation Data.txt``
    ``O*NET-SOC Code``, ``Title``, ``Description``: one occupation per row.
``Work Styles.txt``
    ``O*NET-SOC Code``, ``Element Name``, ``Scale ID``, ``Data Value``: the
    importance (scale ``IM``, 1-5) of each work style for each occupation.
``Career Changers Matrix.txt`` (releases up to 25.x)
    ``O*NET-SOC Code``, ``Related O*NET-SOC Code``, ``Index`` (1 = most related).
``Related Occupations.txt`` (releases 26.3 onwards)
    The same two codes, ``Relatedness Tier`` (``Primary-Short``,
    ``Primary-Long``, ``Supplemental``) and ``Index``.
``Job Zones.txt`` (optional)
    ``O*NET-SOC Code``, ``Job Zone`` (1-5): the preparation an occupation needs.

Columns are found by header name, so their order and any extra columns do not
matter. Every occupation with work styles becomes a :class:`~graph.model.Role`
whose OCEAN+ profile is a weighted mean of its work styles
(:data:`STYLE_WEIGHTS`); every related-occupation link between two such
occupations becomes a :class:`~graph.model.Transition` of origin ``onet``.
Occupations without work styles are skipped and listed, with the reason, in
the :class:`OnetSummary`. A missing file or column and every malformed row
are reported together in one :class:`~graph.errors.CatalogError` naming file
and line (the header is line 1). Nothing is read from the network.

>>> import tempfile
>>> styles = ["Innovation", "Dependability", "Leadership",
...           "Cooperation", "Stress Tolerance", "Social Orientation"]
>>> with tempfile.TemporaryDirectory() as tmp:
...     folder = Path(tmp) / "db_20_3_text"
...     folder.mkdir()
...     _ = (folder / "Occupation Data.txt").write_text(
...         "O*NET-SOC Code\\tTitle\\tDescription\\n"
...         "15-2041.00\\tStatisticians\\tApply statistics.\\n"
...         "11-1011.00\\tChief Executives\\tDirect companies.\\n")
...     _ = (folder / "Work Styles.txt").write_text(
...         "O*NET-SOC Code\\tElement Name\\tScale ID\\tData Value\\n" + "".join(
...             f"{code}\\t{style}\\tIM\\t{value}\\n"
...             for code, value in (("15-2041.00", 4.0), ("11-1011.00", 4.4))
...             for style in styles))
...     _ = (folder / "Career Changers Matrix.txt").write_text(
...         "O*NET-SOC Code\\tRelated O*NET-SOC Code\\tIndex\\n"
...         "15-2041.00\\t11-1011.00\\t1\\n")
...     result = import_onet(folder)
>>> result.catalog.role("onet-15-2041-00").profile.openness
75.0
>>> result.catalog.transitions[("onet-15-2041-00", "onet-11-1011-00")].fit
0.7
>>> result.summary.release, result.summary.layout.value
('20.3', 'career-changers-matrix')
>>> len(result.summary.missing_styles)
10
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from graph.career import CareerRules, DerivedRules, LevelScale
from graph.catalog import Catalog, Where
from graph.errors import CatalogError, Problem
from graph.fit import MIN_FIT, development_needed, profile_fit
from graph.model import Origin, Role, Transition, slugify
from graph.traits import TRAITS, Profile, Trait

__all__ = [
    "CAREER_CHANGERS_FILE",
    "EXPECTED_STYLES",
    "JOB_ZONES_FILE",
    "CHIEF_EXECUTIVES",
    "JOB_ZONE_LEVELS",
    "LINK_WEIGHT",
    "OCCUPATION_FILE",
    "ONET_DERIVED",
    "ONET_LEVELS",
    "ONET_MONTHS_IN_ROLE",
    "ONET_RULES",
    "RELATED_OCCUPATIONS_FILE",
    "SOC_MAJOR_GROUPS",
    "STYLE_WEIGHTS",
    "SUPERVISED_MAJOR_GROUPS",
    "TIER_STRENGTH",
    "WORK_STYLES_FILE",
    "LinkLayout",
    "OnetImport",
    "OnetSummary",
    "Progress",
    "SkippedOccupation",
    "attribution",
    "detect_release",
    "import_onet",
    "importance_to_score",
    "index_strength",
    "is_onet_release",
    "link_fit",
    "normalise_style_name",
    "onet_level",
    "onet_role_id",
    "soc_family",
    "tier_strength",
]

OCCUPATION_FILE = "Occupation Data.txt"
WORK_STYLES_FILE = "Work Styles.txt"
CAREER_CHANGERS_FILE = "Career Changers Matrix.txt"
RELATED_OCCUPATIONS_FILE = "Related Occupations.txt"
JOB_ZONES_FILE = "Job Zones.txt"
README_FILE = "Read Me.txt"

#: ``progress(stage, done, total)``: called while reading files and building records.
Progress = Callable[[str, int, int], None]

_CODE = "O*NET-SOC Code"
_RELATED_CODE = "Related O*NET-SOC Code"
_CODE_RE = re.compile(r"\d{2}-\d{4}\.\d{2}")
_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_INTEGER_RE = re.compile(r"[+-]?\d+")
_PROGRESS_EVERY = 2000


class LinkLayout(StrEnum):
    """Which related-occupations file a release carries."""

    #: ``Career Changers Matrix.txt``: releases up to 25.x.
    CAREER_CHANGERS = "career-changers-matrix"
    #: ``Related Occupations.txt``: releases 26.3 onwards.
    RELATED_OCCUPATIONS = "related-occupations"


# --------------------------------------------------------------------------- the mapping

#: The 16 work styles of O*NET releases 5.0-29.x, in O*NET's outline order.
EXPECTED_STYLES: tuple[str, ...] = (
    "Achievement/Effort",
    "Persistence",
    "Initiative",
    "Leadership",
    "Cooperation",
    "Concern for Others",
    "Social Orientation",
    "Self-Control",
    "Stress Tolerance",
    "Adaptability/Flexibility",
    "Dependability",
    "Attention to Detail",
    "Integrity",
    "Independence",
    "Innovation",
    "Analytical Thinking",
)

#: Weights of the work styles in each trait; each row sums to 1 (see ``docs/onet.md``).
STYLE_WEIGHTS: dict[Trait, dict[str, float]] = {
    Trait.OPENNESS: {
        "Innovation": 0.40,
        "Analytical Thinking": 0.30,
        "Independence": 0.15,
        "Adaptability/Flexibility": 0.15,
    },
    Trait.CONSCIENTIOUSNESS: {
        "Dependability": 0.25,
        "Attention to Detail": 0.20,
        "Achievement/Effort": 0.20,
        "Persistence": 0.15,
        "Integrity": 0.10,
        "Initiative": 0.10,
    },
    Trait.EXTRAVERSION: {
        "Leadership": 0.40,
        "Social Orientation": 0.35,
        "Initiative": 0.25,
    },
    Trait.AGREEABLENESS: {
        "Cooperation": 0.40,
        "Concern for Others": 0.40,
        "Integrity": 0.20,
    },
    Trait.EMOTIONAL_STABILITY: {
        "Stress Tolerance": 0.40,
        "Self-Control": 0.35,
        "Adaptability/Flexibility": 0.25,
    },
    Trait.RELATIONAL_ENGAGEMENT: {
        "Social Orientation": 0.30,
        "Concern for Others": 0.25,
        "Cooperation": 0.25,
        "Leadership": 0.20,
    },
}

#: Strength of a ``Related Occupations.txt`` link by its relatedness tier.
TIER_STRENGTH: dict[str, float] = {
    "Primary-Short": 1.0,
    "Primary-Long": 0.85,
    "Supplemental": 0.7,
}
#: Strength of the least related link of a ``Career Changers Matrix.txt`` (index 1 is 1.0).
WEAKEST_INDEX_STRENGTH = 0.7
#: Share of the profile gap (1 - profile fit) that a link of strength 1 closes.
LINK_WEIGHT = 0.5
#: Importance (1-5) from which a work style counts as rated highly.
HIGH_IMPORTANCE = 4.0
#: Most shared work styles listed as a transition's strengths.
MAX_SHARED_STRENGTHS = 3

#: Seniority levels of O*NET catalogs, lowest first (``docs/onet.md``, "Levels"): the
#: Job Zone sets the stage, supervising or managing adds one, Chief Executives top it.
ONET_LEVELS = LevelScale(
    ranks=(
        ("entry",),
        ("skilled",),
        ("experienced",),
        ("professional",),
        ("expert",),
        ("director",),
        ("executive",),
    )
)
#: Level of a non-managing occupation by its Job Zone (the rank is ``zone - 1``).
JOB_ZONE_LEVELS: dict[int, str] = {
    1: "entry",
    2: "skilled",
    3: "experienced",
    4: "professional",
    5: "expert",
}
#: SOC major groups whose minor group ``xx-1000`` is "Supervisors of ..." workers.
SUPERVISED_MAJOR_GROUPS = frozenset(
    ("33", "35", "37", "39", "41", "43", "45", "47", "49", "51", "53")
)
#: The SOC occupation at the top of the scale (also its O*NET sub-occupations).
CHIEF_EXECUTIVES = "11-1011"
#: Months at each O*NET level before the next move. Sources (``docs/onet.md``): BLS
#: "Employee Tenure in 2024" (ages 25-34: median 2.7 years; all ages: 3.9 years) and
#: O*NET Job Zone Five ("many require more than five years of experience").
ONET_MONTHS_IN_ROLE: dict[str, float] = {
    "entry": 32.0,
    "skilled": 32.0,
    "experienced": 32.0,
    "professional": 47.0,
    "expert": 60.0,
    "director": 60.0,
    "executive": 60.0,
}
#: Derived moves of O*NET catalogs: at most two per occupation, only within its SOC minor
#: group and across at most one Job Zone; as everywhere, level change 0 or +1 and the "no
#: link" prior (``docs/onet.md`` weighs the choice against none at all).
ONET_DERIVED = DerivedRules(per_role=2, same_soc_minor_group=True, max_job_zone_change=1)
#: Licences no other occupation's experience gives, by the SOC codes of the occupations
#: that require them (as O*NET role-id prefixes; both the 2010 SOC of O*NET 20.3 and the
#: 2018 SOC of later releases). Only occupations whose practice requires the credential
#: (a licence in every US state, or the registration nearly all states license) are listed;
#: ``docs/onet.md`` ("Credential gates") gives the reasons and what is left out.
ONET_CREDENTIALS: dict[str, tuple[str, ...]] = {
    # 29-1061..1069 (2010 SOC); 29-1211..1229 and 29-1241..1249 (2018 SOC)
    "physician licence (MD or DO)": ("onet-29-106", "onet-29-121", "onet-29-122", "onet-29-124"),
    "dentist licence": ("onet-29-102",),
    "registered dietitian credential": ("onet-29-1031",),
    "chiropractor licence": ("onet-29-1011",),
    "optometrist licence": ("onet-29-1041",),
    "pharmacist licence": ("onet-29-1051",),
    "physician assistant licence": ("onet-29-1071-00",),
    "podiatrist licence": ("onet-29-1081",),
    "occupational therapist licence": ("onet-29-1122-00",),
    "physical therapist licence": ("onet-29-1123",),
    "speech-language pathologist licence": ("onet-29-1127",),
    "veterinarian licence": ("onet-29-1131",),
    "registered nurse licence": ("onet-29-1141",),
    # nurse anesthetists, midwives, practitioners; psychiatric nurses and clinical nurse
    # specialists are advanced practice nurses within the registered nurses' 29-1141
    "advanced practice registered nurse licence": (
        "onet-29-1151",
        "onet-29-1161",
        "onet-29-1171",
        "onet-29-1141-02",
        "onet-29-1141-04",
    ),
    "audiologist licence": ("onet-29-1181",),
    "dental hygienist licence": ("onet-29-1292",),
    # lawyers, judicial law clerks, administrative law judges, judges (not arbitrators)
    "law degree (J.D.)": ("onet-23-1011", "onet-23-1012", "onet-23-1021", "onet-23-1023"),
    "pilot certificate (FAA commercial or airline transport)": ("onet-53-201",),
    "air traffic control certificate (FAA)": ("onet-53-2021",),
}
#: The career rules every imported O*NET catalog gets.
ONET_RULES = CareerRules(
    levels=ONET_LEVELS,
    months_by_level=ONET_MONTHS_IN_ROLE,
    derived=ONET_DERIVED,
    credentials=ONET_CREDENTIALS,
)

#: The 23 major groups of the Standard Occupational Classification (2018 names).
SOC_MAJOR_GROUPS: dict[str, str] = {
    "11": "Management",
    "13": "Business and Financial Operations",
    "15": "Computer and Mathematical",
    "17": "Architecture and Engineering",
    "19": "Life, Physical, and Social Science",
    "21": "Community and Social Service",
    "23": "Legal",
    "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media",
    "29": "Healthcare Practitioners and Technical",
    "31": "Healthcare Support",
    "33": "Protective Service",
    "35": "Food Preparation and Serving Related",
    "37": "Building and Grounds Cleaning and Maintenance",
    "39": "Personal Care and Service",
    "41": "Sales and Related",
    "43": "Office and Administrative Support",
    "45": "Farming, Fishing, and Forestry",
    "47": "Construction and Extraction",
    "49": "Installation, Maintenance, and Repair",
    "51": "Production",
    "53": "Transportation and Material Moving",
    "55": "Military Specific",
}


def normalise_style_name(name: str) -> str:
    """Comparison key of a work-style or tier name: case, spaces, hyphens and slashes ignored.

    >>> normalise_style_name("Self Control") == normalise_style_name("Self-Control")
    True
    >>> normalise_style_name(" Adaptability / Flexibility ")
    'adaptability flexibility'
    """
    return " ".join(re.split(r"[\s\-/_]+", name.strip().lower())).strip()


_EXPECTED_KEYS: dict[str, str] = {normalise_style_name(s): s for s in EXPECTED_STYLES}
_STYLE_ORDER: dict[str, int] = {key: i for i, key in enumerate(_EXPECTED_KEYS)}
_WEIGHT_KEYS: dict[Trait, tuple[tuple[str, float], ...]] = {
    trait: tuple((normalise_style_name(s), w) for s, w in weights.items())
    for trait, weights in STYLE_WEIGHTS.items()
}
_TIER_KEYS: dict[str, float] = {normalise_style_name(t): v for t, v in TIER_STRENGTH.items()}


def importance_to_score(importance: float) -> float:
    """Rescale an O*NET importance (1-5) to a 0-100 trait score: ``(v - 1) / 4 * 100``.

    >>> importance_to_score(1.0), importance_to_score(3.5), importance_to_score(5.0)
    (0.0, 62.5, 100.0)
    """
    return (importance - 1.0) / 4.0 * 100.0


def onet_role_id(code: str) -> str:
    """Role id of an O*NET-SOC code.

    >>> onet_role_id("15-2041.00")
    'onet-15-2041-00'
    """
    return slugify(f"onet-{code}")


def soc_family(code: str) -> str | None:
    """Role family of an O*NET-SOC code: the name of its SOC major group.

    >>> soc_family("15-2041.00")
    'Computer and Mathematical'
    >>> soc_family("99-9999.00") is None
    True
    """
    return SOC_MAJOR_GROUPS.get(code[:2])


def onet_level(code: str, zone: int | None) -> str | None:
    """Seniority level of an occupation from its Job Zone and its SOC code.

    The Job Zone sets the level (:data:`JOB_ZONE_LEVELS`); first-line supervisors
    (minor group ``xx-1000`` of :data:`SUPERVISED_MAJOR_GROUPS`) and managers (major
    group 11) rank one level above it, managers at most ``director``; Chief Executives
    (11-1011) are ``executive``. ``None`` without a Job Zone.

    >>> onet_level("41-2031.00", 2), onet_level("41-1011.00", 2)  # salesperson, supervisor
    ('skilled', 'experienced')
    >>> onet_level("15-2041.00", 5), onet_level("11-3021.00", 4), onet_level("11-9111.00", 5)
    ('expert', 'expert', 'director')
    >>> onet_level("11-1011.03", 5), onet_level("15-2041.00", None)
    ('executive', None)
    """
    if zone is None:
        return None
    if code.startswith(CHIEF_EXECUTIVES):
        return ONET_LEVELS.ranks[-1][0]
    managing = code[:2] == "11" or (code[:2] in SUPERVISED_MAJOR_GROUPS and code[3] == "1")
    rank = zone - 1 + int(managing)
    return ONET_LEVELS.ranks[min(rank, len(ONET_LEVELS.ranks) - 2)][0]


def index_strength(index: int, max_index: int) -> float:
    """Link strength of a Career Changers Matrix index: 1.0 at index 1 down to 0.7 at the last.

    ``1 - 0.3 * (index - 1) / (max_index - 1)``, rounded to 3 decimals.

    >>> index_strength(1, 10), index_strength(4, 10), index_strength(10, 10)
    (1.0, 0.9, 0.7)
    >>> index_strength(1, 1)
    1.0
    """
    if max_index <= 1:
        return 1.0
    drop = (1.0 - WEAKEST_INDEX_STRENGTH) * (index - 1) / (max_index - 1)
    return round(1.0 - drop, 3)


def tier_strength(tier: str) -> float | None:
    """Link strength of a Related Occupations tier, or ``None`` for an unknown tier.

    >>> tier_strength("Primary-Short"), tier_strength("primary long"), tier_strength("x")
    (1.0, 0.85, None)
    """
    return _TIER_KEYS.get(normalise_style_name(tier))


def link_fit(strength: float, fit_of_profiles: float) -> float:
    """Fit of an O*NET transition: ``profile fit + (1 - profile fit) * 0.5 * link strength``.

    O*NET's link is evidence that people make the move, so it closes part of the
    profile gap: never below the profile fit, so a link always beats a derived move of
    the same profile fit (whose fit is discounted by the "no link" prior). Rounded to 2
    decimals and kept in [0.01, 1.0].

    >>> link_fit(0.9, 0.62), link_fit(0.7, 0.62), link_fit(1.0, 1.0)
    (0.79, 0.75, 1.0)
    >>> link_fit(0.0, 0.0)
    0.01
    """
    raw = fit_of_profiles + (1.0 - fit_of_profiles) * LINK_WEIGHT * strength
    return min(1.0, max(MIN_FIT, round(raw, 2)))


def attribution(release: str | None, modified_by: str | None = None) -> str:
    """The credit O*NET's CC BY 4.0 license asks for, naming the release.

    Parameters
    ----------
    release : str or None
        Release number, e.g. ``"20.3"``; without one the credit names "the O*NET Database".
    modified_by : str, optional
        Who changed or added to the information; the license page asks for a
        second sentence then (see ``docs/onet.md``, "Attribution").

    Examples
    --------
    >>> print(attribution("20.3"))  # doctest: +NORMALIZE_WHITESPACE
    This page includes information from the O*NET 20.3 Database by the U.S. Department
    of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY
    4.0 license. O*NET® is a trademark of USDOL/ETA.
    >>> attribution("20.3", modified_by="Rumbo").endswith(
    ...     "Rumbo has modified all or some of this information. USDOL/ETA has not "
    ...     "approved, endorsed, or tested these modifications.")
    True
    """
    database = f"O*NET {release} Database" if release else "O*NET Database"
    credit = (
        f"This page includes information from the {database} by the U.S. Department of "
        "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY "
        "4.0 license. O*NET\u00ae is a trademark of USDOL/ETA."
    )
    if modified_by:
        credit += (
            f" {modified_by} has modified all or some of this information. USDOL/ETA has not "
            "approved, endorsed, or tested these modifications."
        )
    return credit


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class SkippedOccupation:
    """An occupation that did not become a role, and why."""

    code: str
    title: str
    reason: str


@dataclass(frozen=True)
class OnetSummary:
    """What an import read, built and left out.

    Attributes
    ----------
    release : str or None
        Release number (e.g. ``"20.3"``) from ``Read Me.txt`` or the folder name.
    layout : LinkLayout
        Which related-occupations file was read.
    has_job_zones : bool
        Whether ``Job Zones.txt`` was present (roles have a level only then).
    occupations_read : int
        Rows of ``Occupation Data.txt``.
    roles_created : int
        Occupations that became roles.
    links_read : int
        Rows of the related-occupations file.
    transitions_created : int
        Links that became transitions.
    links_skipped : dict of str to int
        Links that did not become transitions, counted by reason.
    skipped : tuple of SkippedOccupation
        Occupations that did not become roles, by code, each with its reason.
    missing_styles : tuple of str
        Expected work styles that no occupation of the release rates; traits
        are computed from their remaining styles.
    unmapped_styles : tuple of str
        Work styles of the release that the mapping does not use (ignored).
    incomplete : dict of str to tuple of str
        Occupations lacking some work style that others have, by code.
    notes : tuple of str
        Anything else worth knowing (ignored rows, unknown release, ...).
    """

    release: str | None
    layout: LinkLayout
    has_job_zones: bool
    occupations_read: int
    roles_created: int
    links_read: int
    transitions_created: int
    links_skipped: Mapping[str, int] = field(default_factory=dict)
    skipped: tuple[SkippedOccupation, ...] = ()
    missing_styles: tuple[str, ...] = ()
    unmapped_styles: tuple[str, ...] = ()
    incomplete: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The summary as short English lines, for a command-line report."""
        release = self.release or "unknown release"
        out = [
            f"O*NET {release}, {self.layout.value} layout"
            + ("" if self.has_job_zones else ", no Job Zones.txt (roles have no level)"),
            f"{self.occupations_read} occupations read, {self.roles_created} roles created, "
            f"{len(self.skipped)} skipped",
            f"{self.links_read} related-occupation links read, "
            f"{self.transitions_created} transitions created",
        ]
        out += [f"  {n} links skipped: {reason}" for reason, n in self.links_skipped.items()]
        reasons: dict[str, int] = {}
        for skip in self.skipped:
            reasons[skip.reason] = reasons.get(skip.reason, 0) + 1
        out += [f"  {n} occupations skipped: {reason}" for reason, n in reasons.items()]
        if self.missing_styles:
            out.append(f"work styles missing from the release: {', '.join(self.missing_styles)}")
        if self.unmapped_styles:
            out.append(f"work styles not used by the mapping: {', '.join(self.unmapped_styles)}")
        if self.incomplete:
            out.append(f"occupations lacking some work styles: {len(self.incomplete)}")
        out += list(self.notes)
        return out


@dataclass(frozen=True)
class OnetImport:
    """The catalog built from an O*NET release and the import's summary."""

    catalog: Catalog
    summary: OnetSummary


# --------------------------------------------------------------------------- detection


def is_onet_release(folder: Path) -> bool:
    """Whether ``folder`` looks like an unzipped O*NET text release.

    It does when it holds ``Occupation Data.txt`` and ``Work Styles.txt`` (every
    text release has both); :func:`import_onet` then says what else is missing.

    >>> is_onet_release(Path("/nonexistent"))
    False
    """
    try:
        return (folder / OCCUPATION_FILE).is_file() and (folder / WORK_STYLES_FILE).is_file()
    except OSError:
        return False


_README_RELEASE_RE = re.compile(r"O\*NET\S*\s+(\d{1,2}\.\d{1,2})\b")
_FOLDER_RELEASE_RE = re.compile(r"(?<!\d)(\d{1,2})[._](\d{1,2})(?!\d)")


def detect_release(folder: Path) -> str | None:
    """Release number from ``Read Me.txt`` ("O*NET 20.3 Database") or the folder name.

    >>> detect_release(Path("downloads/db_29_1_text")), detect_release(Path("onet-20.3"))
    ('29.1', '20.3')
    >>> detect_release(Path("onet")) is None
    True
    """
    try:
        text = (folder / README_FILE).read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        text = ""
    found = _README_RELEASE_RE.search(text)
    if found:
        return found.group(1)
    by_name = _FOLDER_RELEASE_RE.search(folder.name)
    if by_name:
        return f"{int(by_name.group(1))}.{int(by_name.group(2))}"
    return None


# --------------------------------------------------------------------------- reading files


@dataclass(frozen=True)
class _Row:
    """One data row: the wanted cells by column name, its file and line."""

    cells: dict[str, str]
    file: str
    line: int

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def problem(self, message: str, record: str | None, column: str | None) -> Problem:
        return Problem(message, self.file, self.line, record, column)


def _column_key(name: str) -> str:
    return " ".join(name.strip().lstrip("\ufeff").lower().split())


class _Reader:
    """Reads the tab-separated files of one release, collecting every problem."""

    def __init__(self, folder: Path, progress: Progress | None) -> None:
        self.folder = folder
        self.progress = progress
        self.problems: list[Problem] = []
        self.notes: list[str] = []

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def rows(self, name: str, columns: tuple[str, ...]) -> Iterator[_Row]:
        """Rows of ``name`` holding ``columns``; problems of the file are collected."""
        path = self.folder / name
        file = str(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.problems.append(Problem("missing required file of the O*NET release", file))
            return
        except OSError as exc:
            self.problems.append(Problem(f"cannot read the file: {exc.strerror or exc}", file))
            return
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            self.notes.append(f"{name}: not UTF-8, read as Windows-1252")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not lines or not lines[0].strip():
            self.problems.append(
                Problem(f"the file is empty; expected the header {', '.join(columns)}", file, 1)
            )
            return
        header = [_column_key(h) for h in lines[0].rstrip("\r").split("\t")]
        positions: dict[str, int] = {}
        for column in columns:
            key = _column_key(column)
            if key not in header:
                found = ", ".join(h for h in lines[0].rstrip("\r").split("\t"))
                self.problems.append(
                    Problem(
                        f"missing column {column!r} (the header has: {found})",
                        file,
                        1,
                        None,
                        column,
                    )
                )
            else:
                positions[column] = header.index(key)
        if len(positions) < len(columns):
            return
        width = len(header)
        total = len(lines) - 1
        self.report(name, 0, total)
        for number, raw in enumerate(lines[1:], start=2):
            line = raw.rstrip("\r")
            if number % _PROGRESS_EVERY == 0:
                self.report(name, number - 1, total)
            if not line.strip():
                continue
            values = line.split("\t")
            if len(values) != width:
                self.problems.append(
                    Problem(f"row has {len(values)} fields, the header has {width}", file, number)
                )
                continue
            yield _Row({c: values[i].strip() for c, i in positions.items()}, file, number)
        self.report(name, total, total)

    def code(self, row: _Row, column: str, record: str | None) -> str | None:
        value = row[column]
        if _CODE_RE.fullmatch(value):
            return value
        message = f"not an O*NET-SOC code: {value!r} (expected e.g. 15-2041.00)"
        self.problems.append(row.problem(message, record, column))
        return None

    def number(
        self, row: _Row, column: str, record: str | None, low: float, high: float
    ) -> float | None:
        value = row[column]
        if not _DECIMAL_RE.fullmatch(value):
            self.problems.append(row.problem(f"not a number: {value!r}", record, column))
            return None
        number = float(value)
        if not low <= number <= high:
            message = f"{value} is outside {low:g}-{high:g}"
            self.problems.append(row.problem(message, record, column))
            return None
        return number

    def integer(
        self, row: _Row, column: str, record: str | None, low: int, high: int | None
    ) -> int | None:
        value = row[column]
        if not _INTEGER_RE.fullmatch(value):
            self.problems.append(row.problem(f"not a whole number: {value!r}", record, column))
            return None
        number = int(value)
        if number < low or (high is not None and number > high):
            bound = f"outside {low}-{high}" if high is not None else f"below {low}"
            self.problems.append(row.problem(f"{value} is {bound}", record, column))
            return None
        return number


@dataclass
class _Occupation:
    code: str
    title: str
    description: str | None
    line: int
    styles: dict[str, float] = field(default_factory=dict)
    zone: int | None = None


@dataclass(frozen=True)
class _Link:
    source: str
    target: str
    strength: float
    line: int


def _read_occupations(reader: _Reader) -> dict[str, _Occupation]:
    occupations: dict[str, _Occupation] = {}
    for row in reader.rows(OCCUPATION_FILE, (_CODE, "Title", "Description")):
        code = reader.code(row, _CODE, row[_CODE] or None)
        title = row["Title"]
        if not title:
            reader.problems.append(row.problem("empty title", row[_CODE] or None, "Title"))
        if code is None or not title:
            continue
        if code in occupations:
            message = f"duplicate occupation (first at line {occupations[code].line})"
            reader.problems.append(row.problem(message, code, _CODE))
            continue
        occupations[code] = _Occupation(code, title, row["Description"] or None, row.line)
    return occupations


def _read_work_styles(
    reader: _Reader, occupations: dict[str, _Occupation]
) -> tuple[dict[str, str], int]:
    """Fill each occupation's styles; the style names seen, and rows of unknown codes."""
    names: dict[str, str] = {}
    first_line: dict[tuple[str, str], int] = {}
    keys: dict[str, str] = {}
    problems_before = len(reader.problems)
    orphans = 0
    columns = (_CODE, "Element Name", "Scale ID", "Data Value")
    for row in reader.rows(WORK_STYLES_FILE, columns):
        if row["Scale ID"].upper() != "IM":
            continue
        name = row["Element Name"]
        record = f"{row[_CODE]} {name}".strip()
        code = reader.code(row, _CODE, record)
        if not name:
            reader.problems.append(row.problem("empty work style name", record, "Element Name"))
        value = reader.number(row, "Data Value", record, 1.0, 5.0)
        if code is None or not name or value is None:
            continue
        key = keys.get(name)
        if key is None:
            key = keys[name] = normalise_style_name(name)
        names.setdefault(key, _EXPECTED_KEYS.get(key, name))
        if (code, key) in first_line:
            message = (
                f"duplicate importance of this work style (first at line {first_line[code, key]})"
            )
            reader.problems.append(row.problem(message, record, "Element Name"))
            continue
        first_line[code, key] = row.line
        occupation = occupations.get(code)
        if occupation is None:
            orphans += 1
            continue
        occupation.styles[key] = value
    if not names and len(reader.problems) == problems_before:
        message = "no importance ratings (rows of Scale ID IM with a work style and a value)"
        reader.problems.append(Problem(message, str(reader.folder / WORK_STYLES_FILE), 1))
    return names, orphans


def _read_links(reader: _Reader, layout: LinkLayout) -> tuple[list[_Link], int]:
    """Links of the related-occupations file (unvalidated codes) and the rows read."""
    links: list[_Link] = []
    rows = 0
    if layout is LinkLayout.CAREER_CHANGERS:
        indexed: list[tuple[str, str, int, int]] = []
        for row in reader.rows(CAREER_CHANGERS_FILE, (_CODE, _RELATED_CODE, "Index")):
            rows += 1
            record = f"{row[_CODE]} -> {row[_RELATED_CODE]}"
            source = reader.code(row, _CODE, record)
            target = reader.code(row, _RELATED_CODE, record)
            index = reader.integer(row, "Index", record, 1, None)
            if source and target and index is not None:
                indexed.append((source, target, index, row.line))
        max_index = max((i for _, _, i, _ in indexed), default=1)
        links = [_Link(s, t, index_strength(i, max_index), n) for s, t, i, n in indexed]
    else:
        columns = (_CODE, _RELATED_CODE, "Relatedness Tier", "Index")
        for row in reader.rows(RELATED_OCCUPATIONS_FILE, columns):
            rows += 1
            record = f"{row[_CODE]} -> {row[_RELATED_CODE]}"
            source = reader.code(row, _CODE, record)
            target = reader.code(row, _RELATED_CODE, record)
            index = reader.integer(row, "Index", record, 1, None)
            strength = tier_strength(row["Relatedness Tier"])
            if strength is None:
                known = ", ".join(TIER_STRENGTH)
                message = f"unknown relatedness tier {row['Relatedness Tier']!r} (known: {known})"
                reader.problems.append(row.problem(message, record, "Relatedness Tier"))
            if source and target and index is not None and strength is not None:
                links.append(_Link(source, target, strength, row.line))
    return links, rows


def _read_job_zones(reader: _Reader, occupations: dict[str, _Occupation]) -> int:
    """Set each occupation's job zone; the rows of unknown codes."""
    orphans = 0
    seen: dict[str, int] = {}
    for row in reader.rows(JOB_ZONES_FILE, (_CODE, "Job Zone")):
        code = reader.code(row, _CODE, row[_CODE] or None)
        zone = reader.integer(row, "Job Zone", row[_CODE] or None, 1, 5)
        if code is None or zone is None:
            continue
        if code in seen:
            message = f"duplicate job zone (first at line {seen[code]})"
            reader.problems.append(row.problem(message, code, _CODE))
            continue
        seen[code] = row.line
        occupation = occupations.get(code)
        if occupation is None:
            orphans += 1
        else:
            occupation.zone = zone
    return orphans


# --------------------------------------------------------------------------- building


def _profile(styles: Mapping[str, float]) -> tuple[Profile | None, Trait | None]:
    """The OCEAN+ profile of an occupation's styles, or the first trait none of them feeds."""
    scores: list[float] = []
    for trait in TRAITS:
        total = weight = 0.0
        for key, w in _WEIGHT_KEYS[trait]:
            value = styles.get(key)
            if value is not None:
                total += w * importance_to_score(value)
                weight += w
        if weight == 0:
            return None, trait
        scores.append(round(total / weight, 1))
    return Profile.from_scores(scores), None


def _high_styles(styles: Mapping[str, float]) -> dict[str, float]:
    """The work styles an occupation rates highly (importance of at least 4.0)."""
    return {key: value for key, value in styles.items() if value >= HIGH_IMPORTANCE}


def _shared_strengths(
    a: Mapping[str, float], b: Mapping[str, float], names: Mapping[str, str]
) -> tuple[str, ...]:
    """Up to three work styles both rate highly, most shared first (then in O*NET's order).

    ``a`` and ``b`` hold only the highly rated styles (see :func:`_high_styles`).
    """
    shared = sorted(
        (-min(a[key], b[key]), _STYLE_ORDER.get(key, len(_STYLE_ORDER)), names.get(key, key))
        for key in a.keys() & b.keys()
    )
    return tuple(name for _, _, name in shared[:MAX_SHARED_STRENGTHS])


_SELF_LINK = "an occupation linked to itself"
_UNKNOWN_CODE = "code not in Occupation Data.txt"
_NOT_A_ROLE = "an end did not become a role"
_DUPLICATE = "duplicate link (the strongest kept)"


def _build_transitions(
    links: list[_Link],
    occupations: Mapping[str, _Occupation],
    roles: Mapping[str, Role],
    names: Mapping[str, str],
    link_file: str,
) -> tuple[list[tuple[Transition, Where]], dict[str, int]]:
    """Transitions of the links between two roles, and the other links counted by reason."""
    skipped: dict[str, int] = {}

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    best: dict[tuple[str, str], _Link] = {}
    for link in links:
        if link.source == link.target:
            skip(_SELF_LINK)
        elif link.source not in occupations or link.target not in occupations:
            skip(_UNKNOWN_CODE)
        elif link.source not in roles or link.target not in roles:
            skip(_NOT_A_ROLE)
        else:
            key = (link.source, link.target)
            kept = best.get(key)
            if kept is not None:
                skip(_DUPLICATE)
                if kept.strength >= link.strength:
                    continue
            best[key] = link
    high = {code: _high_styles(occupations[code].styles) for code in roles}
    transitions: list[tuple[Transition, Where]] = []
    for link in best.values():
        source, target = roles[link.source], roles[link.target]
        edge = Transition(
            source=source.id,
            target=target.id,
            fit=link_fit(link.strength, profile_fit(source.profile, target.profile)),
            strengths=_shared_strengths(high[link.source], high[link.target], names),
            develop=development_needed(source.profile, target.profile),
            origin=Origin.ONET,
        )
        transitions.append((edge, Where(link_file, link.line)))
    return transitions, skipped


_LINK_FILES = {
    LinkLayout.CAREER_CHANGERS: CAREER_CHANGERS_FILE,
    LinkLayout.RELATED_OCCUPATIONS: RELATED_OCCUPATIONS_FILE,
}


def _detect_layout(folder: Path) -> LinkLayout | None:
    if (folder / RELATED_OCCUPATIONS_FILE).is_file():
        return LinkLayout.RELATED_OCCUPATIONS
    if (folder / CAREER_CHANGERS_FILE).is_file():
        return LinkLayout.CAREER_CHANGERS
    return None


def import_onet(folder: Path, progress: Progress | None = None) -> OnetImport:
    """Build a catalog from an unzipped O*NET text release.

    Parameters
    ----------
    folder : Path
        The folder holding the release's ``.txt`` files (e.g. ``db_20_3_text``).
    progress : callable, optional
        Called as ``progress(stage, done, total)`` while each file is read
        (``stage`` is the file name, counts in data rows) and while roles and
        transitions are built (``"roles"``, ``"transitions"``).

    Returns
    -------
    OnetImport
        The catalog (roles ``onet-<code>``, transitions of origin ``onet``)
        and a summary of what was read, created and skipped.

    Raises
    ------
    CatalogError
        If the folder is missing, a required file or column is missing, or
        any row is malformed (wrong field count, a code, number or tier that
        does not parse, an importance outside 1-5, a job zone outside 1-5, a
        duplicate row). All problems are listed, each with file and line.
    """
    if not folder.is_dir():
        raise CatalogError([Problem("no such O*NET release folder", str(folder))])
    reader = _Reader(folder, progress)
    layout = _detect_layout(folder)
    notes: list[str] = []
    if layout is None:
        reader.problems.append(
            Problem(
                f"missing related-occupations file: neither {CAREER_CHANGERS_FILE} "
                f"(releases up to 25.x) nor {RELATED_OCCUPATIONS_FILE} (26.3 onwards)",
                str(folder),
            )
        )
    elif layout is LinkLayout.RELATED_OCCUPATIONS and (folder / CAREER_CHANGERS_FILE).is_file():
        notes.append(f"both link files present; read {RELATED_OCCUPATIONS_FILE}")

    occupations = _read_occupations(reader)
    names, style_orphans = _read_work_styles(reader, occupations)
    links, links_read = _read_links(reader, layout) if layout else ([], 0)
    has_zones = (folder / JOB_ZONES_FILE).is_file()
    zone_orphans = _read_job_zones(reader, occupations) if has_zones else 0
    if reader.problems:
        raise CatalogError(reader.problems)
    assert layout is not None  # a missing link file is a problem above

    release = detect_release(folder)
    if release is None:
        notes.append("release number not found in Read Me.txt nor the folder name")
    if style_orphans:
        notes.append(f"{WORK_STYLES_FILE}: {style_orphans} row(s) of unknown occupations ignored")
    if zone_orphans:
        notes.append(f"{JOB_ZONES_FILE}: {zone_orphans} row(s) of unknown occupations ignored")
    notes += reader.notes
    credit = attribution(release, modified_by="Rumbo")
    missing = tuple(s for s in EXPECTED_STYLES if normalise_style_name(s) not in names)
    unmapped = tuple(sorted(n for k, n in names.items() if k not in _EXPECTED_KEYS))
    present = [k for k in _EXPECTED_KEYS if k in names]

    roles: list[tuple[Role, Where]] = []
    role_by_code: dict[str, Role] = {}
    skipped: list[SkippedOccupation] = []
    incomplete: dict[str, tuple[str, ...]] = {}
    total = len(occupations)
    reader.report("roles", 0, total)
    occupation_file = str(folder / OCCUPATION_FILE)
    for done, occupation in enumerate(sorted(occupations.values(), key=lambda o: o.code), 1):
        if not occupation.styles:
            skipped.append(SkippedOccupation(occupation.code, occupation.title, "no work styles"))
            continue
        profile, lacking = _profile(occupation.styles)
        if profile is None:
            assert lacking is not None
            needs = ", ".join(STYLE_WEIGHTS[lacking])
            reason = f"no work style for {lacking.value} (needs one of: {needs})"
            skipped.append(SkippedOccupation(occupation.code, occupation.title, reason))
            continue
        gaps = tuple(_EXPECTED_KEYS[k] for k in present if k not in occupation.styles)
        if gaps:
            incomplete[occupation.code] = gaps
        role = Role(
            id=onet_role_id(occupation.code),
            name=occupation.title,
            name_en=occupation.title,
            family=soc_family(occupation.code),
            level=onet_level(occupation.code, occupation.zone),
            job_zone=occupation.zone,
            description=occupation.description,
            profile=profile,
            attribution=credit,
        )
        roles.append((role, Where(occupation_file, occupation.line)))
        role_by_code[occupation.code] = role
        if done % _PROGRESS_EVERY == 0:
            reader.report("roles", done, total)
    reader.report("roles", total, total)

    link_file = _LINK_FILES[layout]
    transitions, links_skipped = _build_transitions(
        links, occupations, role_by_code, names, str(folder / link_file)
    )
    reader.report("transitions", len(transitions), len(transitions))
    catalog = Catalog.build(roles, transitions, rules=ONET_RULES)
    summary = OnetSummary(
        release=release,
        layout=layout,
        has_job_zones=has_zones,
        occupations_read=len(occupations),
        roles_created=len(catalog.roles),
        links_read=links_read,
        transitions_created=len(catalog.transitions),
        links_skipped=links_skipped,
        skipped=tuple(skipped),
        missing_styles=missing,
        unmapped_styles=unmapped,
        incomplete=incomplete,
        notes=tuple(notes),
    )
    return OnetImport(catalog, summary)
