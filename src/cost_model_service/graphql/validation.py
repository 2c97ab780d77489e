"""Validating a document off the event loop.

The limits (limits.py) make every rule's work small and linear, but validation is still
CPU work on a document an attacker chose: run here, on the loop, any rule that turned out
super-linear would stall /health, every tenant's requests and the pub/sub link at once.
In a thread the loop keeps its turns (the GIL switches every 5 ms), and a pool of its own
means a flood of heavy documents queues behind itself, not behind other threaded work.

Clients send the same few documents again and again (every subscriber the same
subscription): a document that passed is remembered, by its text and the rules, and not
validated again. strawberry's ValidationCache would validate on the loop and cache errors
too; documents that fail are validated every time (in the thread, within the limits),
and a cache hit never waits behind a heavy document in the thread's queue.
"""

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator, Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import Any

from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

VALIDATION_THREADS = 1
# Valid documents remembered (each at most graphql_max_tokens tokens of text).
VALID_DOCUMENTS_CACHED = 256

_valid: OrderedDict[Hashable, None] = OrderedDict()


@cache
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(VALIDATION_THREADS, thread_name_prefix="graphql-validate")


class ValidateInThread(SchemaExtension):
    """Runs strawberry's own validation (the same rules, the same function) in the pool.
    Strawberry skips its validation when an extension has already set the result."""

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        if (
            context.pre_execution_errors is None
            and context.validation_rules
            and context.graphql_document is not None
        ):
            key = (context.schema._schema, context.query, context.validation_rules)
            if context.query is not None and key in _valid:
                _valid.move_to_end(key)
                context.pre_execution_errors = []
            else:
                loop = asyncio.get_running_loop()
                errors = await loop.run_in_executor(
                    _executor(),
                    validate_document,
                    context.schema._schema,
                    context.graphql_document,
                    context.validation_rules,
                )
                if not errors and context.query is not None:
                    _valid[key] = None
                    if len(_valid) > VALID_DOCUMENTS_CACHED:
                        _valid.popitem(last=False)
                context.pre_execution_errors = errors
        yield


# Parsed documents remembered, by text and parse options (the token limit among them).
PARSED_DOCUMENTS_CACHED = 256

_parsed: OrderedDict[Hashable, Any] = OrderedDict()


class ParsedDocuments(SchemaExtension):
    """Documents parsed once. strawberry's ParserCache parses inside its hook, where a
    syntax error or the token limit escapes strawberry's own handling (a WebSocket then
    got a masked internal error instead of its 4400 close): here a hit is handed over
    before parsing, and strawberry parses a miss itself; only what parsed is kept."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        key = (context.query, tuple(sorted(context.parse_options.items())))
        hit = context.query is not None and context.graphql_document is None and key in _parsed
        if hit:
            _parsed.move_to_end(key)
            context.graphql_document = _parsed[key]
        yield
        if not hit and context.query is not None and context.graphql_document is not None:
            _parsed[key] = context.graphql_document
            if len(_parsed) > PARSED_DOCUMENTS_CACHED:
                _parsed.popitem(last=False)
