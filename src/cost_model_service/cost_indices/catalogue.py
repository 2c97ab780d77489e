"""The default catalogue's codes for work without a database (`cms extract --cost-model`).
The database copy is seeded by migration 0002; a running service always reads that one."""

from cost_model_service.cost_indices.schemas import CatalogueIndex

_ENTRIES = {
    "material": "STEEL STAINLESS_STEEL CAST_IRON ALUMINIUM COPPER PLASTICS RUBBER GLASS PAPER "
    "TEXTILES ELECTRONICS",
    "labour": "LABOUR",
    "energy": "ELECTRICITY NATURAL_GAS",
    "logistics": "FREIGHT",
    "fixed": "FIXED",
}

DEFAULT_CATALOGUE = [
    CatalogueIndex(code=code, name=code.replace("_", " ").capitalize(), category=category)
    for category, codes in _ENTRIES.items()
    for code in codes.split()
]
