"""Import an O*NET text release folder as a catalog: :func:`import_onet` (``docs/onet.md``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph.catalog import Catalog, Where
from graph.errors import CatalogError, Problem
from graph.model import GuideText, Role
from graph.traits import Profile, Trait
from loaders.onet._reading import CODE, PROGRESS_EVERY, Progress, Reader, Row
from loaders.onet.impute import Imputation, impute_profiles, imputed_job_zone
from loaders.onet.links import (
    CAREER_CHANGERS_FILE,
    LINK_FILES,
    RELATED_OCCUPATIONS_FILE,
    Link,
    LinkLayout,
    build_transitions,
    detect_layout,
    read_links,
)
from loaders.onet.rules import ONET_RULES, onet_level, onet_role_id, soc_family
from loaders.onet.styles import (
    HIGH_IMPORTANCE,
    STYLE_SETS,
    RatingScale,
    StyleSet,
    TraitNorm,
    normalise_style_name,
    trait_norms,
)

__all__ = [
    "JOB_ZONES_FILE",
    "OCCUPATION_FILE",
    "README_FILE",
    "WORK_STYLES_FILE",
    "ImputedOccupation",
    "OnetImport",
    "OnetSummary",
    "SkippedOccupation",
    "attribution",
    "detect_release",
    "import_onet",
    "is_onet_release",
]

OCCUPATION_FILE = "Occupation Data.txt"
WORK_STYLES_FILE = "Work Styles.txt"
JOB_ZONES_FILE = "Job Zones.txt"
README_FILE = "Read Me.txt"

#: Accepted ``Data Value`` range of each ``Scale ID`` read from ``Work Styles.txt``.
_SCALE_BOUNDS: dict[str, tuple[float, float]] = {"IM": (1.0, 5.0), "WI": (-3.0, 3.0)}
#: The 30.x distinctiveness rank: 1 (most distinctive) to 10; 0 means not ranked.
_RANK_SCALE = "DR"
_MAX_RANK = 10
_SCALE_WORDS = {"IM": "importance", "WI": "impact", _RANK_SCALE: "distinctiveness rank"}


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
class ImputedOccupation:
    """An occupation without work-style ratings whose profile was imputed."""

    code: str
    title: str
    #: The rated occupations averaged, by code, closest first.
    sources: tuple[str, ...]
    #: How they were found, e.g. ``"Related Occupations.txt, Primary-Short"``.
    basis: str
    #: The Job Zone taken from the same sources (their median) when the release gives
    #: the occupation none; ``None`` when it gives one (kept) or no source has one.
    job_zone_imputed: int | None = None


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
        Occupations that became roles, rated and imputed.
    links_read : int
        Rows of the related-occupations file.
    transitions_created : int
        Links that became transitions.
    ratings : RatingScale
        How ``Work Styles.txt`` rates the styles: importance (20.x-29.x) or impact (30.x).
    links_skipped : dict of str to int
        Links that did not become transitions, counted by reason.
    skipped : tuple of SkippedOccupation
        Occupations that did not become roles, by code, each with its reason.
    imputed : tuple of ImputedOccupation
        Occupations without ratings that became roles with an imputed profile.
    missing_styles : tuple of str
        Expected work styles that no occupation of the release rates; traits
        are computed from their remaining styles.
    unmapped_styles : tuple of str
        Work styles of the release that the mapping does not use (ignored).
    incomplete : dict of str to tuple of str
        Occupations lacking some work style that others have, by code.
    norms : dict of Trait to TraitNorm
        Mean and standard deviation of each trait's raw level (0-100) over the
        rated occupations: the T-scores of the profiles are taken against them.
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
    ratings: RatingScale = RatingScale.IMPORTANCE
    links_skipped: Mapping[str, int] = field(default_factory=dict)
    skipped: tuple[SkippedOccupation, ...] = ()
    imputed: tuple[ImputedOccupation, ...] = ()
    missing_styles: tuple[str, ...] = ()
    unmapped_styles: tuple[str, ...] = ()
    incomplete: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    norms: Mapping[Trait, TraitNorm] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The summary as short English lines, for a command-line report."""
        release = self.release or "unknown release"
        out = [
            f"O*NET {release}, {self.ratings.value} ratings, {self.layout.value} layout"
            + ("" if self.has_job_zones else ", no Job Zones.txt (roles have no level)"),
            f"{self.occupations_read} occupations read, {self.roles_created} roles created "
            f"({len(self.imputed)} with a profile imputed from rated neighbours), "
            f"{len(self.skipped)} skipped",
            f"{self.links_read} related-occupation links read, "
            f"{self.transitions_created} transitions created",
        ]
        out += [f"  {n} links skipped: {reason}" for reason, n in self.links_skipped.items()]
        out += [f"  {n} imputed from: {basis}" for basis, n in _count(self.imputed).items()]
        zoned = sum(i.job_zone_imputed is not None for i in self.imputed)
        if zoned:
            out.append(f"  {zoned} imputed with a Job Zone too (the median of the same neighbours)")
        skips = _count(self.skipped).items()
        out += [f"  {n} occupations skipped: {reason}" for reason, n in skips]
        if self.missing_styles:
            out.append(f"work styles missing from the release: {', '.join(self.missing_styles)}")
        if self.unmapped_styles:
            out.append(f"work styles not used by the mapping: {', '.join(self.unmapped_styles)}")
        if self.incomplete:
            out.append(f"occupations lacking some work styles: {len(self.incomplete)}")
        out += list(self.notes)
        return out


