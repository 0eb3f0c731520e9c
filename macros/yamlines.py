"""YAML loading that remembers where each value came from, so errors can name a line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class LineDict(dict):
    """A mapping that knows the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key, default: int | None = None) -> int:
        return self.key_lines.get(key, default if default is not None else self.line)


class LineList(list):
    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class WrittenFloat(float):
    """A float that remembers how it was written, so 95.70 is shown as 95.70, not 95.7."""

    written: str = ""

    def __reduce__(self):  # pickles and deep copies as a plain float
        return float, (float(self),)


class _Loader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences carry line numbers (of the whole file)."""

    line_offset = 0  # lines of the file before the parsed text (the frontmatter's `---`)

    def construct_mapping(self, node, deep=False):
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1 + self.line_offset
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError as err:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    "found an unhashable key", key_node.start_mark) from err
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1 + self.line_offset
        return result

    def construct_sequence(self, node, deep=False):
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1 + self.line_offset
        result.item_lines = [child.start_mark.line + 1 + self.line_offset for child in node.value]
        return result


def _construct_int(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:  # Python refuses to convert integers of more than 4,300 digits
        raise yaml.constructor.ConstructorError(
            None, None, f"the number {node.value[:20]}… has too many digits", node.start_mark) from None


def _construct_float(loader, node):
    value = WrittenFloat(yaml.SafeLoader.construct_yaml_float(loader, node))
    value.written = node.value.replace("_", "")
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
# YAML 1.1 reads 2024-01-01 as a date and `on`/`yes` as booleans; a case has no dates, so keep text.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _CaseLoader(_Loader):
    """For case files, which come from strangers' pull requests: no aliases. `*name` repeats a value
    without writing it out, so a few hundred bytes of nested aliases expand to gigabytes."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"the alias *{event.anchor} is not allowed in a case file: write the value out in full",
                event.start_mark)
        return super().compose_node(parent, index)


class YamlError(Exception):
    def __init__(self, line: int | None, message: str, path=None):
        super().__init__(message)
        self.line = line
        self.message = message
        self.path = path


# Speed (issue: scale): libyaml's C parser builds the node tree about 15 times faster than PyYAML's
# Python one; the values are then built by the same constructors (same types, same line numbers).
# Anything unusual (control characters, an alias in a case file, any error) goes the Python way,
# which alone words the error messages.
_CLoader = None
if getattr(yaml, "__with_libyaml__", False):
    _CLoader = type("_CLoader", (yaml.CSafeLoader,), {
        "line_offset": 0, "construct_mapping": _Loader.construct_mapping,
        "construct_sequence": _Loader.construct_sequence, "yaml_constructors": _Loader.yaml_constructors,
        "yaml_implicit_resolvers": _Loader.yaml_implicit_resolvers})
_SLOW = object()


def _fast_load(text: str, first_line: int, aliases: bool):
    if _CLoader is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return _SLOW
    try:
        if not aliases and "*" in text and any(
                isinstance(event, yaml.events.AliasEvent) for event in yaml.parse(text, Loader=yaml.CSafeLoader)):
            return _SLOW
        loader = _CLoader(text)
        try:
            loader.line_offset = first_line - 1
            return loader.get_single_data()
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - the Python parser reports it properly
        return _SLOW


def load(text: str, first_line: int = 1, aliases: bool = True):
    """Parse YAML text; `first_line` is the line of the text's first line in its file.
    `aliases=False` rejects `*name` aliases (case files)."""
    fast = _fast_load(text, first_line, aliases)
    if fast is not _SLOW:
        return fast
    loader = None
    try:
        loader = (_Loader if aliases else _CaseLoader)(text)  # rejects control characters such as NUL before parsing
        loader.line_offset = first_line - 1
        return loader.get_single_data()
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + first_line if isinstance(err.position, int) else None
        raise YamlError(line, f"invalid YAML: the control character U+{err.character:04X} is not allowed; "
                              "delete it (it is often pasted in by accident)") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + first_line if mark else None
        what = err.problem or err.context or "cannot be read"
        if err.context and err.context_mark and err.problem:
            what += f" ({err.context} started on line {err.context_mark.line + first_line})"
        raise YamlError(line, f"invalid YAML: {what}; check quotes, colons and brackets") from None
    except yaml.YAMLError as err:  # pragma: no cover - unmarked errors are rare
        raise YamlError(None, f"invalid YAML: {err}") from None
    except RecursionError:  # thousands of nested brackets
        raise YamlError(first_line, "invalid YAML: values are nested too deeply") from None
    finally:
        if loader is not None:
            loader.dispose()


def load_file(path: str | Path) -> Any:
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read()
    try:
        return load(text)
    except YamlError as err:
        err.path = path
        raise
