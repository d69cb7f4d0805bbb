"""Checks of what clients send, shared by the client center's routes and
models (and the modules adding panels): malformed input is refused before
it reaches PostgreSQL, which would fail the request on it."""

import re

# PostgreSQL's integer: larger ids cannot exist (and fail the query)
MAX_ID = 2**31 - 1

_ID_RE = re.compile(r"[0-9]{1,10}")


def parse_id(value):
    """The record id written in ``value`` (a string or an int), or None
    when it is not a positive integer PostgreSQL can hold."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _ID_RE.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if 0 < number <= MAX_ID else None


def parse_ids(values):
    """The ids of request values ("1", "1,2", ["1", "2"]); None when one
    is malformed."""
    ids = []
    for value in values:
        for part in str(value).split(","):
            if not part.strip():
                continue
            number = parse_id(part)
            if number is None:
                return None
            ids.append(number)
    return ids


def has_nul(text):
    """Whether ``text`` holds a NUL character (PostgreSQL refuses them)."""
    return isinstance(text, str) and "\x00" in text


def parse_quantity(value):
    """The whole quantity written in ``value`` (empty: 0), or None."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return 0
    if not re.fullmatch(r"[0-9]{1,12}", text):
        return None
    return int(text)
