"""Career rules of imported O*NET catalogs: ids, families, levels, months, credentials.

See ``docs/onet.md`` ("Roles", "Levels", "Credential gates").
"""

from __future__ import annotations

from graph.career import CareerRules, DerivedRules, LevelScale
from graph.model import slugify

__all__ = [
    "CHIEF_EXECUTIVES",
    "JOB_ZONE_LEVELS",
    "ONET_CREDENTIALS",
    "ONET_DERIVED",
    "ONET_LEVELS",
    "ONET_MONTHS_IN_ROLE",
    "ONET_RULES",
    "SOC_MAJOR_GROUPS",
    "SUPERVISED_MAJOR_GROUPS",
    "onet_level",
    "onet_role_id",
    "soc_family",
]
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