def _count(items: tuple[ImputedOccupation | SkippedOccupation, ...]) -> dict[str, int]:
    """How many items have each basis (imputed) or reason (skipped), in first-seen order."""
    counts: dict[str, int] = {}
    for item in items:
        key = item.basis if isinstance(item, ImputedOccupation) else item.reason
        counts[key] = counts.get(key, 0) + 1
    return counts


@dataclass(frozen=True)
class OnetImport:
    """The catalog built from an O*NET release and the import's summary."""

    catalog: Catalog
    summary: OnetSummary


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


@dataclass
class _Occupation:
    code: str
    title: str
    description: str | None
    line: int
    #: Ratings of the scale that feeds the traits (IM or WI), by style key.
    styles: dict[str, float] = field(default_factory=dict)
    #: How strongly each style is a strength of the occupation (higher is stronger).
    strong: dict[str, float] = field(default_factory=dict)
    zone: int | None = None


@dataclass
class _Ratings:
    """What ``Work Styles.txt`` held."""

    scale: RatingScale | None = None
    #: Style key -> its spelling, for every style rated on the scale that feeds the traits.
    names: dict[str, str] = field(default_factory=dict)
    orphans: int = 0


def _read_occupations(reader: Reader) -> dict[str, _Occupation]:
    occupations: dict[str, _Occupation] = {}
    for row in reader.rows(OCCUPATION_FILE, (CODE, "Title", "Description")):
        code = reader.code(row, CODE, row[CODE] or None)
        title = row["Title"]
        if not title:
            reader.problems.append(row.problem("empty title", row[CODE] or None, "Title"))
        if code is None or not title:
            continue
        if code in occupations:
            message = f"duplicate occupation (first at line {occupations[code].line})"
            reader.problems.append(row.problem(message, code, CODE))
            continue
        occupations[code] = _Occupation(code, title, row["Description"] or None, row.line)
    return occupations


class _StyleRows:
    """Reads ``Work Styles.txt`` rows of any scale, keyed by (occupation, style, scale)."""

    def __init__(self, reader: Reader, occupations: dict[str, _Occupation]) -> None:
        self.reader = reader
        self.occupations = occupations
        self.first_line: dict[tuple[str, str, str], int] = {}
        self.keys: dict[str, str] = {}
        self.ratings = _Ratings()
        self.values: dict[str, dict[tuple[str, str], float]] = {}
        #: The scales of the rows read whole (a style, a code and a value in range).
        self.scales: set[str] = set()

    def read(self, row: Row, scale: str, low: float, high: float) -> None:
        """Check one row and keep its value under ``self.values[scale]``."""
        reader, name = self.reader, row["Element Name"]
        record = f"{row[CODE]} {name}".strip()
        code = reader.code(row, CODE, record)
        if not name:
            reader.problems.append(row.problem("empty work style name", record, "Element Name"))
        value = reader.number(row, "Data Value", record, low, high)
        if value is not None and scale == _RANK_SCALE and not value.is_integer():
            message = f"not a whole rank: {value:g}"
            reader.problems.append(row.problem(message, record, "Data Value"))
            value = None
        if code is None or not name or value is None:
            return
        key = self.keys.get(name)
        if key is None:
            key = self.keys[name] = normalise_style_name(name)
        first = self.first_line.setdefault((code, key, scale), row.line)
        if first != row.line:
            message = f"duplicate {_SCALE_WORDS[scale]} of this work style (first at line {first})"
            reader.problems.append(row.problem(message, record, "Element Name"))
            return
        self.scales.add(scale)
        if scale != _RANK_SCALE:
            self.ratings.names.setdefault(key, name)
        if code not in self.occupations:
            self.ratings.orphans += 1
            return
        self.values.setdefault(scale, {})[code, key] = value


