"""Root query fields take turns on the request's session.

graphql-core resolves a query's root fields concurrently (`{ article(id:) {...}
costIndexBindings {...} }`), but they share one AsyncSession, which allows one operation at
a time. Each root resolver runs under the context's session lock, the same lock the
DataLoaders of nested fields take (so a root resolver must not await a DataLoader itself).
Mutations already run one after the other; subscriptions open sessions of their own.
"""

from collections.abc import Callable
from typing import Any

from graphql import GraphQLResolveInfo
from strawberry.extensions import SchemaExtension
from strawberry.utils.await_maybe import AwaitableOrValue, await_maybe


class SerialRootQueryFields(SchemaExtension):
    def resolve(self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo,
                *args: str, **kwargs: Any) -> AwaitableOrValue[object]:
        if info.path.prev is not None or info.parent_type is not info.schema.query_type:
            return _next(root, info, *args, **kwargs)
        return self._locked(_next, root, info, *args, **kwargs)

    async def _locked(self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo,
                      *args: str, **kwargs: Any) -> object:
        async with info.context.session_lock:
            return await await_maybe(_next(root, info, *args, **kwargs))
