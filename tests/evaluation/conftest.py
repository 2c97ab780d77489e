"""The corpora run OCR through the isolated pool, whose processes stay about 500 MB
resident each: they are closed when the module that started them ends, so later modules
(and their memory measurements) start without them."""

from collections.abc import Iterator

import pytest

from cost_model_service.analysis import isolation


@pytest.fixture(autouse=True, scope="module")
def close_pools_after_the_module() -> Iterator[None]:
    yield
    isolation.close_all()