def _read_work_styles(reader: Reader, occupations: dict[str, _Occupation]) -> _Ratings:
    """Fill each occupation's styles and strong styles; what the file held.

    The file rates importance (``IM``, 20.x-29.x) or impact (``WI``, 30.x, with the
    distinctiveness rank ``DR``); rows of other scales are ignored, and ``DR`` rows too
    in a release rating importance.
    """
    problems_before = len(reader.problems)
    rows = _StyleRows(reader, occupations)
    ranks: list[Row] = []
    columns = (CODE, "Element Name", "Scale ID", "Data Value")
    for row in reader.rows(WORK_STYLES_FILE, columns):
        scale = row["Scale ID"].upper()
        if scale == _RANK_SCALE:
            ranks.append(row)  # read once the file is known to rate impact
        elif scale in _SCALE_BOUNDS:
            rows.read(row, scale, *_SCALE_BOUNDS[scale])
    where = str(reader.folder / WORK_STYLES_FILE)
    scales = rows.scales
    if "IM" in scales and "WI" in scales:
        message = (
            "both importance (Scale ID IM, releases up to 29.x) and impact (Scale ID WI, "
            "30.x) ratings: a release has one or the other"
        )
        reader.problems.append(Problem(message, where, 1))
    elif "WI" in scales:
        rows.ratings.scale = RatingScale.IMPACT
        for row in ranks:
            rows.read(row, _RANK_SCALE, 0, _MAX_RANK)
    elif "IM" in scales:
        rows.ratings.scale = RatingScale.IMPORTANCE
    elif len(reader.problems) == problems_before:
        message = (
            "no work-style ratings: no rows of Scale ID IM (importance, releases up to 29.x) "
            "nor WI (impact, 30.x) with a work style and a value"
        )
        reader.problems.append(Problem(message, where, 1))
    _fill_occupations(rows, occupations)
    return rows.ratings


def _fill_occupations(rows: _StyleRows, occupations: dict[str, _Occupation]) -> None:
    """Each occupation's trait-feeding ratings and its strong styles (for strengths)."""
    scale = rows.ratings.scale
    if scale is None:
        return
    for (code, key), value in rows.values.get(STYLE_SETS[scale].scale_id, {}).items():
        occupations[code].styles[key] = value
        if scale is RatingScale.IMPORTANCE and value >= HIGH_IMPORTANCE:
            occupations[code].strong[key] = value
    for (code, key), rank in rows.values.get(_RANK_SCALE, {}).items():
        if rank >= 1:  # rank 1 is the most distinctive: the strongest
            occupations[code].strong[key] = _MAX_RANK + 1 - rank


def _read_job_zones(reader: Reader, occupations: dict[str, _Occupation]) -> int:
    """Set each occupation's job zone; the rows of unknown codes."""
    orphans = 0
    seen: dict[str, int] = {}
    for row in reader.rows(JOB_ZONES_FILE, (CODE, "Job Zone")):
        code = reader.code(row, CODE, row[CODE] or None)
        zone = reader.integer(row, "Job Zone", row[CODE] or None, 1, 5)
        if code is None or zone is None:
            continue
        if code in seen:
            message = f"duplicate job zone (first at line {seen[code]})"
            reader.problems.append(row.problem(message, code, CODE))
            continue
        seen[code] = row.line
        occupation = occupations.get(code)
        if occupation is None:
            orphans += 1
        else:
            occupation.zone = zone
    return orphans


# --------------------------------------------------------------------------- building


def _missing_links_problem(folder: Path, scale: RatingScale | None) -> Problem:
    """The problem of a release without a related-occupations file, naming the one it needs."""
    if scale is RatingScale.IMPACT:
        message = (
            f"missing related-occupations file {RELATED_OCCUPATIONS_FILE}: a 30.x release "
            f"(impact ratings) links occupations only through it ({CAREER_CHANGERS_FILE} "
            "ended with 25.x)"
        )
    else:
        message = (
            f"missing related-occupations file: neither {CAREER_CHANGERS_FILE} "
            f"(releases up to 25.x) nor {RELATED_OCCUPATIONS_FILE} (26.3 onwards)"
        )
    return Problem(message, str(folder))


