"""Tests for graph_schema.codes.reading: reading and canonicalising written codes."""

from __future__ import annotations

import pytest
from code_strategies import eccns, paths, with_path
from hypothesis import given
from hypothesis import strategies as st

from graph_schema.codes import (
    CodeError,
    CodeSystem,
    ControlCode,
    normalise,
    parse_code,
    wassenaar_equivalent,
)

W = CodeSystem.WASSENAAR
ML = CodeSystem.MUNITIONS
E = CodeSystem.ECCN
UK = CodeSystem.UK_NATIONAL
S = CodeSystem.SCOMET


# ---------------------------------------------------------------------------------------------
# Canonical forms


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("5.A.1.j", "5A001.j"),
        ("5.A.1.j.1", "5A001.j.1"),
        ("5.A.2.a", "5A002.a"),
        ("1.C.12.a", "1C012.a"),
        ("3.B.1.a.4.c", "3B001.a.4.c"),
        ("4.A.5", "4A005"),
        ("4.D.4", "4D004"),
        ("6.A.3.b.4.b", "6A003.b.4.b"),
        ("9.A.12", "9A012"),
        ("2.B.1.a", "2B001.a"),
        ("8.A.2.o.3", "8A002.o.3"),
        ("5.a.1.J", "5A001.j"),
        ("5. A. 1. j", "5A001.j"),
        ("5 . A . 1 . j . 1", "5A001.j.1"),
        ("5.A.001.j", "5A001.j"),
        ("5.A.1.j.", "5A001.j"),
        ("5.A.1(j)(1)", "5A001.j.1"),
    ],
)
def test_wassenaar_dotted(written: str, canonical: str) -> None:
    code = parse_code(written)
    assert code.system is W
    assert code.canonical == canonical
    assert normalise(written) == canonical
    assert normalise(written, W) == canonical


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("5A001.j", "5A001.j"),
        ("5a001.J", "5A001.j"),
        ("5A001.j.1", "5A001.j.1"),
        ("5A002.a.1", "5A002.a.1"),
        ("3A090.a", "3A090.a"),
        ("4E091", "4E091"),
        ("1C350", "1C350"),
        ("1C350.1", "1C350.1"),
        ("1C350.01", "1C350.1"),
        ("2B350", "2B350"),
        ("2B350.g.3", "2B350.g.3"),
        ("1C450", "1C450"),
        ("1C450.a.1", "1C450.a.1"),
        ("9A610.x", "9A610.x"),
        ("0A919", "0A919"),
        ("0A919.a.1", "0A919.a.1"),
        ("5A992.c", "5A992.c"),
        ("9A515", "9A515"),
        ("0A521", "0A521"),
        ("0A981", "0A981"),
        ("3A981", "3A981"),
        ("0A606", "0A606"),
        ("3A001.z", "3A001.z"),
        ("0A001", "0A001"),
        ("1C101", "1C101"),
        ("1A102", "1A102"),
        ("2B201", "2B201"),
        ("9A004.x", "9A004.x"),
        # Spacing, trailing dots, parentheses and case variants.
        ("5A001 j", "5A001.j"),
        ("5A001.j 1", "5A001.j.1"),
        ("5A001 j 1", "5A001.j.1"),
        ("5A001. j", "5A001.j"),
        ("5A001.j.", "5A001.j"),
        ("5A001.j.1.", "5A001.j.1"),
        ("5A001(j)", "5A001.j"),
        ("5A001 (j)", "5A001.j"),
        ("5A001.j(1)", "5A001.j.1"),
        ("5A001(j)(1)", "5A001.j.1"),
        ("5A001( j )", "5A001.j"),
        ("  5A001.J  ", "5A001.j"),
        ("5a001", "5A001"),
        ("5A001.", "5A001"),
    ],
)
def test_eccn(written: str, canonical: str) -> None:
    code = parse_code(written)
    assert code.system is E
    assert code.canonical == canonical
    assert normalise(written, E) == canonical


@pytest.mark.parametrize(
    ("written", "canonical", "number"),
    [
        ("ML10.a", "ML10.a", 10),
        ("ML10.a.1", "ML10.a.1", 10),
        ("ML8.c.4", "ML8.c.4", 8),
        ("ml8.C.4", "ML8.c.4", 8),
        ("ML 10.a", "ML10.a", 10),
        ("ML1", "ML1", 1),
        ("ML22", "ML22", 22),
        ("ML08", "ML8", 8),
        ("ML10(a)", "ML10.a", 10),
        ("ML10.a.", "ML10.a", 10),
    ],
)
def test_munitions(written: str, canonical: str, number: int) -> None:
    code = parse_code(written)
    assert code.system is ML
    assert code.canonical == canonical
    assert code.category == f"ML{number}"
    assert code.number == number
    assert code.group is None
    assert normalise(written, ML) == canonical


