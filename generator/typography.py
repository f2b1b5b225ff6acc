"""French typography for HTML output.

French puts a no-break space before : ; ! ? and inside « ». Authors type
ordinary spaces (or none); we set the right space when the page is rendered.
Only text between tags is touched, never attributes, and never the inside of
code, scripts, styles or form fields; URLs in running text are left alone.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"  # before a colon (Imprimerie nationale)
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside « »

SKIP_TAGS = ("code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "math")
TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")

_SPACE = r"[ \t\u00a0\u202f]"
_RULES = [
    # a space (or none, after a letter, a digit or a closing sign) before ; ! ?
    (re.compile(rf"{_SPACE}+([;!?])"), NNBSP + r"\1"),
    (re.compile(r"(?<=[\w»)\]])([;!?])(?=[\s<]|$)"), NNBSP + r"\1"),
    # colon: not in URLs (http://) nor times (10:30)
    (re.compile(rf"{_SPACE}+:(?!//)"), NBSP + ":"),
    (re.compile(r"(?<=[^\W\d_])(?<!https)(?<!http)(?<!mailto):(?=[\s<]|$)"), NBSP + ":"),
    # guillemets
    (re.compile(rf"«{_SPACE}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACE}*»"), NNBSP + "»"),
]


NEEDS_SPACING = re.compile(r"[:;!?«»]")


def french_text(text: str) -> str:
    """Apply the spacing rules to a run of plain text (no tags)."""
    if not NEEDS_SPACING.search(text):
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def french_html(html: str) -> str:
    """Apply French spacing to the text nodes of an HTML document or fragment."""
    parts = TOKEN.split(html)
    skipping: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag or a comment
            match = TAG_NAME.match(part)
            if match and not part.startswith("<!--"):
                name = match.group(1).lower()
                if name in SKIP_TAGS and not part.endswith("/>"):
                    if part.startswith("</"):
                        if skipping and skipping[-1] == name:
                            skipping.pop()
                    else:
                        skipping.append(name)
            continue
        if not skipping and "&" not in part:
            parts[index] = french_text(part)
        elif not skipping:
            # keep entities (&amp; &#39;) intact: they end in ';'
            pieces = re.split(r"(&#?\w+;)", part)
            parts[index] = "".join(p if i % 2 else french_text(p) for i, p in enumerate(pieces))
    return "".join(parts)
