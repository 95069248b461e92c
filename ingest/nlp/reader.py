"""Reading a document file: checks, decoding, markup removal, title and date.

The text kept is plain: Markdown and HTML markup removed, wrapped lines of a paragraph joined,
paragraphs separated by a blank line. Mention and claim offsets refer to this text, which is
stored on the ``Document`` node so the offsets stay meaningful.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import yaml

#: Default ceiling on a document's size; larger files are refused before being read.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

_MAGIC = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive (or an Office file)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
_DATE_PATTERNS = (re.compile(r"(?<!\d)(20\d\d|19\d\d)[-./](\d\d)[-./](\d\d)(?!\d)"),)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "janvier"),
            ("february", "février", "fevrier"),
            ("march", "mars"),
            ("april", "avril"),
            ("may", "mai"),
            ("june", "juin"),
            ("july", "juillet"),
            ("august", "août", "aout"),
            ("september", "septembre"),
            ("october", "octobre"),
            ("november", "novembre"),
            ("december", "décembre", "decembre"),
        ]
    )
    for m in names
}
_WRITTEN_DATE = re.compile(
    r"\b(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b"
    r"|\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2}),\s+(\d{4})\b",
    re.IGNORECASE,
)


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DocumentError(ValueError):
    """A file cannot be read as a document; the message is one line and says why."""


@dataclass(frozen=True)
class RawDocument:
    path: Path
    text: str
    format: str
    sha256: str
    title: str
    published: date | None
    source: str
    meta: dict[str, str] = field(default_factory=dict)


#: Schemes a document's own address may have: it is served and shown as a link, so never
#: ``javascript:``, ``data:`` or ``file:`` from a file's front matter.
URL_SCHEMES = frozenset({"http", "https"})


def source_url(meta: dict[str, str], name: str) -> str:
    """The address the document's metadata gives, checked; ``file:<name>`` without one."""
    given = (meta.get("source_url") or meta.get("url") or "").strip()
    if not given:
        return f"file:{name}"
    parts = urlsplit(given)
    if (
        parts.scheme.lower() not in URL_SCHEMES
        or not parts.netloc
        or any(c.isspace() or not c.isprintable() for c in given)
    ):
        raise DocumentError(
            f"{name}: its source URL must be an http(s) address, not {given[:80]!r}"
        )
    return given


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Check, decode and clean one file. Raises :class:`DocumentError`."""
    if not path.is_file():
        raise DocumentError(f"{path}: no such file")
    if path.suffix and path.suffix.lower() not in SUFFIXES:
        raise DocumentError(
            f"{path.name}: unsupported file type {path.suffix!r} "
            f"(documents are {', '.join(sorted(SUFFIXES))})"
        )
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(f"{path.name}: empty file")
    if size > max_bytes:
        raise DocumentError(
            f"{path.name}: {size / 2**20:.1f} MiB is above the {max_bytes / 2**20:.1f} MiB "
            "limit for a document (raise it with --max-mb if this is intended)"
        )
    data = path.read_bytes()
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise DocumentError(f"{path.name}: binary file ({what}), not a text document")
    text = decode(data, path.name)
    fmt = SUFFIXES.get(path.suffix.lower(), "text")
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        fmt = "html"
    meta: dict[str, str] = {}
    if fmt == "markdown":
        try:
            meta, body = split_front_matter(text)
        except DocumentError as exc:
            raise DocumentError(f"{path.name}: {exc}") from exc
        clean = markdown_to_text(body)
    elif fmt == "html":
        clean, meta = html_to_text(text)
    else:
        clean = plain_text(text)
    if not clean.strip():
        raise DocumentError(f"{path.name}: no text left once markup is removed")
    sha = hashlib.sha256(data).hexdigest()
    title = meta.get("title") or guess_title(clean)
    published = find_date(meta, clean, path.name)
    source = source_url(meta, path.name)
    return RawDocument(
        path=path,
        text=clean,
        format=fmt,
        sha256=sha,
        title=" ".join(title.split())[:300],
        published=published,
        source=source,
        meta=meta,
    )


def decode(data: bytes, name: str) -> str:
    """UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is refused, not guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{name}: badly encoded UTF-16 text ({exc.reason})") from exc
    else:
        if b"\x00" in data[:8192]:
            raise DocumentError(f"{name}: binary file (contains NUL bytes), not a text document")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "convert the file to UTF-8"
            ) from exc
    controls = len(_CONTROL.findall(text, 0, 8192))
    if controls > 0.1 * min(len(text), 8192):
        raise DocumentError(f"{name}: binary file (control characters), not a text document")
    # A few stray control characters (terminal colour codes pasted into a text) are dropped.
    return _CONTROL.sub("", text) if controls or _CONTROL.search(text) else text