@pytest.mark.parametrize(
    ("written", "canonical", "number"),
    [
        ("PL5001", "PL5001", 5001),
        ("PL9002", "PL9002", 9002),
        ("PL8001", "PL8001", 8001),
        ("PL5017", "PL5017", 5017),
        ("pl5001", "PL5001", 5001),
        ("PL 5001", "PL5001", 5001),
        ("PL5001.a", "PL5001.a", 5001),
    ],
)
def test_uk_national(written: str, canonical: str, number: int) -> None:
    code = parse_code(written)
    assert code.system is UK
    assert code.canonical == canonical
    assert code.category == "PL"
    assert code.group is None
    assert code.number == number
    assert normalise(written, UK) == canonical


@pytest.mark.parametrize(
    ("written", "canonical", "category", "group", "number"),
    [
        ("8A101", "8A101", "8", "A", 101),
        ("8A101.a", "8A101.a", "8", "A", 101),
        ("8E102.f", "8E102.f", "8", "E", 102),
        ("8E802.a", "8E802.a", "8", "E", 802),
        ("8A502.a", "8A502.a", "8", "A", 502),
        ("8a101.A", "8A101.a", "8", "A", 101),
        ("0A101", "0A101", "0", "A", 101),
        ("3A1", "3A1", "3", "A", 1),
        ("5A3", "5A3", "5", "A", 3),
        ("6A001", "6A001", "6", "A", 1),
        ("6A010.a", "6A010.a", "6", "A", 10),
        ("1A1", "1A1", "1", "A", 1),
        ("2B1.a", "2B1.a", "2", "B", 1),
        ("4A3", "4A3", "4", "A", 3),
        ("3A1.a.ii", "3A1.a.ii", "3", "A", 1),
        ("3A1(a)(ii)", "3A1.a.ii", "3", "A", 1),
    ],
)
def test_scomet(written: str, canonical: str, category: str, group: str, number: int) -> None:
    code = parse_code(written, S)
    assert code.system is S
    assert code.canonical == canonical
    assert (code.category, code.group, code.number) == (category, group, number)


def test_string_system_is_accepted() -> None:
    assert normalise("8A101", CodeSystem("scomet")) == "8A101"


# ---------------------------------------------------------------------------------------------
# Fields and equality across systems


def test_fields_of_wassenaar_code() -> None:
    code = parse_code(" 5.A.1.j.1 ")
    assert code == ControlCode(
        system=W,
        written="5.A.1.j.1",
        canonical="5A001.j.1",
        category="5",
        group="A",
        number=1,
        path=("j", "1"),
    )


def test_fields_of_eccn_code() -> None:
    code = parse_code("5a001.J.1")
    assert code.written == "5a001.J.1"
    assert (code.category, code.group, code.number, code.path) == ("5", "A", 1, ("j", "1"))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("5.A.1.j", "5A001.j"),
        ("5.A.1.j.1", "5a001.j.1"),
        ("5.A.2.a", "5A002.a"),
        ("1.C.12.a", "1C012.a"),
        ("3.B.1.a.4.c", "3B001.a.4.c"),
        ("9.A.12", "9A012"),
        ("5.A.1.j", "5A001 (j)"),
        ("ML10.a", "ml 10 a"),
        ("PL5001", "pl 5001"),
    ],
)
def test_equal_across_systems(left: str, right: str) -> None:
    assert normalise(left) == normalise(right)


def test_wassenaar_and_eccn_parse_as_different_systems_but_same_canonical() -> None:
    wassenaar = parse_code("5.A.1.j")
    eccn = parse_code("5A001.j")
    assert wassenaar.system is W
    assert eccn.system is E
    assert wassenaar != eccn
    assert wassenaar.canonical == eccn.canonical


@pytest.mark.parametrize(
    ("written", "system", "canonical"),
    [
        ("5A001.j", W, "5A001.j"),
        ("5A1.j", W, "5A001.j"),
        ("9a12", W, "9A012"),
    ],
)
def test_wassenaar_accepts_compact_forms_when_named(
    written: str, system: CodeSystem, canonical: str
) -> None:
    code = parse_code(written, system)
    assert code.system is W
    assert code.canonical == canonical


