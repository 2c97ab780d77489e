"""Seed the default cost index catalogue.

References name Eurostat datasets (sts_inppd_m: producer prices in industry, by NACE
activity; lc_lci_r2_q: labour cost index; sts_sepp_q: services producer prices) so a buyer
knows which published series tracks each index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# code, name, category, unit, description, source reference
CATALOGUE = [
    (
        "STEEL",
        "Steel",
        "material",
        "EUR/t",
        "Carbon and low-alloy steel: sheet, bar, profiles, fasteners.",
        "Eurostat sts_inppd_m C24.10",
    ),
    (
        "STAINLESS_STEEL",
        "Stainless steel",
        "material",
        "EUR/t",
        "Stainless steel (nickel and chromium alloyed).",
        "Eurostat sts_inppd_m C24.10",
    ),
    (
        "CAST_IRON",
        "Cast iron",
        "material",
        "EUR/t",
        "Grey and ductile iron castings.",
        "Eurostat sts_inppd_m C24.51",
    ),
    (
        "ALUMINIUM",
        "Aluminium",
        "material",
        "EUR/t",
        "Aluminium and its alloys: extrusions, die casts, sheet.",
        "Eurostat sts_inppd_m C24.42",
    ),
    (
        "COPPER",
        "Copper",
        "material",
        "EUR/t",
        "Copper and copper alloys (brass, bronze), windings and conductors.",
        "Eurostat sts_inppd_m C24.44",
    ),
    (
        "PLASTICS",
        "Plastics",
        "material",
        "EUR/t",
        "Thermoplastics and thermosets (ABS, PA, PP, PE, PVC, POM).",
        "Eurostat sts_inppd_m C20.16",
    ),
    (
        "RUBBER",
        "Rubber",
        "material",
        "EUR/t",
        "Natural and synthetic rubber, seals, elastomers.",
        "Eurostat sts_inppd_m C22.1",
    ),
    (
        "GLASS",
        "Glass",
        "material",
        "EUR/t",
        "Flat, toughened and technical glass.",
        "Eurostat sts_inppd_m C23.1",
    ),
    (
        "PAPER",
        "Paper and board",
        "material",
        "EUR/t",
        "Paper, corrugated board, cartons.",
        "Eurostat sts_inppd_m C17.1",
    ),
    (
        "TEXTILES",
        "Textiles",
        "material",
        "EUR/t",
        "Cotton, synthetic fibres and fabrics.",
        "Eurostat sts_inppd_m C13",
    ),
    (
        "ELECTRONICS",
        "Electronic components",
        "material",
        "index",
        "Semiconductors, PCBs, cells and electronic assemblies.",
        "Eurostat sts_inppd_m C26.1",
    ),
    (
        "LABOUR",
        "Labour",
        "labour",
        "index",
        "Manufacturing labour cost.",
        "Eurostat lc_lci_r2_q NACE C",
    ),
    (
        "ELECTRICITY",
        "Electricity",
        "energy",
        "EUR/MWh",
        "Electricity for production.",
        "Eurostat sts_inppd_m D35.1",
    ),
    (
        "NATURAL_GAS",
        "Natural gas",
        "energy",
        "EUR/MWh",
        "Natural gas for heating, melting and heat treatment.",
        "Eurostat sts_inppd_m D35.2",
    ),
    (
        "FREIGHT",
        "Freight",
        "logistics",
        "index",
        "Road freight transport.",
        "Eurostat sts_sepp_q H49.41",
    ),
    (
        "FIXED",
        "Fixed share",
        "fixed",
        None,
        "Non-indexed part of the price (overheads, margin), as in price adjustment clauses.",
        None,
    ),
]

cost_index = sa.table(
    "cost_index",
    sa.column("id", sa.Uuid()),
    sa.column("code", sa.String()),
    sa.column("name", sa.String()),
    sa.column("category", sa.String()),
    sa.column("unit", sa.String()),
    sa.column("description", sa.String()),
    sa.column("source_reference", sa.String()),
)


def upgrade() -> None:
    op.bulk_insert(
        cost_index,
        [
            {
                # Stable ids derived from the code: the same catalogue on every installation.
                "id": uuid.uuid5(uuid.NAMESPACE_URL, f"cost-model-service:cost-index:{code}"),
                "code": code,
                "name": name,
                "category": category,
                "unit": unit,
                "description": description,
                "source_reference": reference,
            }
            for code, name, category, unit, description, reference in CATALOGUE
        ],
    )


def downgrade() -> None:
    codes = [row[0] for row in CATALOGUE]
    op.execute(cost_index.delete().where(cost_index.c.code.in_(codes)))