@dataclass
class _Profiles:
    """The profile of every occupation that becomes a role, and what became of the others."""

    rated: dict[str, Profile] = field(default_factory=dict)
    imputed: dict[str, Imputation] = field(default_factory=dict)
    #: Job Zones of imputed occupations the release gives none, from the same sources.
    imputed_zones: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    norms: dict[Trait, TraitNorm] = field(default_factory=dict)


def _profiles(
    occupations: Mapping[str, _Occupation],
    style_set: StyleSet,
    links: list[Link],
    layout: LinkLayout,
) -> _Profiles:
    """Rated profiles as T-scores among the rated occupations; imputed ones; skip reasons."""
    out = _Profiles()
    raw: dict[str, list[float]] = {}
    unrated: list[str] = []
    for code, occupation in occupations.items():
        if not occupation.styles:
            unrated.append(code)
            continue
        levels, lacking = style_set.raw_levels(occupation.styles)
        if levels is None:
            assert lacking is not None
            needs = ", ".join(style_set.weights[lacking])
            out.skipped[code] = f"no work style for {lacking.value} (needs one of: {needs})"
        else:
            raw[code] = levels
    out.norms = trait_norms(raw.values())
    out.rated = {code: style_set.profile(levels, out.norms) for code, levels in raw.items()}
    out.imputed = impute_profiles(unrated, out.rated, links, layout)
    zones = {code: o.zone for code, o in occupations.items() if o.zone is not None}
    for code, found in out.imputed.items():
        zone = None if code in zones else imputed_job_zone(found.sources, zones)
        if zone is not None:
            out.imputed_zones[code] = zone
    for code in unrated:
        if code not in out.imputed:
            out.skipped[code] = _NO_NEIGHBOUR
    return out


