"""Control-list numbering: read any written code and give it one canonical form.

Export-control lists number their entries in a handful of related ways:

* **Wassenaar dual-use list** writes ``5.A.1.j.1``: category (1-9), group letter, item number
  without padding, then sub-paragraphs. Groups are A systems and equipment, B test and
  production equipment, C materials, D software, E technology.
* **EU, US, UK, Norway (ECCN style)** write the same item as ``5A001.j.1``: the item is padded to
  three digits, and the hundreds digit tells which regime the entry comes from (0xx Wassenaar,
  1xx MTCR, 2xx NSG, 3xx Australia Group, 4xx CWC). The US adds its own series (5xx, 6xx, 9xx,
  and 09x for advanced computing). Category 0 is the nuclear category (NSG), not Wassenaar.
* **Munitions List** entries are ``ML1`` to ``ML22`` (Wassenaar, EU Common Military List, UK).
* **UK national ratings** are ``PL`` plus four digits (``PL5001``).
* **India's SCOMET** list uses categories 0-8; Category 8 mirrors the Wassenaar dual-use list
  as ``8`` + group + Wassenaar category + two-digit item (``8A101`` is ``1A001``). SCOMET codes
  look like ECCNs, so they are only read when the caller names the system.

The canonical form of Wassenaar and ECCN codes is the ECCN form (``5A001.j.1``), so codes from
different lists compare equal when they denote the same entry. Sub-paragraph letters are lower
case, group letters and the ``ML``/``PL`` prefixes upper case.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

__all__ = [
    "CodeError",
    "CodeSystem",
    "ControlCode",
    "RegimeHint",
    "normalise",
    "parse_code",
    "regime_hint",
    "wassenaar_equivalent",
]


class CodeSystem(StrEnum):
    """The numbering system a code is written in."""

    WASSENAAR = "wassenaar"  # 5.A.1.j
    MUNITIONS = "munitions"  # ML10.a
    ECCN = "eccn"  # EU/US/Norway 5A001.j
    UK_NATIONAL = "uk-national"  # PL5001
    SCOMET = "scomet"  # India, e.g. 8A101.a, 3A1
    MTCR = "mtcr"  # the MTCR Annex, items 1-20: 3.A.1, 19.A.1
    NSG = "nsg"  # NSG Part 2 (dual-use) Annex, categories 1-6: 1.A.1


class CodeError(ValueError):
    """A text that cannot be read as a control code; the message says why and what is accepted."""


@dataclass(frozen=True)
class ControlCode:
    """One parsed code. Compare ``canonical`` strings to match entries across lists."""

    system: CodeSystem
    written: str
    canonical: str
    category: str
    group: str | None
    number: int | None
    path: tuple[str, ...]

    @property
    def level(self) -> int:
        """Depth below the item: 0 for ``5A001``, 2 for ``5A001.j.1``."""
        return len(self.path)

    @property
    def root(self) -> str:
        """Canonical code of the item itself, without sub-paragraphs (``5A001``)."""
        return self.canonical.split(".", 1)[0]

    @property
    def parent(self) -> ControlCode | None:
        """The enclosing paragraph, or None for an item. Its ``written`` is its canonical form."""
        if not self.path:
            return None
        path = self.path[:-1]
        canonical = _join(self.root, path)
        return ControlCode(
            system=self.system,
            written=canonical,
            canonical=canonical,
            category=self.category,
            group=self.group,
            number=self.number,
            path=path,
        )

    def ancestors(self) -> list[str]:
        """Canonical codes from the item down to the parent (``5A001``, ``5A001.j`` for .j.1)."""
        return [_join(self.root, self.path[:depth]) for depth in range(len(self.path))]


@dataclass(frozen=True)
class RegimeHint:
    """What the numbering alone says about where an entry comes from.

    ``regime`` is None for unilateral entries and where the numbering does not point to one
    regime (SCOMET categories that mix regimes).
    """

    regime: str | None
    unilateral: bool
    series: str
    reason: str


# ---------------------------------------------------------------------------------------------
# Reading text

# Real codes are short (the deepest are about 20 characters); the cap stops pasted paragraphs.
_MAX_LENGTH = 64
_ALLOWED = frozenset(string.ascii_letters + string.digits + ". ()")
_GROUPS = frozenset("ABCDE")
_ML_MAX = 22
# National additions numbered after the Munitions List (Australia's DSGL: ML901-ML910).
_ML_NATIONAL_MIN = 901
_ML_NATIONAL_MAX = 999

_FORMS: dict[CodeSystem, str] = {
    CodeSystem.WASSENAAR: "Wassenaar dual-use '5.A.1.j' (or '5A001.j')",
    CodeSystem.MUNITIONS: "Munitions List 'ML10.a' (ML1 to ML22)",
    CodeSystem.ECCN: "EU/US/Norway ECCN '5A001.j'",
    CodeSystem.UK_NATIONAL: "UK national rating 'PL5001'",
    CodeSystem.SCOMET: "India SCOMET '8A101.a' or '3A1' (read only when 'scomet' is named)",
    CodeSystem.MTCR: "MTCR Annex item '3.A.1.a' (items 1-20; read only when 'mtcr' is named)",
    CodeSystem.NSG: "NSG Part 2 '1.A.1.a' (categories 1-6; read only when 'nsg' is named)",
}
#: Numberings never guessed from a code's shape: they look like Wassenaar's or the ECCN's.
_EXPLICIT_ONLY = frozenset({CodeSystem.SCOMET, CodeSystem.MTCR, CodeSystem.NSG})
#: Highest category (MTCR: item) of the regime annexes numbered like Wassenaar's list.
_REGIME_CATEGORIES = {CodeSystem.MTCR: 20, CodeSystem.NSG: 6}

_ML_RE = re.compile(r"ML ?([0-9]+)(.*)", re.IGNORECASE)
_PL_RE = re.compile(r"PL ?([0-9]+)(.*)", re.IGNORECASE)
_DOTTED_RE = re.compile(r"([0-9]+) ?\. ?([A-Za-z]) ?\. ?([0-9]+)(.*)")
_DOTTED_START_RE = re.compile(r"[0-9]+ ?\. ?[A-Za-z]")
_COMPACT_RE = re.compile(r"([0-9]+)([A-Za-z])([0-9]+)(.*)")
#: Lower-case roman numerals up to 39 (the regime annexes number a few lists i., ii., iii.).
_ROMAN_RE = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})")
_TAIL_TOKEN_RE = re.compile(
    r"(?P<sep>[ .]+)|\( ?(?P<paren>[A-Za-z0-9]+) ?\)|(?P<word>[A-Za-z]+|[0-9]+)|(?P<bad>.)"
)


def _join(root: str, path: tuple[str, ...]) -> str:
    return ".".join((root, *path))


def _shown(text: str) -> str:
    short = text if len(text) <= 40 else text[:40] + "..."
    return repr(short)


def _error(text: str, problem: str, system: CodeSystem | None) -> CodeError:
    if system is None:
        forms = "; ".join(form for sys, form in _FORMS.items() if sys not in _EXPLICIT_ONLY)
        forms += "; India SCOMET, MTCR and NSG codes need their system named"
    else:
        forms = _FORMS[system]
    return CodeError(f"cannot read {_shown(text)} as a control code: {problem}. Accepted: {forms}")


def _clean(text: str, system: CodeSystem | None) -> str:
    """Unicode-normalise and check the characters; returns single-spaced ASCII."""
    if len(text) > _MAX_LENGTH * 4:  # before NFKC, which would otherwise run on huge inputs
        raise _error(text, f"longer than {_MAX_LENGTH} characters", system)
    # NFKC folds look-alikes such as full-width digits and no-break spaces into ASCII.
    cleaned = unicodedata.normalize("NFKC", text.strip()).strip()
    if not cleaned:
        raise _error(text, "it is empty", system)
    if len(cleaned) > _MAX_LENGTH:
        raise _error(text, f"longer than {_MAX_LENGTH} characters", system)
    for ch in cleaned:
        if ch in _ALLOWED:
            continue
        label = f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".rstrip()
        if unicodedata.category(ch).startswith("C"):
            # Invisible characters (bidi overrides, tabs) can make two different codes look alike.
            raise _error(text, f"contains control or format character {label}", system)
        raise _error(text, f"contains unexpected character {ch!r} ({label})", system)
    return re.sub(r" +", " ", cleaned)


def _parse_path(
    tail: str, text: str, system: CodeSystem, *, alternate: bool, max_letters: int
) -> tuple[str, ...]:
    """Read the sub-paragraphs after the item: '.j.1', ' j 1', '(j)(1)', with a trailing dot."""
    path: list[str] = []
    separated = False
    for match in _TAIL_TOKEN_RE.finditer(tail):
        if match["sep"] is not None:
            if match["sep"].count(".") > 1:
                raise _error(text, "empty sub-paragraph (two dots in a row)", system)
            separated = True
            continue
        if match["bad"] is not None:
            raise _error(text, f"unexpected {match['bad']!r} in the sub-paragraphs", system)
        element = match["paren"] if match["paren"] is not None else match["word"]
        if match["word"] is not None and not separated:
            raise _error(text, f"sub-paragraph {element!r} must follow a dot", system)
        path.append(_path_element(element, text, system, max_letters))
        separated = False
    if alternate:
        # Sub-paragraphs go letter, number, letter... (1C350.1 starts with a number).
        for upper, lower in pairwise(path):
            if upper.isdigit() == lower.isdigit():
                raise _error(
                    text,
                    f"sub-paragraphs alternate letters and numbers; {upper!r} then {lower!r}",
                    system,
                )
    return tuple(path)


def _path_element(element: str, text: str, system: CodeSystem, max_letters: int) -> str:
    if element.isdigit():
        value = int(element)
        if not 1 <= value <= 999:
            raise _error(text, f"sub-paragraph number {element!r} out of range 1-999", system)
        return str(value)
    if len(element) > max_letters:
        raise _error(text, f"sub-paragraph {element!r} is not a single letter", system)
    return element.lower()


def _make(
    system: CodeSystem,
    written: str,
    root: str,
    category: str,
    group: str | None,
    number: int | None,
    path: tuple[str, ...],
) -> ControlCode:
    return ControlCode(
        system=system,
        written=written,
        canonical=_join(root, path),
        category=category,
        group=group,
        number=number,
        path=path,
    )


def _check_group(letter: str, text: str, system: CodeSystem) -> str:
    group = letter.upper()
    if group not in _GROUPS:
        raise _error(text, f"group letter {letter!r} is not one of A-E", system)
    return group


def _parse_wassenaar(cleaned: str, text: str) -> ControlCode:
    system = CodeSystem.WASSENAAR
    match = _DOTTED_RE.fullmatch(cleaned) or _COMPACT_RE.fullmatch(cleaned)
    if match is None:
        raise _error(text, "expected category.group.item", system)
    category, letter, digits, tail = match.groups()
    if len(category) != 1 or category == "0":
        # Category 0 (nuclear) exists in EU/US lists only; Wassenaar starts at Category 1.
        raise _error(text, f"Wassenaar category {category!r} is not 1-9", system)
    group = _check_group(letter, text, system)
    number = int(digits)
    # Wassenaar items are numbered well below 100; a 1xx-4xx number is another regime's entry.
    if len(digits) > 3 or not 1 <= number <= 99:
        raise _error(text, f"Wassenaar item number {digits!r} is not 1-99", system)
    path = _parse_path(tail, text, system, alternate=True, max_letters=1)
    return _make(
        system, text.strip(), f"{category}{group}{number:03d}", category, group, number, path
    )


def _parse_munitions(cleaned: str, text: str) -> ControlCode:
    system = CodeSystem.MUNITIONS
    match = _ML_RE.fullmatch(cleaned)
    if match is None:
        raise _error(text, "expected 'ML' followed by the entry number", system)
    digits, tail = match.groups()
    number = int(digits)
    national = len(digits) == 3 and _ML_NATIONAL_MIN <= number <= _ML_NATIONAL_MAX
    if not 1 <= number <= _ML_MAX and not national:
        raise _error(
            text,
            f"Munitions List entries run ML1 to ML{_ML_MAX} (national additions "
            f"ML{_ML_NATIONAL_MIN}-ML{_ML_NATIONAL_MAX}), not ML{digits}",
            system,
        )
    path = _parse_path(tail, text, system, alternate=True, max_letters=1)
    root = f"ML{number}"
    return _make(system, text.strip(), root, root, None, number, path)


def _parse_uk_national(cleaned: str, text: str) -> ControlCode:
    system = CodeSystem.UK_NATIONAL
    match = _PL_RE.fullmatch(cleaned)
    if match is None:
        raise _error(text, "expected 'PL' followed by four digits", system)
    digits, tail = match.groups()
    if len(digits) != 4 or digits[0] == "0":
        raise _error(text, f"UK national ratings have four digits (PL5001), not {digits!r}", system)
    number = int(digits)
    path = _parse_path(tail, text, system, alternate=True, max_letters=1)
    return _make(system, text.strip(), f"PL{number}", "PL", None, number, path)


def _parse_eccn(cleaned: str, text: str) -> ControlCode:
    system = CodeSystem.ECCN
    if _DOTTED_START_RE.match(cleaned):
        raise _error(text, "dotted numbering is Wassenaar's; read it as Wassenaar's", system)
    if cleaned.upper().startswith(("ML", "PL")):
        raise _error(text, f"{cleaned[:2].upper()} codes are not ECCNs", system)
    if cleaned.upper() == "EAR99":
        raise _error(text, "EAR99 is the US catch-all designation, not a list entry", system)
    match = _COMPACT_RE.fullmatch(cleaned)
    if match is None:
        raise _error(text, "expected digit, group letter, three-digit item ('5A001')", system)
    category, letter, digits, tail = match.groups()
    if len(category) != 1:
        raise _error(text, f"category {category!r} is not a single digit", system)
    group = _check_group(letter, text, system)
    if len(digits) < 3:
        raise _error(
            text,
            f"ECCN items have three digits ('{category}{group}{int(digits):03d}'); a shorter "
            "number looks like India's SCOMET numbering, read only when 'scomet' is named",
            system,
        )
    number = int(digits)
    if len(digits) > 3 or number == 0:
        raise _error(text, f"item number {digits!r} is not 001-999", system)
    path = _parse_path(tail, text, system, alternate=True, max_letters=1)
    return _make(system, text.strip(), f"{category}{group}{digits}", category, group, number, path)


def _parse_scomet(cleaned: str, text: str) -> ControlCode:
    system = CodeSystem.SCOMET
    match = _COMPACT_RE.fullmatch(cleaned)
    if match is None:
        raise _error(text, "expected category digit, group letter, item number", system)
    category, letter, digits, tail = match.groups()
    if len(category) != 1 or category in ("7", "9"):
        raise _error(
            text, f"SCOMET categories are 0-6 and 8 (7 is reserved), not {category}", system
        )
    group = _check_group(letter, text, system)
    number = int(digits)
    if len(digits) > 3 or number == 0:
        raise _error(text, f"item number {digits!r} is not 1-999", system)
    if category == "8" and (len(digits) != 3 or digits[0] == "0" or digits[1:] == "00"):
        # 8 + group + Wassenaar category (1-9) + two-digit item, e.g. 8A101 = 1A001.
        raise _error(
            text, "SCOMET Category 8 items are a Wassenaar category 1-9 and item 01-99", system
        )
    # SCOMET mixes lettered and roman-numeral sub-items, so no alternation rule here.
    path = _parse_path(tail, text, system, alternate=False, max_letters=4)
    # Digits stay as written: SCOMET pads some categories and not others (3A1 vs 0A101).
    return _make(system, text.strip(), f"{category}{group}{digits}", category, group, number, path)


def _parse_regime_annex(system: CodeSystem, cleaned: str, text: str) -> ControlCode:
    """MTCR and NSG annexes: Wassenaar-style dotted codes, with more categories (MTCR 1-20)."""
    match = _DOTTED_RE.fullmatch(cleaned) or _COMPACT_RE.fullmatch(cleaned)
    if match is None:
        raise _error(text, "expected category.group.item", system)
    category, letter, digits, tail = match.groups()
    top = _REGIME_CATEGORIES[system]
    if not 1 <= int(category) <= top or category.startswith("0"):
        raise _error(text, f"category {category!r} is not 1-{top}", system)
    group = _check_group(letter, text, system)
    number = int(digits)
    if len(digits) > 3 or not 1 <= number <= 99:
        raise _error(text, f"item number {digits!r} is not 1-99", system)
    path = _parse_path(tail, text, system, alternate=True, max_letters=4)
    for element in path:
        # The MTCR Annex numbers a few lists i., ii., iii. (6.C.7.c.1.ii); no other words.
        if len(element) > 1 and element.isalpha() and not _ROMAN_RE.fullmatch(element):
            problem = f"sub-paragraph {element!r} is not a letter or roman numeral"
            raise _error(text, problem, system)
    canonical = f"{int(category)}{group}{number:03d}"
    return _make(system, text.strip(), canonical, str(int(category)), group, number, path)


def _parse_mtcr(cleaned: str, text: str) -> ControlCode:
    return _parse_regime_annex(CodeSystem.MTCR, cleaned, text)


def _parse_nsg(cleaned: str, text: str) -> ControlCode:
    return _parse_regime_annex(CodeSystem.NSG, cleaned, text)


_PARSERS = {
    CodeSystem.WASSENAAR: _parse_wassenaar,
    CodeSystem.MUNITIONS: _parse_munitions,
    CodeSystem.ECCN: _parse_eccn,
    CodeSystem.UK_NATIONAL: _parse_uk_national,
    CodeSystem.SCOMET: _parse_scomet,
    CodeSystem.MTCR: _parse_mtcr,
    CodeSystem.NSG: _parse_nsg,
}


def _detect(cleaned: str, text: str) -> CodeSystem:
    prefix = cleaned[:2].upper()
    if prefix == "ML":
        return CodeSystem.MUNITIONS
    if prefix == "PL":
        return CodeSystem.UK_NATIONAL
    if _DOTTED_START_RE.match(cleaned):
        return CodeSystem.WASSENAAR
    if _COMPACT_RE.fullmatch(cleaned) or cleaned.upper() == "EAR99":
        # Short items ('5A1') are reported by the ECCN parser, which explains SCOMET.
        return CodeSystem.ECCN
    raise _error(text, "it matches no known numbering", None)


def parse_code(text: str, system: CodeSystem | None = None) -> ControlCode:
    """Parse a written code. Without ``system`` the numbering is detected from its shape
    (dotted Wassenaar, ML, PL, ECCN); SCOMET is never guessed because it looks like an ECCN.

    Raises CodeError, whose message names the text and the accepted forms.
    """
    if not isinstance(text, str):
        raise CodeError(f"expected the code as a string, got {type(text).__name__}")
    if system is not None:
        system = CodeSystem(system)
    cleaned = _clean(text, system)
    chosen = system if system is not None else _detect(cleaned, text)
    return _PARSERS[chosen](cleaned, text)


def normalise(text: str, system: CodeSystem | None = None) -> str:
    """Canonical string of a written code: ``normalise("5.A.1.j") == "5A001.j"``."""
    return parse_code(text, system).canonical


# ---------------------------------------------------------------------------------------------
# What the numbering implies


def wassenaar_equivalent(code: ControlCode) -> str | None:
    """The Wassenaar-numbered counterpart implied by the numbering alone, or None.

    ECCN 0xx entries in categories 1-9 reuse the Wassenaar number; SCOMET Category 8 is
    re-encoded (8A101.a -> 1A001.a); SCOMET Category 6 items 6A001-6A022 follow ML1-ML22.
    US 600-series items map to their Munitions List category (9A610 -> ML10), at item level, and
    so do the 0x5zz firearms (0A501 -> ML1, 0A505 -> ML3, 0B505 -> ML18). Not mapped: the rest of
    category 0 (nuclear), US 09x advanced-computing entries and US-only ``.z``
    paragraphs, whose numbers sit in the Wassenaar block without being Wassenaar entries,
    and the anti-terrorism-only ``.y`` paragraphs of the 600 series.
    """
    if code.system is CodeSystem.MUNITIONS and (code.number or 0) > _ML_MAX:
        return None  # a national ML9xx entry: no Wassenaar counterpart
    if code.system in (CodeSystem.WASSENAAR, CodeSystem.MUNITIONS):
        return code.canonical
    if code.system is CodeSystem.ECCN:
        # US 600-series: the last two digits are the Munitions List category (9A610 <-> ML10).
        if code.number is not None and 601 <= code.number <= 600 + _ML_MAX:
            return None if code.path[:1] == ("y",) else f"ML{code.number - 600}"
        if code.category == "0" and code.number is not None and code.path[:1] != ("y",):
            found = _US_FIREARMS_ML.get((code.group or "", code.number))
            if found is not None:
                return found
        if (
            code.number is None
            or code.category == "0"
            or not 1 <= code.number <= 89
            or code.path[:1] == ("z",)
        ):
            return None
        return code.canonical
    if code.system is CodeSystem.SCOMET and code.number is not None:
        if code.category == "8":
            category, item = divmod(code.number, 100)
            return _join(f"{category}{code.group}{item:03d}", code.path)
        if code.category == "6" and code.group == "A" and 1 <= code.number <= _ML_MAX:
            return _join(f"ML{code.number}", code.path)
    return None


_BLOCKS: dict[int, tuple[str, str]] = {
    0: ("wassenaar", "0xx numbers repeat the Wassenaar dual-use list"),
    1: ("mtcr", "1xx numbers implement the Missile Technology Control Regime"),
    2: ("nsg", "2xx numbers implement the Nuclear Suppliers Group dual-use list"),
    3: ("australia-group", "3xx numbers implement the Australia Group lists"),
    4: ("cwc", "4xx numbers implement the Chemical Weapons Convention schedules"),
}

_SCOMET: dict[str, tuple[str | None, str, str]] = {
    "0": ("nsg", "scomet-nuclear", "nuclear materials and equipment (NSG)"),
    "1": ("cwc", "scomet-chemicals", "toxic chemical agents (CWC, with Australia Group overlap)"),
    "2": ("australia-group", "scomet-biological", "micro-organisms and toxins (Australia Group)"),
    "3": (None, "scomet-materials", "materials and equipment drawn from AG, CWC and MTCR lists"),
    "4": ("nsg", "scomet-nuclear-related", "nuclear-related dual-use items (NSG)"),
    "5": ("mtcr", "scomet-aerospace", "aerospace systems (MTCR)"),
    "6": ("wassenaar", "scomet-munitions", "the munitions list (Wassenaar Munitions List)"),
    "8": ("wassenaar", "scomet-dual-use", "special materials etc. (Wassenaar dual-use list)"),
}


def _issuer(issuer: str | None) -> str | None:
    if issuer is None:
        return None
    value = issuer.strip().upper()
    if value == "UK":
        value = "GB"
    if not re.fullmatch(r"[A-Z]{2}", value):
        raise ValueError(f"issuer must be a two-letter code such as 'US' or 'EU', not {issuer!r}")
    return value


def _hint(regime: str | None, series: str, reason: str, *, unilateral: bool) -> RegimeHint:
    return RegimeHint(regime=regime, unilateral=unilateral, series=series, reason=reason)


#: Series of US paragraphs that restate items of another paragraph of their ECCN under an
#: added licence requirement (the '.z' paragraphs): never compared as controls of their own.
US_RESTATED = "us-restated"

# 0x5zz firearms and ammunition moved from USML I-III, semi-automatic shotguns (0A508:
# Wassenaar 2025 ML1.b.2.b "Semi-automatic or pump-action type weapons", p.182) and their parts
# and accessories (0A509: ML1.d) included; 0x503 (discharge-type arms, less-lethal grenades,
# crime control) has no Munitions List entry and stays a unilateral US control.
_US_FIREARMS = frozenset({501, 502, 504, 505, 506, 507, 508, 509})
#: Their Munitions List entries, at item level: firearms, shotguns, sights and semi-automatic
#: rifles, pistols and shotguns are ML1 (ML1.a, ML1.b, ML1.d accessories), ammunition ML3;
#: equipment for producing them ML18, their software ML21, their technology ML22.
_US_FIREARMS_ML: dict[tuple[str, int], str] = {
    **{("A", n): "ML1" for n in (501, 502, 504, 506, 507, 508, 509)},
    ("A", 505): "ML3",
    **{("B", n): "ML18" for n in (501, 505)},
    **{("D", n): "ML21" for n in (501, 505)},
    **{("E", n): "ML22" for n in (501, 502, 504, 505)},
}


def _us_hint(code: ControlCode, number: int) -> RegimeHint | None:
    """The US-only series; None when the usual regime blocks apply."""
    hundreds = number // 100
    if 90 <= number <= 99:
        return _hint(
            None,
            "us-advanced-computing",
            "US 09x ECCNs are the advanced-computing and semiconductor controls the US added "
            "unilaterally from 2022",
            unilateral=True,
        )
    if hundreds <= 4 and code.path[:1] == ("z",):
        # Each names the paragraph whose items it holds ("Software that is described in
        # 5D002.a.1 and that also meet ... 3A090 or 4A090"): the items are the regime's, under
        # a second US licence requirement, so not a control the regime lacks.
        regime: str | None
        if hundreds == 0:
            regime = "nsg" if code.category == "0" else "wassenaar"
        else:
            regime = _BLOCKS[hundreds][0] if hundreds in _BLOCKS else None
        return _hint(
            regime,
            US_RESTATED,
            "US '.z' paragraphs hold items of other paragraphs of the same ECCN (5D002.z.1: "
            "'described in 5D002.a.1') that also meet the 3A090/4A090 parameters: the "
            "regime's items under an added US licence requirement, not items it lacks",
            unilateral=False,
        )
    at_only = code.path[:1] == ("y",)
    if number == 18:
        return _hint(
            "wassenaar",
            "us-018-munitions",
            "US x018 ECCNs hold items of the Wassenaar Munitions List kept on the CCL (1B018 "
            "is headed 'Items on the Wassenaar Arrangement Munitions List'), not national "
            "additions",
            unilateral=False,
        )
    if hundreds == 5 and code.category == "0" and number in _US_FIREARMS and not at_only:
        return _hint(
            "wassenaar",
            "us-500-series",
            "US 0x5zz ECCNs are firearms and ammunition moved from USML Categories I-III; most "
            "correspond to Wassenaar Munitions List entries ML1-ML3",
            unilateral=False,
        )
    if hundreds == 5 and code.category == "0" and number == 503 and not at_only:
        return _hint(
            None,
            "us-500-series",
            "US 0A503 holds discharge-type arms (stun guns), less-lethal grenades and "
            "projectiles under crime-control and UN reasons, which no Munitions List entry "
            "holds",
            unilateral=True,
        )
    if hundreds == 5:
        return _hint(
            None,
            "us-500-series",
            "US 5xx ECCNs outside the firearms entries (the 9x515 spacecraft items moved from "
            "the USML, the temporary 0Y521 items, '.y' paragraphs) are unilateral US controls",
            unilateral=True,
        )
    if hundreds == 6 and at_only:
        return _hint(
            None,
            "us-600-series",
            "'.y' paragraphs of US 600-series ECCNs are controlled for anti-terrorism only, a "
            "unilateral US control",
            unilateral=True,
        )
    if hundreds == 6:
        return _hint(
            "wassenaar",
            "us-600-series",
            "US 600-series ECCNs are military items moved from the USML; they correspond to "
            "Wassenaar Munitions List entries, not to the dual-use list",
            unilateral=False,
        )
    if code.category == "0" and number == 919:
        # 0A919 is headed '"Military commodities" located and produced outside the United
        # States': Munitions List items made abroad, under a US licence requirement of its own.
        return _hint(
            "wassenaar",
            US_RESTATED,
            'US 0A919 holds "military commodities" made outside the United States: items of '
            "the Wassenaar Munitions List under an added US licence requirement, not items the "
            "regime lacks",
            unilateral=False,
        )
    if hundreds == 9:
        return _hint(
            None,
            "us-900-series",
            "US 9xx ECCNs are anti-terrorism-only or other unilateral US controls",
            unilateral=True,
        )
    return None


def regime_hint(code: ControlCode, issuer: str | None = None) -> RegimeHint:
    """Which regime the numbering points to, for a code issued by ``issuer``.

    ``issuer`` is a two-letter code ("US", "EU", "NO", "GB", "IN") or None. The US-only series
    (5xx, 6xx, 9xx, 09x and ``.z`` paragraphs) apply when the issuer is the US or unknown;
    for other issuers the hundreds digit is read as in the EU list. This is a hint from the
    numbering, not a statement of the legal reasons for control.
    """
    who = _issuer(issuer)
    if code.system is CodeSystem.WASSENAAR:
        return _hint(
            "wassenaar",
            "wassenaar",
            "Dotted numbering is the Wassenaar dual-use list's own",
            unilateral=False,
        )
    if code.system is CodeSystem.MUNITIONS and (code.number or 0) > _ML_MAX:
        return _hint(
            None,
            "national",
            f"ML{code.number} is numbered after the Munitions List's ML1-ML{_ML_MAX}: a national "
            f"addition of issuer {who or 'unknown'}, outside the regimes",
            unilateral=True,
        )
    if code.system is CodeSystem.MUNITIONS:
        return _hint(
            "wassenaar",
            "munitions",
            "ML entries follow the Wassenaar Munitions List, also used by the EU and UK "
            "military lists",
            unilateral=False,
        )
    if code.system is CodeSystem.UK_NATIONAL:
        kind = {"5": " (military-related)", "9": " (dual-use-related)"}.get(code.canonical[2:3], "")
        return _hint(
            None,
            "uk-national",
            f"UK PL ratings{kind} are UK national controls outside the regimes",
            unilateral=True,
        )
    if code.system in (CodeSystem.MTCR, CodeSystem.NSG):
        return _hint(
            code.system.value,
            code.system.value,
            f"The code is an item of the {code.system.value.upper()} annex itself",
            unilateral=False,
        )
    if code.system is CodeSystem.SCOMET:
        regime, series, what = _SCOMET[code.category]
        return _hint(
            regime, series, f"SCOMET Category {code.category} covers {what}", unilateral=False
        )
    number = code.number if code.number is not None else 0
    if who in (None, "US"):
        us = _us_hint(code, number)
        if us is not None:
            return us
    hundreds = number // 100
    if hundreds == 0 and code.category == "0":
        return _hint(
            "nsg",
            "nsg",
            "Category 0 holds nuclear items from the Nuclear Suppliers Group trigger list",
            unilateral=False,
        )
    if hundreds in _BLOCKS:
        regime, why = _BLOCKS[hundreds]
        return _hint(regime, regime, f"ECCN {why}", unilateral=False)
    return _hint(
        None,
        "national",
        f"No regime uses {hundreds}xx numbers, so for issuer {who or 'unknown'} this is a "
        "national addition",
        unilateral=True,
    )
