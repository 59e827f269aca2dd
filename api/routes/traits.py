"""``GET /v1/traits``: the six OCEAN+ traits."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import LangDep, SnapshotDep
from api.models.traits import TraitList, trait_infos
from api.routes._responses import READ_ERRORS

router = APIRouter(tags=["traits"])


@router.get(
    "/traits",
    operation_id="listTraits",
    summary="List the OCEAN+ traits",
    response_model=TraitList,
    responses=READ_ERRORS,
)
async def list_traits(snapshot: SnapshotDep, lang: LangDep) -> TraitList:
    """The six traits every profile scores, in canonical order, labelled in es or en."""
    return TraitList(catalog_version=snapshot.version, lang=lang, traits=trait_infos(lang))
