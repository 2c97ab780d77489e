"""Fixtures shared by the GraphQL tests."""

from collections.abc import AsyncIterator

import pytest

from cost_model_service.config import Settings
from tests.stack import Stack, running_stack


@pytest.fixture
async def stack(settings: Settings) -> AsyncIterator[Stack]:
    """The API under uvicorn, without a worker: requests are answered, nothing is analyzed."""
    async with running_stack(settings, worker=False) as stack:
        yield stack