# ---------------------------------------------------------------------------------------------
# Invalid input


@pytest.mark.parametrize(
    ("text", "system", "fragment"),
    [
        ("", None, "empty"),
        ("   ", None, "empty"),
        ("\n\t ", None, "empty"),
        ("\u00a0", None, "empty"),
        ("hello", None, "no known numbering"),
        ("None", None, "no known numbering"),
        ("5.Z.1", None, "group letter 'Z'"),
        ("5.A", None, "category.group.item"),
        ("0.A.1", None, "category '0'"),
        ("10.A.1", None, "category '10'"),
        ("5.A.0", None, "not 1-99"),
        ("5.A.101", None, "not 1-99"),
        ("ML23", None, "ML1 to ML22"),
        ("ML0", None, "ML1 to ML22"),
        ("ML100.a", None, "ML1 to ML22"),
        ("ML", None, "'ML' followed by"),
        ("ML10a", None, "must follow a dot"),
        ("PL500", None, "four digits"),
        ("PL50011", None, "four digits"),
        ("PL0001", None, "four digits"),
        ("PLX", None, "'PL' followed by"),
        ("5A1", None, "SCOMET"),
        ("5A01.j", None, "SCOMET"),
        ("5A1", E, "three digits"),
        ("5A0001", None, "not 001-999"),
        ("5A000", None, "not 001-999"),
        ("5Z001", None, "group letter 'Z'"),
        ("5A001..j", None, "two dots"),
        ("5A001.j..1", None, "two dots"),
        ("5A001.j..", None, "two dots"),
        ("5A001j", None, "must follow a dot"),
        ("5A001.j1", None, "must follow a dot"),
        ("5A001.jj", None, "not a single letter"),
        ("5A001.j.k", None, "alternate"),
        ("5A001.1.2", None, "alternate"),
        ("5A001.j.0", None, "out of range"),
        ("5A001.j.1000", None, "out of range"),
        ("5A001(j", None, "'('"),
        ("5A001.j)", None, "')'"),
        ("5A001.j-1", None, "'-'"),
        ("5A001/j", None, "'/'"),
        ("EAR99", None, "EAR99"),
        ("5.A.1.j", E, "Wassenaar"),
        ("ML10", E, "not ECCNs"),
        ("ML10.a", W, "category.group.item"),
        ("5A001", ML, "'ML' followed by"),
        ("5A001", UK, "'PL' followed by"),
        ("5.A.1", S, "category digit"),
        ("7A001", S, "7 is reserved"),
        ("9A001", S, "SCOMET categories"),
        ("3A1000", S, "not 1-999"),
        ("8A1", S, "Category 8"),
        ("8A001", S, "Category 8"),
        ("8A100", S, "Category 8"),
        ("8A1011", S, "not 1-999"),
        ("3A1.abcde", S, "not a single letter"),
        ("x" * 65, None, "longer than 64"),
        ("5A001." + "a.1." * 40, None, "longer than 64"),
        ("5" * 10_000, None, "longer than 64"),
        ("5A001\x00", None, "control or format character U+0000"),
        ("5A001\x07.j", None, "U+0007"),
        ("5A001\tj", None, "U+0009"),
        ("5A001\nj", None, "U+000A"),
        ("5A001\u202e.j", None, "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u202e5A001.j", None, "U+202E"),
        ("5A001\u200f.j", None, "U+200F RIGHT-TO-LEFT MARK"),
        ("5A001\u200b.j", None, "U+200B ZERO WIDTH SPACE"),
        ("5A001\ufeff", None, "U+FEFF"),
        ("5A001.\u0458", None, "CYRILLIC"),
        ("5\u0410001.j", None, "CYRILLIC CAPITAL LETTER A"),
        ("\u0665A001", None, "ARABIC-INDIC DIGIT FIVE"),
    ],
)
def test_invalid(text: str, system: CodeSystem | None, fragment: str) -> None:
    with pytest.raises(CodeError) as caught:
        parse_code(text, system)
    message = str(caught.value)
    assert fragment in message
    assert "cannot read" in message
    assert "Accepted:" in message
    with pytest.raises(CodeError):
        normalise(text, system)


def test_code_error_is_value_error() -> None:
    with pytest.raises(ValueError):
        parse_code("hello")


