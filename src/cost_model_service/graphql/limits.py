"""Limits on a GraphQL document's depth and aliases, checked in time linear in its size.

strawberry's QueryDepthLimiter and MaxAliasesLimiter walk every fragment spread again
without memo: a ~1 KB chain of fragments, each spreading the next twice, cost 2^n work
(n=22: 12 s on the event loop). Here each definition is walked once, without recursion,
and a fragment's depth and alias count are combined through its spreads in dependency
order: the counts mean the same (spreads expanded), the work does not multiply.

graphql-core's OverlappingFieldsCanBeMergedRule meters its own pairwise comparisons and
aborts past a budget; its default (500,000) let a 2,000-token document of conflicting
fields take ~1 s of CPU, and its allocations set off full garbage collections that stall
every thread. GraphiQL's introspection query and ours spend none of it; a Relay-style
selection spreading 30 overlapping fragments of one type (5 fields each) ~15,000. The
budget below admits that and keeps the worst document near 0.1 s.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.language import SKIP, VisitorAction
from graphql.validation.rules import overlapping_fields_can_be_merged

from cost_model_service.graphql.phase_extensions import RulesAtValidation

OVERLAPPING_FIELDS_BUDGET = 20_000
overlapping_fields_can_be_merged.MAX_COMPLEXITY_BUDGET = OVERLAPPING_FIELDS_BUDGET


@dataclass
class _Shape:
    """One definition's own depth and aliases, and where it spreads which fragment."""

    depth: int = 0
    aliases: int = 0
    # (fragment, depth there, inside an introspection field: counts for aliases only)
    spreads: list[tuple[str, int, bool]] = field(default_factory=list)


def _shape(selection_set: SelectionSetNode) -> _Shape:
    """Depth counts fields with a selection (as strawberry's does: `{ a { b } }` is 1),
    except inside introspection fields: graphql-core's MaxIntrospectionDepthRule bounds
    those (GraphiQL's own introspection query is deeper than any limit here)."""
    shape = _Shape()
    stack = [(selection_set, 0, False)]
    while stack:
        selections, depth, introspection = stack.pop()
        shape.depth = max(shape.depth, depth)
        for selection in selections.selections:
            if isinstance(selection, FragmentSpreadNode):
                shape.spreads.append((selection.name.value, depth, introspection))
                continue
            assert isinstance(selection, FieldNode | InlineFragmentNode)
            nested = selection.selection_set
            if isinstance(selection, FieldNode):
                shape.aliases += selection.alias is not None
                if nested:
                    inside = introspection or selection.name.value.startswith("__")
                    stack.append((nested, depth if inside else depth + 1, inside))
            elif nested:  # an inline fragment: same level
                stack.append((nested, depth, introspection))
    return shape


def _fragment_totals(shapes: dict[str, _Shape]) -> dict[str, tuple[int, int]]:
    """(depth, aliases) of every fragment with its spreads expanded, each computed once
    (post-order without recursion). A spread closing a cycle or naming no fragment adds
    nothing: graphql-core's own rules report those."""
    totals: dict[str, tuple[int, int]] = {}
    for root in shapes:
        path: list[tuple[str, Iterator[tuple[str, int, bool]]]] = [
            (root, iter(shapes[root].spreads))
        ]
        on_path = {root}
        while path:
            name, spreads = path[-1]
            for spread, _, _ in spreads:
                if spread in shapes and spread not in totals and spread not in on_path:
                    path.append((spread, iter(shapes[spread].spreads)))
                    on_path.add(spread)
                    break
            else:
                path.pop()
                on_path.discard(name)
                totals[name] = _combine(shapes[name], totals)
    return totals


def _combine(shape: _Shape, totals: dict[str, tuple[int, int]]) -> tuple[int, int]:
    depth, aliases = shape.depth, shape.aliases
    for spread, at, introspection in shape.spreads:
        spread_depth, spread_aliases = totals.get(spread, (0, 0))
        if not introspection:
            depth = max(depth, at + spread_depth)
        aliases += spread_aliases
    return depth, aliases


def _operations(document: DocumentNode) -> Iterable[OperationDefinitionNode]:
    return (d for d in document.definitions if isinstance(d, OperationDefinitionNode))


@cache  # one class per limits: the validation cache (validation.py) keys on the rules
def limits_rule(max_depth: int, max_aliases: int) -> type[ASTValidationRule]:
    class DocumentLimitsRule(ASTValidationRule):
        def enter_document(self, node: DocumentNode, *_: Any) -> VisitorAction:
            shapes = {
                d.name.value: _shape(d.selection_set)
                for d in node.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            totals = _fragment_totals(shapes)
            all_aliases = 0
            for operation in _operations(node):
                depth, aliases = _combine(_shape(operation.selection_set), totals)
                all_aliases += aliases
                if depth > max_depth:
                    name = operation.name.value if operation.name else "anonymous"
                    self.report_error(
                        GraphQLError(
                            f"'{name}' exceeds maximum operation depth of {max_depth}", operation
                        )
                    )
            if all_aliases > max_aliases:
                self.report_error(
                    GraphQLError(f"{all_aliases} aliases found. Allowed: {max_aliases}")
                )
            return SKIP

    return DocumentLimitsRule


class DocumentLimits(RulesAtValidation):
    def __init__(self, max_depth: int, max_aliases: int) -> None:
        super().__init__([limits_rule(max_depth, max_aliases)])
