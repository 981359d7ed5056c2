"""One catalogue of coded errors. The CLI prints `KG-Exxx message` and exits non-zero
(`exit_status`; README "Errors and exit codes" lists every code); KG-Wxxx are warnings.

Add a code here, never an ad-hoc message elsewhere:
    raise KGError(E.E101, path=p)
"""
from __future__ import annotations

import re
from pathlib import PurePath


class E:
    """Error codes and their message templates (format-style, named fields)."""
    # 1xx: input files
    E100 = ("KG-E100", "path does not exist: {path}")
    E101 = ("KG-E101", "{path}: empty file")
    E102 = ("KG-E102", "{path}: binary content, not a text report")
    E103 = ("KG-E103", "{path}: cannot decode text ({detail})")
    E104 = ("KG-E104", "{path}: corrupt or unreadable .docx ({detail})")
    E105 = ("KG-E105", "{path}: corrupt or unreadable .pdf ({detail})")
    E106 = ("KG-E106", "{path}: unsupported file type '{suffix}'")
    E107 = ("KG-E107", "{path}: no text layer (scanned PDF?)")
    E108 = ("KG-E108", "{path}: cannot read file ({detail})")
    E109 = ("KG-E109", "{path}: no report text left after cleaning")
    E110 = ("KG-E110", "{path}: document id {doc_id} is already taken by {other}; skipped")
    # 2xx: lexicons and configuration
    E201 = ("KG-E201", "lexicon {path}: {detail}")
    E202 = ("KG-E202", "schema resource missing: {name}")
    E203 = ("KG-E203", "output directory {path}: {detail}")
    E204 = ("KG-E204", "unknown extraction rule '{name}'{where}; {detail}")
    # 3xx: store
    E301 = ("KG-E301", "cannot reach the graph store at {uri}: no server answered, credentials not checked ({detail})")
    E302 = ("KG-E302", "the graph store at {uri} answered but refused the credentials for user '{user}'")
    E303 = ("KG-E303", "the store in {path} is locked by another kg process (pid {pid})")
    E304 = ("KG-E304", "the embedded store failed to start: {detail}")
    E305 = ("KG-E305", "the store stopped during the load ({detail}); run the same command again to complete it")
    E306 = ("KG-E306", "no space left for the store in {path}")
    E307 = ("KG-E307", "store error: {detail}")
    E308 = ("KG-E308", "no store in {path} yet: run `kg build` first, or give --db DIR or --neo4j-uri")
    E309 = ("KG-E309", "not in the store: {ids}")
    E310 = ("KG-E310", "bad graph store URI {uri}: {detail}")
    W301 = ("KG-W301", "a load into the store at {where} was interrupted ({detail}); answers may be incomplete "
                       "until a `kg build` on this store runs to the end")
    # 4xx: queries
    E401 = ("KG-E401", "Cypher error: {detail}")
    E402 = ("KG-E402", "unknown saved query '{name}'; known: {known}")
    E403 = ("KG-E403", "missing parameter '{name}' for query '{query}'")
    E404 = ("KG-E404", "write statement refused: the query is read-only unless --write is given")
    E405 = ("KG-E405", "bad parameter '{param}': expected name=value")
    E406 = ("KG-E406", "query timed out after {seconds} s")
    E407 = ("KG-E407", "cannot read the query file {path} ({detail})")
    # 5xx: exploration pages
    E501 = ("KG-E501", "nothing to show: {detail}")
    E502 = ("KG-E502", "no graph found: {detail}")


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str | PurePath) -> str:
    """`text` as one printable line that can be written as UTF-8: a byte of an undecodable file
    name (which Python holds as a surrogate escape) is shown as \\xNN, any other lone surrogate
    as \\uXXXX, a control character (a line break or tab in a file name) as \\xNN, a line or
    paragraph separator as \\u2028/\\u2029: nothing that str.splitlines would break."""
    text = str(text)
    if not _UNPRINTABLE.search(text):
        return text

    def esc(m: re.Match) -> str:
        o = ord(m.group())
        if 0xDC80 <= o <= 0xDCFF:
            return f"\\x{o - 0xDC00:02x}"
        return f"\\u{o:04x}" if o > 0xFF else f"\\x{o:02x}"

    return _UNPRINTABLE.sub(esc, text)


# Passwords this process was given (StoreConfig registers them): never in a message.
_SECRETS: set[str] = set()


def add_secret(value: str | None) -> None:
    """Register a password: from now on `redact` (and every KGError message) hides it."""
    if value and len(value) >= 3:
        _SECRETS.add(value)


def redact(text: str) -> str:
    """`text` with every registered password, and the password of any URI in it, as ***."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, "***")
    return _URI_PASSWORD.sub(r"\1***@", text)


_URI_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.\-]*://[^/@\s:]*:)[^/@\s]+@", re.IGNORECASE)


# Exit statuses of the CLI.
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3
# The caller's mistake (a path that does not exist, an unknown rule or query, a missing or
# malformed parameter, a bad URI): exit 2, like click's own usage errors.
USAGE_ERRORS = frozenset({E.E100[0], E.E204[0], E.E310[0], E.E402[0], E.E403[0], E.E405[0]})


def codes() -> dict[str, str]:
    """Every code of the catalogue → its message template, in order."""
    return {v[0]: v[1] for k, v in vars(E).items() if isinstance(v, tuple) and k[:1] in "EW"}


# An input file that cannot be used: `kg build` skips it, builds the rest and exits 3.
SKIP_ERRORS = frozenset(c for c in codes() if c.startswith("KG-E1") and c not in USAGE_ERRORS)


def exit_status(code: str) -> int:
    """The CLI's exit status for an error with this code when it stops a command (a skipped
    input file makes `kg build` exit 3 instead, after building the rest; a warning changes nothing)."""
    if code.startswith("KG-W"):
        return EXIT_OK
    return EXIT_USAGE if code in USAGE_ERRORS else EXIT_ERROR


class KGError(Exception):
    """An expected failure with a code; `str()` is the one line the CLI prints."""

    def __init__(self, error: tuple[str, str], **fields: object) -> None:
        self.code, template = error
        self.fields = fields
        shown = {k: printable(v) if isinstance(v, (str, PurePath)) else v for k, v in fields.items()}
        try:
            self.message = template.format(**shown)
        except (KeyError, IndexError):
            self.message = template
        self.message = redact(self.message)
        super().__init__(f"{self.code} {self.message}")


class InputError(KGError):
    """A user's file that cannot be used; the build skips it and goes on."""


class StoreError(KGError):
    """The graph store is unreachable, refuses, or failed mid-load."""


class QueryError(KGError):
    """A query that cannot run as given."""