def plain_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


#: Front matter is a few lines of metadata; anything longer is not front matter.
MAX_FRONT_MATTER = 20_000


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: metadata never needs them, and an alias bomb
    (aliases of aliases) would expand to gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed in front matter")
        return super().compose_node(parent, index)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    if end > MAX_FRONT_MATTER:
        raise DocumentError(f"front matter of {end} characters (at most {MAX_FRONT_MATTER})")
    try:
        loaded = yaml.load(text[4:end], Loader=_NoAliasLoader)  # safe: SafeLoader, no aliases
    except yaml.YAMLError as exc:
        raise DocumentError(f"unreadable front matter: {str(exc).splitlines()[0]}") from exc
    meta = (
        {str(k): " ".join(str(v).split()) for k, v in loaded.items()}
        if isinstance(loaded, dict)
        else {}
    )
    return meta, text[end + 4 :].lstrip("-\n")


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<!--.*?-->", re.DOTALL)
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


def markdown_to_text(body: str) -> str:
    """Plain paragraphs from Markdown: links keep their text, emphasis and tags go."""
    body = _TAG.sub("", body.replace("\u00a0", " "))
    body = _LINK.sub(r"\1", body)
    for _ in range(2):  # nested emphasis (**[*text*]**)
        body = _EMPHASIS.sub(r"\2", body)
    body = _ESCAPE.sub(r"\1", body)
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for raw in body.split("\n"):
        line = raw.strip()
        if not line or re.fullmatch(r"[#*\-_=\s]+", line):
            flush()
            continue
        if _BULLET.match(raw) or _HEADING.match(raw):
            flush()
            line = _HEADING.sub("", _BULLET.sub("", raw)).strip()
        current.append(line)
    flush()
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


class _HtmlText(HTMLParser):
    _SKIP: ClassVar[set[str]] = {"script", "style", "noscript", "template", "svg", "head"}
    _BLOCK: ClassVar[set[str]] = {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "title",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.meta: dict[str, str] = {}
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or ""
            if key in ("og:title", "article:published_time", "date", "dc.date", "og:url"):
                self.meta[key] = values.get("content", "")
        elif tag == "time" and values.get("datetime"):
            self.meta.setdefault("time", values["datetime"])
        if tag == "title":
            self._in_title = True
        if tag in self._SKIP:
            self.skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._SKIP and self.skip:
            self.skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if not self.skip:
            self.parts.append(data)

    def title(self) -> str:
        return " ".join("".join(self._title).split())


def html_to_text(text: str) -> tuple[str, dict[str, str]]:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    joined = "".join(parser.parts).replace("\u00a0", " ")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", joined)]
    clean = "\n\n".join(p for p in paragraphs if p)
    meta: dict[str, str] = {}
    title = parser.meta.get("og:title") or parser.title()
    if title:
        meta["title"] = title
    for key in ("article:published_time", "date", "dc.date", "time"):
        if parser.meta.get(key):
            meta["date"] = parser.meta[key]
            break
    if parser.meta.get("og:url"):
        meta["source_url"] = parser.meta["og:url"]
    return clean, meta


def guess_title(text: str) -> str:
    """The first line of at least three words (skips 'icon' and menu debris)."""
    for line in text.split("\n"):
        if len(line.split()) >= 3:
            return line if len(line) <= 200 else line[:200].rsplit(" ", 1)[0] + "…"
    return text.strip().split("\n", 1)[0][:200]


def _parse_iso(value: str) -> date | None:
    match = _DATE_PATTERNS[0].search(value)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def find_date(meta: dict[str, str], text: str, name: str) -> date | None:
    """Publication date: metadata first, then a date near the top of the text, then the name."""
    for key in ("date", "published_time", "published"):
        if key in meta and (found := _parse_iso(meta[key])):
            return found
    head = text[:600]
    if found := _parse_iso(head):
        return found
    match = _WRITTEN_DATE.search(head)
    if match:
        day, month, year = (
            (match.group(1), match.group(2), match.group(3))
            if match.group(1)
            else (match.group(5), match.group(4), match.group(6))
        )
        try:
            return date(int(year), _MONTHS[month.lower()], int(day))
        except ValueError:
            pass
    return _parse_iso(name)
