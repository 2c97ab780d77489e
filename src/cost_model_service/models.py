"""Imports every table so that SQLModel.metadata knows them all (Alembic, tests)."""


def load_all_models() -> None:
    from cost_model_service.analysis import models as analysis  # noqa: F401
    from cost_model_service.articles import models as articles  # noqa: F401
    from cost_model_service.auth import models as auth  # noqa: F401
    from cost_model_service.batches import models as batches  # noqa: F401
    from cost_model_service.cost_indices import models as cost_indices  # noqa: F401
    from cost_model_service.cost_models import models as cost_models  # noqa: F401
    from cost_model_service.index_series import models as index_series  # noqa: F401
    from cost_model_service.price_alerts import models as price_alerts  # noqa: F401
    from cost_model_service.pricing import models as pricing  # noqa: F401
