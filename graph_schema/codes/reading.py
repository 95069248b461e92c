"""Reading written codes: the text checked and cleaned, then read by the parser of its
numbering system (named by the caller or detected from the code's shape).
"""

from __future__ import annotations

import re
import string
import unicodedata
from itertools import pairwise

from graph_schema.codes.control_code import _ML_MAX, CodeError, CodeSystem, ControlCode, _join

# Real codes are short (the deepest are about 20 characters); the cap stops pasted paragraphs.
_MAX_LENGTH = 64
_ALLOWED = frozenset(string.ascii_letters + string.digits + ". ()")
_GROUPS = frozenset("ABCDE")
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


def _dotted_item(
    system: CodeSystem, cleaned: str, text: str, *, categories: int, named: str = ""
) -> tuple[str, str, int, str]:
    """Category, group, item number and the rest of a code numbered like Wassenaar's list,
    dotted (``5.A.1``) or compact (``5A001``): categories 1 to ``categories`` without leading
    zero, items 1-99. ``named`` starts the messages ('Wassenaar ').
    """
    match = _DOTTED_RE.fullmatch(cleaned) or _COMPACT_RE.fullmatch(cleaned)
    if match is None:
        raise _error(text, "expected category.group.item", system)
    category, letter, digits, tail = match.groups()
    if not 1 <= int(category) <= categories or category.startswith("0"):
        raise _error(text, f"{named}category {category!r} is not 1-{categories}", system)
    group = _check_group(letter, text, system)
    number = int(digits)
    # Wassenaar items are numbered well below 100; a 1xx-4xx number is another regime's entry.
    if len(digits) > 3 or not 1 <= number <= 99:
        raise _error(text, f"{named}item number {digits!r} is not 1-99", system)
    return category, group, number, tail


def _parse_wassenaar(cleaned: str, text: str) -> ControlCode:
    system = CodeSystem.WASSENAAR
    # Category 0 (nuclear) exists in EU/US lists only; Wassenaar starts at Category 1.
    category, group, number, tail = _dotted_item(
        system, cleaned, text, categories=9, named="Wassenaar "
    )
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
    top = _REGIME_CATEGORIES[system]
    category, group, number, tail = _dotted_item(system, cleaned, text, categories=top)
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
