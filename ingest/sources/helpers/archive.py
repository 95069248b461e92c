"""Zip archives (Word .docx, Excel .xlsx) checked before a library inflates them.

python-docx and openpyxl inflate whatever an archive holds, and a crafted file (a zip bomb)
declares members far larger than itself. Python's zipfile never inflates a member past the size
its directory entry declares, so checking the declared sizes on the directory, before anything
is decompressed, bounds what the library can make us inflate.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from pathlib import Path

from ingest.sources.base import ParseError

_MAX_MEMBER_BYTES = 128 * 1024 * 1024
_MAX_TOTAL_BYTES = 256 * 1024 * 1024
_MAX_RATIO = 200  # real sheets compress about 10:1, styles about 30:1
_RATIO_FLOOR = 1024 * 1024  # tiny members may compress well without being a threat


def file_start(path: Path, size: int = 8) -> bytes:
    """The file's first ``size`` bytes, or a ParseError naming the file."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise ParseError(f"cannot read {path.name}: {exc.strerror}") from exc


def office_file_start(path: Path, expected: str) -> bytes:
    """The file's first bytes, once an empty file or a PDF is refused where ``expected`` (an
    Office file: "the DSGL Word file (.docx)") was wanted."""
    start = file_start(path)
    if not start:
        raise ParseError(f"{path.name} is empty: expected {expected}")
    if start.startswith(b"%PDF"):
        raise ParseError(f"{path.name} is a PDF, not {expected}")
    return start


def check_zip(
    path: Path, *, file: str, document: str, required: Collection[str], max_members: int
) -> None:
    """Refuse what is not a zip archive holding the ``required`` members, and zip bombs.

    ``file`` and ``document`` name what was expected in the messages ("an XLSX workbook");
    ``max_members`` bounds the number of members.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise ParseError(
            f"{path.name} is not {file} (not a zip archive, or truncated): {exc}"
        ) from exc
    names = {m.filename for m in members}
    if any(name not in names for name in required):
        raise ParseError(f"{path.name} is a zip archive but not {document}")
    if len(members) > max_members:
        raise ParseError(f"{path.name} has {len(members)} zip members: refused as a zip bomb")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _MAX_MEMBER_BYTES or (
            member.file_size > _RATIO_FLOOR and ratio > _MAX_RATIO
        ):
            raise ParseError(
                f"{path.name}: member {member.filename} inflates to {member.file_size} bytes "
                f"({ratio:.0f}:1): refused as a zip bomb"
            )
    if total > _MAX_TOTAL_BYTES:
        raise ParseError(f"{path.name} inflates to {total} bytes: refused as a zip bomb")