def test_error_message_names_accepted_forms() -> None:
    with pytest.raises(CodeError) as caught:
        parse_code("hello")
    message = str(caught.value)
    for form in ("5.A.1.j", "ML10.a", "5A001.j", "PL5001", "SCOMET"):
        assert form in message


def test_error_message_for_named_system_names_that_system() -> None:
    with pytest.raises(CodeError) as caught:
        parse_code("5Q1", S)
    assert "SCOMET" in str(caught.value)
    assert "PL5001" not in str(caught.value)


def test_error_message_truncates_long_input() -> None:
    with pytest.raises(CodeError) as caught:
        parse_code("y" * 500)
    assert len(str(caught.value)) < 500


def test_error_message_escapes_invisible_characters() -> None:
    with pytest.raises(CodeError) as caught:
        parse_code("5A001\u202e.j")
    assert "\u202e" not in str(caught.value)
    assert "\\u202e" in str(caught.value)


@pytest.mark.parametrize("value", [None, 5, b"5A001", ["5A001"]])
def test_non_string_input(value: object) -> None:
    with pytest.raises(CodeError, match="string"):
        parse_code(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("\uff15\uff21\uff10\uff10\uff11.j", "5A001.j"),  # full-width digits and letters
        ("5A001\u00a0j", "5A001.j"),  # no-break space
        ("ML\u00a010.a", "ML10.a"),
        ("\u20035A001.j\u2003", "5A001.j"),  # em spaces at the ends
    ],
)
def test_unicode_lookalikes_fold_to_ascii(text: str, canonical: str) -> None:
    assert normalise(text) == canonical


# ---------------------------------------------------------------------------------------------
# Properties


@st.composite
def _wassenaar(draw: st.DrawFn) -> tuple[str, str]:
    """(dotted written form, canonical form)."""
    category = draw(st.integers(min_value=1, max_value=9))
    group = draw(st.sampled_from("ABCDE"))
    number = draw(st.integers(min_value=1, max_value=99))
    path = draw(paths())
    dotted = with_path(f"{category}.{group}.{number}", path)
    return dotted, with_path(f"{category}{group}{number:03d}", path)


@st.composite
def _munitions(draw: st.DrawFn) -> str:
    return with_path(f"ML{draw(st.integers(min_value=1, max_value=22))}", draw(paths()))


@st.composite
def _uk_national(draw: st.DrawFn) -> str:
    return with_path(f"PL{draw(st.integers(min_value=1000, max_value=9999))}", draw(paths()))


@st.composite
def _scomet(draw: st.DrawFn) -> str:
    category = draw(st.sampled_from("01234568"))
    group = draw(st.sampled_from("ABCDE"))
    if category == "8":
        digits = f"{draw(st.integers(1, 9))}{draw(st.integers(1, 99)):02d}"
    else:
        digits = str(draw(st.integers(min_value=1, max_value=999)))
    return with_path(f"{category}{group}{digits}", draw(paths()))


@given(eccns())
def test_eccn_canonical_round_trips(canonical: str) -> None:
    code = parse_code(canonical)
    assert code.system is E
    assert code.canonical == canonical
    assert normalise(canonical, E) == canonical
    assert normalise(canonical.lower()) == canonical
    assert normalise(canonical.replace(".", " ") + ".") == canonical


@given(_wassenaar())
def test_wassenaar_round_trips(forms: tuple[str, str]) -> None:
    dotted, canonical = forms
    assert normalise(dotted) == canonical
    assert normalise(canonical, W) == canonical
    assert normalise(canonical) == canonical
    assert wassenaar_equivalent(parse_code(dotted)) == canonical


@given(_munitions())
def test_munitions_round_trips(canonical: str) -> None:
    assert normalise(canonical) == canonical
    assert normalise(canonical, ML) == canonical
    assert normalise(canonical.lower()) == canonical


@given(_uk_national())
def test_uk_national_round_trips(canonical: str) -> None:
    assert normalise(canonical) == canonical
    assert normalise(canonical, UK) == canonical


@given(_scomet())
def test_scomet_round_trips(canonical: str) -> None:
    assert normalise(canonical, S) == canonical
    assert normalise(canonical.lower(), S) == canonical


@given(st.text(max_size=80))
def test_any_text_parses_or_raises_code_error(text: str) -> None:
    for system in (None, *CodeSystem):
        try:
            code = parse_code(text, system)
        except CodeError:
            continue
        # Anything accepted is canonical-stable.
        assert normalise(code.canonical, code.system) == code.canonical
