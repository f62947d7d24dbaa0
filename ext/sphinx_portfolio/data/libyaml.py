"""The quick way to read a well-formed data file: libyaml's parser in C, ruamel's nodes.

ruamel.yaml's round-trip reader (:mod:`.yaml_reader`) keeps every comment and position, and is pure
Python: ~1.3 s for a 1,000-entry ``projects.yaml``, most of a large portfolio's reading time.
PyYAML's C binding of libyaml parses the same file into events in ~15 ms, with the line and
column of each. This module composes ruamel's own nodes from those events, so ruamel's
constructor (ours, which reports duplicate keys) still builds the same ``CommentedMap`` /
``CommentedSeq`` documents with the same positions, and nothing downstream can tell the two
readers apart (``tests/test_data_readers.py`` holds them to that).

It only takes text the careful reader would read without a finding, and hands everything
else back (``None``) so that the careful reader reports it exactly as before:

* no PyYAML with libyaml installed;
* NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR (U+0085, U+2028, U+2029), line breaks to
  libyaml's YAML 1.1 and text to ruamel's YAML 1.2;
* a ``#`` glued to text (``rank #1``): the careful reader must see that comment to report it
  as swallowed text (:func:`.yaml_reader.swallowed_text`), and libyaml drops comments;
* anchors, aliases or explicit tags, collections nested past :data:`.yaml_reader.MAX_DEPTH`, numbers
  past :data:`.yaml_reader.MAX_NUMBER_LENGTH`, and any text libyaml rejects: each one either a
  finding the careful reader reports at its line, or an error message worded as it words it.

Deep nesting costs nothing: libyaml's scanner checks every open flow level for each token
(quadratic in the depth), but it runs only as far ahead of the events as a simple key can
reach (one line, at most 1,024 characters), and the composer stops at the first event past
:data:`.yaml_reader.MAX_DEPTH`.
"""

from __future__ import annotations

import re
from typing import Any, Final

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver

__all__ = ["NUMBER_TAGS", "compose"]

try:
    import yaml as pyyaml

    LIBYAML_LOADER: Any = pyyaml.CSafeLoader
except (ImportError, AttributeError):  # no PyYAML, or one built without libyaml
    LIBYAML_LOADER = None

#: A comment the careful reader must see: '#' after a blank, glued to what follows.
_GLUED_COMMENT: Final = re.compile(r"(?:^|\s)#[^\s#]")
_YAML_1_1_BREAK: Final = re.compile("[\x85\u2028\u2029]")
#: The tags of a number, whose length both readers bound (``max_number``).
NUMBER_TAGS: Final = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class _Declined(Exception):
    """The text is the careful reader's to read."""


def compose(text: str, resolver: BaseResolver, max_depth: int, max_number: int) -> Node | None:
    """The document's root node, as ruamel's composer would make it, or ``None`` when the
    text is for the careful reader (see the module docstring). ``resolver``: the careful
    reader's own, so scalars get the same tags (YAML 1.2: ``no`` stays text)."""
    if LIBYAML_LOADER is None or _GLUED_COMMENT.search(text) or _YAML_1_1_BREAK.search(text):
        return None
    try:
        return _Composer(resolver, max_depth, max_number).document(
            pyyaml.parse(text, Loader=LIBYAML_LOADER))
    except (_Declined, pyyaml.YAMLError):
        return None


class _Composer:
    """Builds ruamel nodes from libyaml's event stream, without recursion."""

    def __init__(self, resolver: BaseResolver, max_depth: int, max_number: int) -> None:
        self.resolver = resolver
        self.max_depth = max_depth
        self.max_number = max_number

    def document(self, events: Any) -> Node | None:
        root: Node | None = None
        documents = 0
        # Each open collection, with the key it waits to pair (mappings) or None.
        open_nodes: list[tuple[Node, list[Node]]] = []
        for event in events:
            if isinstance(event, pyyaml.events.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Declined  # the careful reader words the error
                continue
            if isinstance(event, pyyaml.events.CollectionEndEvent):
                node, _ = open_nodes.pop()
                node.end_mark = event.end_mark
                continue
            if not isinstance(event, pyyaml.events.NodeEvent):
                continue  # stream and document boundaries
            if event.anchor is not None or isinstance(event, pyyaml.events.AliasEvent):
                raise _Declined  # refused, and reported, by the careful reader
            node = self._node(event)
            if open_nodes:
                self._add(open_nodes[-1], node)
            else:
                root = node
            if isinstance(event, pyyaml.events.CollectionStartEvent):
                if len(open_nodes) >= self.max_depth:
                    raise _Declined
                open_nodes.append((node, []))
        return root

    def _node(self, event: Any) -> Node:
        if event.tag is not None and event.tag != "!":
            raise _Declined  # explicit tags: rare in data files, and left to ruamel
        if isinstance(event, pyyaml.events.ScalarEvent):
            tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)
            if str(tag) in NUMBER_TAGS and len(event.value) > self.max_number:
                raise _Declined
            return ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                              style=event.style)
        kind = MappingNode if isinstance(event, pyyaml.events.MappingStartEvent) else SequenceNode
        tag = self.resolver.resolve(kind, None, event.implicit)
        return kind(tag, [], event.start_mark, None, flow_style=event.flow_style)

    @staticmethod
    def _add(parent: tuple[Node, list[Node]], node: Node) -> None:
        collection, pending_key = parent
        if isinstance(collection, SequenceNode):
            collection.value.append(node)
        elif pending_key:
            collection.value.append((pending_key.pop(), node))
        else:
            pending_key.append(node)