_NO_NEIGHBOUR = "no work styles, and no rated related occupation nor SOC group neighbour"


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
        and a summary of what was read, created, imputed and skipped.

    Raises
    ------
    CatalogError
        If the folder is missing, a required file or column is missing, or
        any row is malformed (wrong field count, a code, number or tier that
        does not parse, a rating outside its scale, a job zone outside 1-5, a
        duplicate row). All problems are listed, each with file and line.
    """
    if not folder.is_dir():
        raise CatalogError([Problem("no such O*NET release folder", str(folder))])
    reader = Reader(folder, progress)
    files = _read_release(reader)
    release = detect_release(folder)
    style_set = STYLE_SETS[files.scale]
    occupations = files.occupations
    profiles = _profiles(occupations, style_set, files.links, files.layout)
    roles = _build_roles(reader, occupations, profiles, attribution(release, modified_by="Rumbo"))
    names = _style_names(files.ratings, style_set)
    transitions, links_skipped = build_transitions(
        files.links,
        occupations,
        {code: role for code, (role, _) in roles.items()},
        {code: occupations[code].strong for code in profiles.rated},
        names,
        str(folder / LINK_FILES[files.layout]),
    )
    reader.report("transitions", len(transitions), len(transitions))
    catalog = Catalog.build(list(roles.values()), transitions, rules=ONET_RULES)
    counts = _Counts(len(catalog.roles), len(catalog.transitions), links_skipped)
    summary = _summary(files, release, style_set, names, profiles, counts)
    return OnetImport(catalog, summary)


@dataclass(frozen=True)
class _ReleaseFiles:
    """What the files of a release held, once read without problems."""

    layout: LinkLayout
    ratings: _Ratings
    scale: RatingScale
    #: By code, in code order.
    occupations: dict[str, _Occupation]
    links: list[Link]
    links_read: int
    has_zones: bool
    zone_orphans: int
    #: Whether the folder holds both link files (the newer is read).
    has_both_link_files: bool
    #: Notes of the reading (files not in UTF-8, ...).
    notes: tuple[str, ...]


def _read_release(reader: Reader) -> _ReleaseFiles:
    """Read every file the import needs; raise one error listing every problem."""
    folder = reader.folder
    layout = detect_layout(folder)
    occupations = _read_occupations(reader)
    ratings = _read_work_styles(reader, occupations)
    if layout is None:
        reader.problems.insert(0, _missing_links_problem(folder, ratings.scale))
    links, links_read = read_links(reader, layout) if layout else ([], 0)
    has_zones = (folder / JOB_ZONES_FILE).is_file()
    zone_orphans = _read_job_zones(reader, occupations) if has_zones else 0
    if reader.problems:
        raise CatalogError(reader.problems)
    assert layout is not None and ratings.scale is not None  # else a problem above
    return _ReleaseFiles(
        layout=layout,
        ratings=ratings,
        scale=ratings.scale,
        occupations=dict(sorted(occupations.items())),
        links=links,
        links_read=links_read,
        has_zones=has_zones,
        zone_orphans=zone_orphans,
        has_both_link_files=all((folder / name).is_file() for name in LINK_FILES.values()),
        notes=tuple(reader.notes),
    )


def _style_names(ratings: _Ratings, style_set: StyleSet) -> dict[str, str]:
    """Spelling of every rated style by key (the mapping's where it has one), outline order."""
    names = {key: style_set.keys.get(key, name) for key, name in ratings.names.items()}
    return dict(sorted(names.items(), key=lambda item: style_set.order(item[0])))


@dataclass(frozen=True)
class _Counts:
    """What the catalog built from a release holds, and the links left out by reason."""

    roles: int
    transitions: int
    links_skipped: dict[str, int]


def _summary(
    files: _ReleaseFiles,
    release: str | None,
    style_set: StyleSet,
    names: Mapping[str, str],
    profiles: _Profiles,
    counts: _Counts,
) -> OnetSummary:
    """The import's summary: what was read, built, imputed, skipped and noted."""
    occupations = files.occupations
    present = [key for key in style_set.keys if key in names]
    return OnetSummary(
        release=release,
        layout=files.layout,
        has_job_zones=files.has_zones,
        occupations_read=len(occupations),
        roles_created=counts.roles,
        links_read=files.links_read,
        transitions_created=counts.transitions,
        ratings=files.scale,
        links_skipped=counts.links_skipped,
        skipped=tuple(
            SkippedOccupation(code, occupations[code].title, reason)
            for code, reason in sorted(profiles.skipped.items())
        ),
        imputed=tuple(
            ImputedOccupation(
                code,
                occupations[code].title,
                found.sources,
                found.basis,
                profiles.imputed_zones.get(code),
            )
            for code, found in profiles.imputed.items()
        ),
        missing_styles=tuple(s for key, s in style_set.keys.items() if key not in names),
        unmapped_styles=tuple(sorted(n for k, n in names.items() if k not in style_set.keys)),
        incomplete={
            code: gaps
            for code in profiles.rated
            if (
                gaps := tuple(
                    style_set.keys[k] for k in present if k not in occupations[code].styles
                )
            )
        },
        norms=profiles.norms,
        notes=_notes(files, release),
    )


def _notes(files: _ReleaseFiles, release: str | None) -> tuple[str, ...]:
    """What the summary notes about the files: what was ignored, what was not found."""
    notes: list[str] = []
    if files.layout is LinkLayout.RELATED_OCCUPATIONS and files.has_both_link_files:
        notes.append(f"both link files present; read {RELATED_OCCUPATIONS_FILE}")
    if release is None:
        notes.append("release number not found in Read Me.txt nor the folder name")
    if files.ratings.orphans:
        notes.append(
            f"{WORK_STYLES_FILE}: {files.ratings.orphans} row(s) of unknown occupations ignored"
        )
    if files.zone_orphans:
        notes.append(
            f"{JOB_ZONES_FILE}: {files.zone_orphans} row(s) of unknown occupations ignored"
        )
    return (*notes, *files.notes)


def _build_roles(
    reader: Reader, occupations: Mapping[str, _Occupation], profiles: _Profiles, credit: str
) -> dict[str, tuple[Role, Where]]:
    """The role of every rated or imputed occupation, by code, in code order."""
    roles: dict[str, tuple[Role, Where]] = {}
    total = len(occupations)
    reader.report("roles", 0, total)
    occupation_file = str(reader.folder / OCCUPATION_FILE)
    for done, (code, occupation) in enumerate(occupations.items(), 1):
        imputed = profiles.imputed.get(code)
        profile = imputed.profile if imputed else profiles.rated.get(code)
        if profile is not None:
            zone = occupation.zone if occupation.zone else profiles.imputed_zones.get(code)
            role = Role(
                id=onet_role_id(code),
                name=occupation.title,
                name_en=occupation.title,
                family=soc_family(code),
                level=onet_level(code, zone),
                job_zone=zone,
                profile=profile,
                attribution=credit,
                imputed_from=tuple(onet_role_id(c) for c in imputed.sources) if imputed else (),
                # O*NET's text is English: the guide in English, none in Spanish.
                en=GuideText(description=occupation.description),
            )
            roles[code] = (role, Where(occupation_file, occupation.line))
        if done % PROGRESS_EVERY == 0:
            reader.report("roles", done, total)
    reader.report("roles", total, total)
    return roles
