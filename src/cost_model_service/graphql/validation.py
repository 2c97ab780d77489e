"""Validating a document off the event loop.

The limits (limits.py) make every rule's work small and linear, but validation is still
CPU work on a document an attacker chose: run here, on the loop, any rule that turned out
super-linear would stall /health, every tenant's requests and the pub/sub link at once.
In a thread the loop keeps its turns (the GIL switches every 5 ms), and a pool of its own
means a flood of heavy documents queues behind itself, not behind other threaded work.
"""

import asyncio
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache

from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

VALIDATION_THREADS = 1


@cache
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(VALIDATION_THREADS, thread_name_prefix="graphql-validate")


class ValidateInThread(SchemaExtension):
    """Runs strawberry's own validation (the same rules, the same function) in the pool.
    Strawberry skips its validation when an extension has already set the result."""

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        if (context.pre_execution_errors is None and context.validation_rules
                and context.graphql_document is not None):
            loop = asyncio.get_running_loop()
            context.pre_execution_errors = await loop.run_in_executor(
                _executor(), validate_document, context.schema._schema,
                context.graphql_document, context.validation_rules)
        yield
