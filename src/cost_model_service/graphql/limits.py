"""strawberry's QueryDepthLimiter, safe against a spread of an undefined fragment.

Its rule looks fragments up by name without checking, so `{ ...Missing }` raised a
KeyError inside validation, which strawberry then answered unmasked and without a code.
graphql-core's own KnownFragmentNamesRule already reports the missing fragment, so the
depth rule can simply skip such documents.
"""

from graphql import FragmentDefinitionNode, FragmentSpreadNode, ValidationContext, visit
from graphql.language import Visitor
from strawberry.extensions import AddValidationRules
from strawberry.extensions.query_depth_limiter import create_validator


class _SpreadNames(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: object) -> None:
        self.names.add(node.name.value)


def _has_unknown_fragment(context: ValidationContext) -> bool:
    defined = {d.name.value for d in context.document.definitions
               if isinstance(d, FragmentDefinitionNode)}
    spreads = _SpreadNames()
    visit(context.document, spreads)
    return not spreads.names <= defined


class QueryDepthLimit(AddValidationRules):
    def __init__(self, max_depth: int) -> None:
        depth_rule = create_validator(max_depth, None, None)

        class SafeDepthRule(depth_rule):  # type: ignore[misc, valid-type]
            def __init__(self, context: ValidationContext) -> None:
                if _has_unknown_fragment(context):
                    super(depth_rule, self).__init__(context)  # skip the depth check
                else:
                    super().__init__(context)

        super().__init__([SafeDepthRule])
