"""YAML parsing shared by the YAML files: documents, duplicate keys, line numbers, limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.error import Mark
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from graph.errors import CatalogError, Problem
from loaders._common import MAX_TEXT_BYTES, FieldPath, read_text_limited, too_large

#: Deepest nesting of mappings and lists in a YAML document (a role file needs 4). PyYAML
#: composes nodes recursively, so a 2 KB file nested 1,000 deep exhausted Python's stack.
MAX_NESTING = 32


class LimitExceeded(yaml.MarkedYAMLError):
    """A YAML document beyond Rumbo's input limits (:data:`MAX_NESTING`)."""

    def __str__(self) -> str:
        return str(self.problem)  # the line is in problem_mark; no excerpt of the text


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a document nested deeper than :data:`MAX_NESTING`.

    Depth counts through aliases too (an alias stands for its anchor's whole node), so
    chained anchors cannot build a deeper structure, and an alias inside its own anchor
    (a cycle) is refused.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._heights: dict[int, int] = {}  # id(node) -> levels from it to its deepest leaf

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event: Event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in the stubs
        mark = event.start_mark if isinstance(event.start_mark, Mark) else None
        if self.check_event(AliasEvent):
            node = super().compose_node(parent, index)
            height = self._heights.get(id(node))
            if height is None:
                raise LimitExceeded(problem="an alias inside the node it names", problem_mark=mark)
            self._check_depth(self._depth + height, mark)
            return node
        self._depth += 1
        self._check_depth(self._depth, mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node is not None:
            self._heights[id(node)] = 1 + max(
                map(self._heights.__getitem__, _children(node)), default=0
            )
        return node

    @staticmethod
    def _check_depth(depth: int, mark: Mark | None) -> None:
        if depth > MAX_NESTING:
            message = f"nested more than {MAX_NESTING} levels deep (the limit)"
            raise LimitExceeded(problem=message, problem_mark=mark)


def _children(node: Node) -> list[int]:
    if isinstance(node, SequenceNode):
        return [id(child) for child in node.value]
    if isinstance(node, MappingNode):
        return [id(part) for pair in node.value for part in pair]
    return []


def compose(text: str) -> Node | None:
    """The node tree of one YAML document, within :data:`MAX_NESTING`.

    Raises
    ------
    yaml.YAMLError
        :class:`LimitExceeded` when nested too deep, else PyYAML's own errors.
    """
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


class Locator:
    """Line numbers of fields, from the composed YAML node tree."""

    def __init__(self, root: Node | None) -> None:
        self.root = root

    def line(self, path: FieldPath) -> int | None:
        """1-based line of the deepest node of ``path`` that exists (keys point at the key)."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for part in path:
            if isinstance(node, MappingNode) and isinstance(part, str):
                match = None
                for key, value in node.value:
                    if isinstance(key, ScalarNode) and key.value == part:
                        match = (key, value)  # the last one wins, as in the loaded data
                if match is None:
                    break
                line = match[0].start_mark.line + 1
                node = match[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        return line


def load_yaml(text: str, file: str) -> tuple[Any, Node | None, list[Problem]]:
    """The data and node tree of one YAML document, or the problems that stop reading it.

    Duplicate keys are reported as problems too (YAML would keep the last one), and so are
    a text over :data:`~loaders._common.MAX_TEXT_BYTES` characters and nesting deeper than
    :data:`MAX_NESTING`.
    """
    if len(text) > MAX_TEXT_BYTES:
        return None, None, [Problem(too_large(MAX_TEXT_BYTES), file)]
    loader: yaml.SafeLoader | None = None
    try:
        loader = _BoundedLoader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except LimitExceeded as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        return None, None, [Problem(str(exc), file, line)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, None, [Problem(f"YAML syntax error: {what}", file, line)]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char = f" #x{exc.character:04x}" if isinstance(exc.character, int) else ""
        message = f"YAML syntax error: unacceptable character{char}: {exc.reason}"
        return None, None, [Problem(message, file, line)]
    except yaml.YAMLError as exc:
        return None, None, [Problem(f"YAML error: {exc}", file)]
    finally:
        if loader is not None:
            loader.dispose()
    return data, node, _duplicate_keys(node, file)


def _duplicate_keys(root: Node | None, file: str) -> list[Problem]:
    """YAML silently keeps the last of two equal keys; report them instead."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in keys:
                        problems.append(
                            Problem(f"duplicate key {key.value!r}", file, key.start_mark.line + 1)
                        )
                    keys.add(key.value)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return problems


def read_yaml_document(path: Path) -> Any:
    """The data of a one-document YAML (or JSON) file, within Rumbo's input limits.

    Raises
    ------
    CatalogError
        Naming the file (and the line) if it cannot be read, is larger than
        :data:`~loaders._common.MAX_TEXT_BYTES`, is not UTF-8, is not valid YAML, is
        nested deeper than :data:`MAX_NESTING` or repeats a key.
    """
    file = str(path)
    try:
        text = read_text_limited(path)
    except UnicodeDecodeError as exc:
        raise CatalogError([Problem(f"not UTF-8 text: {exc.reason}", file)]) from None
    except OSError as exc:
        raise CatalogError(
            [Problem(f"cannot read the file: {exc.strerror or exc}", file)]
        ) from None
    data, _, problems = load_yaml(text, file)
    if problems:
        raise CatalogError(problems)
    return data
