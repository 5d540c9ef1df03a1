"""Parent and children links inside one kind (places, organizations, committees)."""

from __future__ import annotations

from typing import Any

from ..validate.valid import Entry, parent_loops


def link_parents(nodes: dict[str, Any], entries: dict[str, Entry]) -> None:
    """Set parent/children; links inside a loop (reported by the validator) are left out."""
    in_loop = {key for loop in parent_loops(entries) for key in loop}
    for key, node in nodes.items():
        parent_key = entries[key].meta.parent
        if parent_key in nodes and key not in in_loop:
            node.parent = nodes[parent_key]
            nodes[parent_key].children.append(node)
