"""YAML parsing shared by the YAML catalog files: documents, duplicate keys, line numbers."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from graph.errors import Problem
from loaders._common import FieldPath


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

    Duplicate keys are reported as problems too (YAML would keep the last one).
    """
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
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
