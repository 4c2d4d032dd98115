"""Keep only the stylesheet a reader's page uses: JupyterLab's is about 0.26 MB, a page needs a few kilobytes.

nbconvert's lab template inlines the whole of JupyterLab's CSS (every widget, menu, editor and theme
variable of the application) into every page; a reader's report (no code, no script) uses a few dozen of
those rules. Since the page has no script, no class can appear that is not already in its HTML, so a rule
whose selectors all name a class the page lacks can never match and is dropped; so are the theme's custom
properties (``--jp-...``) that no kept rule reads. What is kept is byte for byte what nbconvert wrote, so the
page looks as before. tinycss2 parses the CSS; it comes with nbconvert (through ``bleach[css]``).
"""

from __future__ import annotations

import functools
import re

_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>)", re.IGNORECASE | re.DOTALL)
_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
#: A class in a selector; escaped characters (``.a\:b``) belong to the name.
_SELECTOR_CLASS = re.compile(r"\.((?:[\w-]|\\.)+)")
#: Functional pseudo-classes (``:not(.x)``, ``:is(.a, .b)``): a class inside may be absent and still match.
_FUNCTIONAL = re.compile(r":[\w-]+\((?:[^()]|\([^()]*\))*\)")
#: An attribute selector, whose value may hold dots that are not classes.
_ATTRIBUTE = re.compile(r"\[(?:[^\]\"']|\"[^\"]*\"|'[^']*')*\]")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def page_classes(page: str) -> frozenset[str]:
    """Every class named in the page's HTML."""
    found: set[str] = set()
    for match in _CLASS_ATTR.finditer(page):
        found.update((match.group(1) or match.group(2) or "").split())
    return frozenset(found)


def trim_page(page: str) -> str:
    """The page with each stylesheet of its head cut to the rules that can match it and the variables those rules
    read. Styles inside the body (a table's or an SVG chart's own) are left as they are."""
    classes = page_classes(page)
    end = page.lower().find("</head>")
    head, body = (page[:end], page[end:]) if end >= 0 else ("", page)
    sheets = [match.group(2) for match in _STYLE.finditer(head)]
    kept = [_kept_rules(sheet, classes) for sheet in sheets]
    used = _used_variables(kept)
    trimmed = iter([_serialise(rules, used) for rules in kept])
    return _STYLE.sub(lambda match: match.group(1) + "\n" + next(trimmed) + "\n" + match.group(3), head) + body


def _selector_matches(selector: str, classes: frozenset[str]) -> bool:
    """False only when the selector needs a class the page lacks (classes inside :not() and the like aside)."""
    plain = _ATTRIBUTE.sub("", _FUNCTIONAL.sub("", selector))  # [data-mime-type='a.b'] names no class
    return all(re.sub(r"\\(.)", r"\1", name) in classes for name in _SELECTOR_CLASS.findall(plain))


@functools.lru_cache(maxsize=8)
def _parse(sheet: str) -> tuple:
    """The sheet's rules, parsed once per process: every page of a run carries the same lab stylesheet."""
    import tinycss2

    return tuple(tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True))


def _kept_rules(sheet: str, classes: frozenset[str]) -> list:
    """(selector text, declarations or nested rules, at-rule prefix) for each rule that can match the page."""
    return _filter(_parse(sheet), classes)


def _filter(rules, classes: frozenset[str]) -> list:
    import tinycss2

    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [part.strip() for part in _split_selectors(tinycss2.serialize(rule.prelude))]
            chosen = [selector for selector in selectors if _selector_matches(selector, classes)]
            if chosen:
                kept.append((", ".join(chosen), _declarations(rule.content)))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            nested = _filter([item for item in inner if item.type in ("qualified-rule", "at-rule")], classes)
            if nested:
                kept.append((f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}", nested))
        elif rule.type == "at-rule":  # @page, @keyframes, @font-face: small, kept whole
            kept.append((None, rule.serialize()))
    return kept


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...) or [attr="a,b"])."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(prelude):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    return [*parts, prelude[start:]]


def _declarations(content) -> list[tuple[str, str]]:
    """(name, value with !important) of each declaration of a rule, as written."""
    import tinycss2

    found = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            value = tinycss2.serialize(item.value).strip() + (" !important" if item.important else "")
            found.append((item.name if item.name.startswith("--") else item.lower_name, value))
    return found


def _used_variables(sheets: list[list]) -> set[str]:
    """The custom properties the kept rules read, directly or through another variable."""
    definitions: dict[str, list[str]] = {}
    reads: set[str] = set()

    def walk(rules: list) -> None:
        for head, body in rules:
            if head is None:
                reads.update(_VAR.findall(body))
            elif head.startswith("@"):
                walk(body)
            else:
                for name, value in body:
                    if name.startswith("--"):
                        definitions.setdefault(name, []).append(value)
                    else:
                        reads.update(_VAR.findall(value))

    for rules in sheets:
        walk(rules)
    used, todo = set(), list(reads)
    while todo:
        name = todo.pop()
        if name not in used:
            used.add(name)
            todo.extend(_VAR.findall(" ".join(definitions.get(name, []))))
    return used


def _serialise(rules: list, used: set[str], indent: str = "") -> str:
    lines = []
    for head, body in rules:
        if head is None:
            lines.append(indent + body)
        elif head.startswith("@"):
            inner = _serialise(body, used, indent + "  ")
            if inner:
                lines.append(f"{indent}{head} {{\n{inner}\n{indent}}}")
        else:
            kept = [f"{name}: {value};" for name, value in body if not name.startswith("--") or name in used]
            if kept:
                lines.append(f"{indent}{head} {{ {' '.join(kept)} }}")
    return "\n".join(lines)
