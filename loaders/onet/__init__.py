"""Import an O*NET text release as a Rumbo catalog (see ``docs/onet.md``).

An O*NET text release is a folder of tab-separated files, the column names on
the first line. The importer reads four or five of them:

``Occupation Data.txt``
    ``O*NET-SOC Code``, ``Title``, ``Description``: one occupation per row.
``Work Styles.txt``
    ``O*NET-SOC Code``, ``Element Name``, ``Scale ID``, ``Data Value``. Releases
    up to 29.x rate the importance (scale ``IM``, 1-5) of 16 work styles;
    releases 30.x rate the impact (scale ``WI``, -3 to +3) of 21 other work
    styles and rank the most distinctive (scale ``DR``). The layout is detected
    from the scales present.
``Career Changers Matrix.txt`` (releases up to 25.x)
    ``O*NET-SOC Code``, ``Related O*NET-SOC Code``, ``Index`` (1 = most related).
``Related Occupations.txt`` (releases 26.3 onwards)
    The same two codes, ``Relatedness Tier`` (``Primary-Short``,
    ``Primary-Long``, ``Supplemental``) and ``Index``.
``Job Zones.txt`` (optional)
    ``O*NET-SOC Code``, ``Job Zone`` (1-5): the preparation an occupation needs.

Columns are found by header name, so their order and any extra columns do not
matter. Every occupation with work styles becomes a :class:`~graph.model.Role`
whose OCEAN+ profile is the T-score, among the release's rated occupations, of
a weighted mean of its work styles (:mod:`loaders.onet.styles`); an occupation
without ratings gets the mean profile of its nearest rated neighbours and names
them in ``imputed_from`` (:mod:`loaders.onet.impute`), or is skipped and listed
in the :class:`OnetSummary` when it has none. Every related-occupation link
between two roles becomes a :class:`~graph.model.Transition` of origin
``onet``. A missing file or column and every malformed row are reported
together in one :class:`~graph.errors.CatalogError` naming file and line (the
header is line 1). Nothing is read from the network.

>>> import tempfile
>>> from pathlib import Path
>>> styles = ["Innovation", "Dependability", "Leadership",
...           "Cooperation", "Stress Tolerance", "Social Orientation"]
>>> with tempfile.TemporaryDirectory() as tmp:
...     folder = Path(tmp) / "db_20_3_text"
...     folder.mkdir()
...     _ = (folder / "Occupation Data.txt").write_text(
...         "O*NET-SOC Code\\tTitle\\tDescription\\n"
...         "15-2041.00\\tStatisticians\\tApply statistics.\\n"
...         "11-1011.00\\tChief Executives\\tDirect companies.\\n"
...         "11-1011.03\\tChief Sustainability Officers\\tDirect sustainability.\\n")
...     _ = (folder / "Work Styles.txt").write_text(
...         "O*NET-SOC Code\\tElement Name\\tScale ID\\tData Value\\n" + "".join(
...             f"{code}\\t{style}\\tIM\\t{value}\\n"
...             for code, value in (("15-2041.00", 4.0), ("11-1011.00", 4.4))
...             for style in styles))
...     _ = (folder / "Career Changers Matrix.txt").write_text(
...         "O*NET-SOC Code\\tRelated O*NET-SOC Code\\tIndex\\n"
...         "15-2041.00\\t11-1011.00\\t1\\n")
...     result = import_onet(folder)
>>> [role.profile.openness for role in result.catalog.roles.values()]
[60.0, 60.0, 40.0]
>>> result.catalog.role("onet-11-1011-03").imputed_from
('onet-11-1011-00',)
>>> result.catalog.transitions[("onet-15-2041-00", "onet-11-1011-00")].fit
0.51
>>> result.summary.release, result.summary.ratings.value, result.summary.layout.value
('20.3', 'importance', 'career-changers-matrix')
>>> len(result.summary.missing_styles)
10
"""

from __future__ import annotations

from loaders.onet._reading import Progress
from loaders.onet.importer import (
    JOB_ZONES_FILE,
    OCCUPATION_FILE,
    WORK_STYLES_FILE,
    ImputedOccupation,
    OnetImport,
    OnetSummary,
    SkippedOccupation,
    attribution,
    detect_release,
    import_onet,
    is_onet_release,
)
from loaders.onet.impute import Imputation, impute_profiles, mean_profile
from loaders.onet.links import (
    CAREER_CHANGERS_FILE,
    LINK_WEIGHT,
    RELATED_OCCUPATIONS_FILE,
    TIER_STRENGTH,
    LinkLayout,
    index_strength,
    link_fit,
    tier_strength,
)
from loaders.onet.rules import (
    CHIEF_EXECUTIVES,
    JOB_ZONE_LEVELS,
    ONET_CREDENTIALS,
    ONET_DERIVED,
    ONET_LEVELS,
    ONET_MONTHS_IN_ROLE,
    ONET_RULES,
    SOC_MAJOR_GROUPS,
    SUPERVISED_MAJOR_GROUPS,
    onet_level,
    onet_role_id,
    soc_family,
)
from loaders.onet.styles import (
    EXPECTED_STYLES,
    EXPECTED_STYLES_30,
    STYLE_SETS,
    STYLE_WEIGHTS,
    STYLE_WEIGHTS_30,
    RatingScale,
    StyleSet,
    TraitNorm,
    normalise_style_name,
    t_score,
    trait_norms,
)

__all__ = [
    "CAREER_CHANGERS_FILE",
    "CHIEF_EXECUTIVES",
    "EXPECTED_STYLES",
    "EXPECTED_STYLES_30",
    "JOB_ZONES_FILE",
    "JOB_ZONE_LEVELS",
    "LINK_WEIGHT",
    "OCCUPATION_FILE",
    "ONET_CREDENTIALS",
    "ONET_DERIVED",
    "ONET_LEVELS",
    "ONET_MONTHS_IN_ROLE",
    "ONET_RULES",
    "RELATED_OCCUPATIONS_FILE",
    "SOC_MAJOR_GROUPS",
    "STYLE_SETS",
    "STYLE_WEIGHTS",
    "STYLE_WEIGHTS_30",
    "SUPERVISED_MAJOR_GROUPS",
    "TIER_STRENGTH",
    "WORK_STYLES_FILE",
    "Imputation",
    "ImputedOccupation",
    "LinkLayout",
    "OnetImport",
    "OnetSummary",
    "Progress",
    "RatingScale",
    "SkippedOccupation",
    "StyleSet",
    "TraitNorm",
    "attribution",
    "detect_release",
    "import_onet",
    "impute_profiles",
    "index_strength",
    "is_onet_release",
    "link_fit",
    "mean_profile",
    "normalise_style_name",
    "onet_level",
    "onet_role_id",
    "soc_family",
    "t_score",
    "tier_strength",
    "trait_norms",
]
