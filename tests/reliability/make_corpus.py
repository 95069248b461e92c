"""Write the hostile-input corpus in ``tests/reliability/corpus/`` (small files only).

    python tests/reliability/make_corpus.py

Every file is made here, from nothing but this script, so the corpus can be reviewed and
regenerated. Large inputs (50 MB files, zip bombs, truncated copies of the real sources) are
made at test time in a temporary directory by ``test_bad_input.py`` and never committed.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: makes "exe.txt" display as "txt.exe"
ANSI = "\x1b[31m"  # a terminal colour escape: error output must not pass it through


# --- PDF ------------------------------------------------------------------------------------


def pdf(objects: list[bytes], *, trailer_extra: bytes = b"", root: int = 1) -> bytes:
    """A PDF whose cross-reference table points at ``objects`` (numbered from 1)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, trailer_extra, xref)
    )
    return out.getvalue()


def _pdf_string(text: bytes) -> bytes:
    return b"(" + text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_pdf(lines: list[bytes]) -> bytes:
    """One page of Helvetica text, one line per entry."""
    ops = [b"BT /F1 11 Tf 50 780 Td 14 TL"]
    ops += [_pdf_string(line) + b" '" for line in lines]
    ops.append(b"ET")
    stream = b"\n".join(ops)
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        ]
    )


def blank_pdf(pages: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] >>"] * pages
    return pdf(objects)


def pdf_files() -> dict[str, bytes]:
    rng = random.Random(1)
    wassenaar_lookalike = [
        b"WA-LIST (25) 1",
        b'Category 5 - Part 2 - "Information Security"',
        b"5.A.2. Systems, equipment and components, as follows:",
        b"a. \x01\x02\x1b[31m designed \x7f for cryptography",
        b"5.A.2.a.1. " + b"A" * 2000,
        b"ML99.zz. not a munitions rating",
        b"1.A.1.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.",
    ]
    scomet_lookalike = [
        b"SCOMET LIST",
        b"Category 0 Nuclear materials",
        b"0A101 \x00\x01 Source material",
        b"8E9 the end",
    ]
    return {
        "pdf/empty.pdf": b"",
        "pdf/header-only.pdf": b"%PDF-1.7\n%%EOF\n",
        "pdf/garbage-after-header.pdf": b"%PDF-1.4\n" + rng.randbytes(4096),
        "pdf/not-a-pdf.pdf": b'{"this": "is JSON, not a PDF"}\n',
        "pdf/other-document.pdf": text_pdf(
            [b"Minutes of the garden club", b"3 May: roses pruned, tea served."]
        ),
        "pdf/blank-pages.pdf": blank_pdf(3),
        "pdf/wassenaar-lookalike.pdf": text_pdf(wassenaar_lookalike),
        "pdf/scomet-lookalike.pdf": text_pdf(scomet_lookalike),
        "pdf/encrypted-unknown-handler.pdf": pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [] /Count 0 >>",
                b"<< /Filter /NoSuchHandler /V 99 /R 99 /O (x) /U (y) /P -4 >>",
            ],
            trailer_extra=b"/Encrypt 3 0 R /ID [(a) (a)] ",
        ),
        "pdf/page-tree-cycle.pdf": pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
            ]
        ),
        "pdf/deep-nesting.pdf": pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R /Junk " + b"[" * 20000 + b"]" * 20000 + b" >>",
                b"<< /Type /Pages /Kids [] /Count 0 >>",
            ]
        ),
        "pdf/broken-xref.pdf": text_pdf([b"5.A.1.j"]).replace(b"startxref\n", b"startxref\n9"),
    }


# --- JSON -----------------------------------------------------------------------------------


def _json(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def json_files() -> dict[str, bytes]:
    groups = {"groups": {"A:1": ["France", "Germany"]}, "labels": {"A:1": "x"}}
    return {
        "json/empty.json": b"",
        "json/whitespace.json": b" \n\t\r\n ",
        "json/not-json.json": b"hello, I am not JSON\n",
        "json/array.json": b"[1, 2, 3]",
        "json/string.json": b'"groups"',
        "json/null.json": b"null",
        "json/nan.json": b'{"groups": NaN, "entries": Infinity}',
        "json/deep-array.json": b"[" * 5000 + b"]" * 5000,
        "json/deep-object.json": b'{"a":' * 5000 + b"1" + b"}" * 5000,
        "json/huge-integer.json": b'{"groups": 1' + b"1" * 5000 + b', "entries": 2}',
        "json/utf16.json": _json(groups).decode().encode("utf-16"),
        "json/latin1.json": '{"groups": {"A:1": ["Côte d’Ivoire"]}}'.encode("cp1252"),
        "json/utf8-bom.json": b"\xef\xbb\xbf" + _json(groups),
        "json/duplicate-keys.json": b'{"groups": {"A:1": ["France"]}, "groups": 7}',
        "json/control-chars.json": _json(
            {"groups": {"A:1": ["Fr\x00ance", f"{ANSI}Germany\x07"]}, "entries": [{"eccn": "\x00"}]}
        ),
        "json/rtl-override.json": _json(
            {"groups": {f"A:1{RLO}": [f"{RLO}ecnarF"]}, "entries": [{"eccn": f"5A00{RLO}1"}]}
        ),
        "json/markup-in-values.json": _json(
            {"groups": {"A:1": ["[/bold]", "[link=https://evil.example]x[/link]"]}}
        ),
        "json/lone-surrogate.json": b'{"groups": {"A:1": ["\\ud800France"]}}',
        "json/groups-wrong-types.json": _json({"groups": {"A:1": 5, "B": None}, "labels": 3}),
        "json/groups-members-not-strings.json": _json({"groups": {"A:1": [1, None, {"x": 1}]}}),
        "json/ccl-entries-object.json": _json({"entries": {"5A001": {}}}),
        "json/ccl-entry-wrong-types.json": _json(
            {
                "ecfrIssueDate": "2026-07-23",
                "entryCount": 2,
                "entries": [
                    {"eccn": "5A001", "heading": 7, "items": "not a list"},
                    {"eccn": "5A002", "heading": "x", "countryChart": [1, 2]},
                ],
            }
        ),
        "json/ccl-items-hostile.json": _json(
            {
                "entries": [
                    {
                        "eccn": "5A001",
                        "heading": "Telecommunications",
                        "countryChart": {"NS": 1},
                        "licenceExceptionFlags": [],
                        "items": [{"kind": "item", "paragraph": ["a"], "text": {"t": 1}}],
                    }
                ]
            }
        ),
        "json/ccl-bad-eccn.json": _json(
            {"entries": [{"eccn": "../../etc/passwd", "heading": "x"}, {"eccn": "9Z999"}]}
        ),
        "json/ccl-wrong-edition.json": _json(
            {"ecfrIssueDate": "1999-01-01", "entryCount": 0, "entries": []}
        ),
        "json/csl-wrong-types.json": _json(
            {"fieldKey": 5, "tables": "x", "entries": [{"n": 1, "s": "x", "c": {}}]}
        ),
        "json/csl-out-of-range-index.json": _json(
            {
                "fieldKey": {"n": "name", "s": "source"},
                "tables": {"sources": ["Entity List"]},
                "entries": [{"n": "ACME", "s": 999999}, {"n": "ACME", "s": -1}],
            }
        ),
        "json/csl-empty-entries.json": _json({"fieldKey": {}, "tables": {}, "entries": []}),
    }


# --- XLSX -----------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def _workbook(sheet_name: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def _cell(ref: str, text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{escaped}</t></is></c>'


def _sheet(rows: list[list[str]], prolog: str = "") -> str:
    body = "".join(
        f'<row r="{r}">'
        + "".join(_cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(cells))
        + "</row>"
        for r, cells in enumerate(rows, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        + prolog
        + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def xlsx(sheet_name: str, sheet_xml: str) -> bytes:
    """A minimal workbook, written by hand so every byte is under this script's control."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _RELS),
            ("xl/workbook.xml", _workbook(sheet_name)),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet_xml),
        ):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return out.getvalue()


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def xlsx_files() -> dict[str, bytes]:
    military = "UK Military List"
    hostile_rows = [
        ["Rating", "Text"],
        ["ML1", f"Smooth-bore weapons {RLO}gpj.exe"],
        ["ML1.a\x01", f"{ANSI}[/bold] control characters"],
        ["PL99999999999999999999", "x"],
        ["ML", ""],
        ['=HYPERLINK("https://evil.example")', "formula-looking text"],
    ]
    only_zip = io.BytesIO()
    with zipfile.ZipFile(only_zip, "w") as archive:
        archive.writestr(zipfile.ZipInfo("hello.txt", date_time=(2026, 1, 1, 0, 0, 0)), "hi")
    return {
        "xlsx/empty.xlsx": b"",
        "xlsx/not-a-zip.xlsx": b"Rating,Text\nML1,Smooth-bore weapons\n",
        "xlsx/zip-not-a-workbook.xlsx": only_zip.getvalue(),
        "xlsx/other-workbook.xlsx": xlsx("Budget", _sheet([["Item", "Cost"], ["Tea", "3"]])),
        "xlsx/right-sheet-hostile-cells.xlsx": xlsx(military, _sheet(hostile_rows)),
        "xlsx/right-sheet-empty.xlsx": xlsx(military, _sheet([])),
        "xlsx/entity-bomb.xlsx": xlsx(
            military,
            _sheet([["ML1", "x"]], prolog=BILLION_LAUGHS).replace(">x<", ">&lol9;<"),
        ),
        "xlsx/external-entity.xlsx": xlsx(
            military, _sheet([["ML1", "x"]], prolog=XXE).replace(">x<", ">&xxe;<")
        ),
        "xlsx/malformed-sheet-xml.xlsx": xlsx(military, "<worksheet><sheetData><row>"),
    }


# --- XML ------------------------------------------------------------------------------------

_PART = '<DIV5 N="774" TYPE="PART"><DIV9 N="Supplement No. 1 to Part 774" TYPE="APPENDIX">'


def xml_files() -> dict[str, bytes]:
    deep_su = "<SU>" * 5000 + "2" + "</SU>" * 5000
    return {
        "xml/empty.xml": b"",
        "xml/not-xml.xml": b"This is the Commerce Control List, honestly.\n",
        "xml/truncated.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n' + _PART + "<HEAD>Supplement No. 1"
        ).encode(),
        "xml/entity-bomb.xml": (
            f'<?xml version="1.0"?>{BILLION_LAUGHS}<DIV5>&lol9;</DIV5>'
        ).encode(),
        "xml/external-entity.xml": f'<?xml version="1.0"?>{XXE}<DIV5>&xxe;</DIV5>'.encode(),
        "xml/utf16.xml": (
            '<?xml version="1.0" encoding="UTF-16"?><DIV5 N="774"></DIV5>'.encode("utf-16")
        ),
        "xml/other-document.xml": (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Garden club</title>'
            b"<item><title>Roses</title></item></channel></rss>"
        ),
        "xml/deep-superscripts.xml": (
            '<?xml version="1.0"?>' + _PART + f"<HEAD>Supplement No. 1 {deep_su}</HEAD>"
            "</DIV9></DIV5>"
        ).encode(),
        "xml/hostile-text.xml": (
            '<?xml version="1.0"?>' + _PART + "<HEAD>Supplement No. 1 to Part 774</HEAD>"
            f"<HD1>Category 5{RLO}</HD1><FP-1><B>5A001{RLO} [/bold] \u0007</B></FP-1>"
            "<FP-1><B>5A00</B></FP-1></DIV9></DIV5>"
        ).encode(),
        "xml/no-supplement.xml": b'<?xml version="1.0"?><DIV5 N="774"><HEAD>x</HEAD></DIV5>',
    }


# --- Text, Markdown, HTML -------------------------------------------------------------------


def text_files() -> dict[str, bytes]:
    list_like = (
        "ANNEX I\nLIST OF DUAL-USE ITEMS\nCATEGORY 5 - TELECOMMUNICATIONS\n"
        f"5A001 Telecommunications systems{RLO}\n  a. \x01\x02{ANSI}any\n"
        "  j. [/bold] IP network communications surveillance\n5A001.j.1.2.3.4.5.6.7.8.9 deep\n"
    )
    return {
        "txt/empty.txt": b"",
        "txt/binary.txt": bytes(range(256)) * 4,
        "txt/utf16.txt": list_like.encode("utf-16"),
        "txt/latin1.txt": "CATÉGORIE 5 - Télécommunications\n5A001 Systèmes\n".encode("latin-1"),
        "txt/list-lookalike-hostile.txt": list_like.encode(),
        "txt/json-as-text.txt": b'{"groups": {"A:1": ["France"]}}\n',
        "txt/html-as-text.txt": b"<html><body><h1>Annex I</h1><p>5A001</p></body></html>\n",
        "txt/only-newlines.txt": b"\n" * 10_000,
        "txt/long-line.txt": b"5A001 " + b"a" * 50_000 + b"\n",
    }


def markdown_files() -> dict[str, bytes]:
    yaml_bomb = (
        "---\n"
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n"
            for i in range(8)
        )
        + "title: *i\ndate: *i\nsource_url: *i\n---\nThe body.\n"
    )
    return {
        "md/empty.md": b"",
        "md/no-front-matter.md": b"# A statement\n\nNo front matter here.\n",
        "md/bad-yaml.md": b"---\ntitle: [unclosed\ndate: :\n---\nbody\n",
        "md/yaml-bomb.md": yaml_bomb.encode(),
        "md/yaml-python-tag.md": (
            b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n"
            b"date: 2023-03-29\nsource_url: https://example.org\n---\nbody\n"
        ),
        "md/front-matter-wrong-types.md": (
            b"---\ntitle: [1, 2]\ndate: not-a-date\nsource_url: {a: 1}\n---\nbody\n"
        ),
        "md/missing-fields.md": b"---\ntitle: Only a title\n---\nbody\n",
        "md/other-statement.md": (
            b"---\ntitle: Garden club minutes\ndate: 2023-03-29\n"
            b"source_url: https://example.org/garden\n---\nRoses were pruned. Tea was served.\n"
        ),
        "md/hostile-text.md": (
            "---\ntitle: Fact sheet\ndate: 2023-03-29\nsource_url: https://example.org\n---\n"
            "In addition to the United States, the following governments that have endorsed "
            f"the voluntary code of conduct are: {RLO}Albania, [/bold], Atlantis{ANSI}, and "
            "the \x00United Kingdom.\n"
        ).encode(),
        "md/crlf-and-nul.md": b"---\r\ntitle: x\r\n---\r\n\x00\x00\x00",
        "md/utf16.md": "---\ntitle: x\ndate: 2023-03-29\n---\nbody\n".encode("utf-16"),
    }


def html_files() -> dict[str, bytes]:
    return {
        "html/empty.html": b"",
        "html/script-only.html": (
            b"<html><head><script>alert(1)</script></head><body></body></html>"
        ),
        "html/deep-nesting.html": b"<html><body>" + b"<div>" * 3000 + b"x" + b"</div>" * 3000,
        "html/malformed.html": b"<html><body><p>Unclosed <b>tags <i>everywhere<p><<<>>>&#xZZZ;",
        "html/entities-and-rtl.html": (
            f"<html><body><h1>Export controls {RLO}</h1><p>&amp;&lt;&#0;&#x202e;&#99999999;"
            f"{ANSI}</p></body></html>"
        ).encode(),
        "html/pdf-named-html.html": b"%PDF-1.7\n%%EOF\n",
    }


GENERATORS: list[Callable[[], dict[str, bytes]]] = [
    pdf_files,
    json_files,
    xlsx_files,
    xml_files,
    text_files,
    markdown_files,
    html_files,
]


def main() -> None:
    for generate in GENERATORS:
        for name, payload in generate().items():
            target = CORPUS / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(payload)
    print(f"wrote {sum(len(g()) for g in GENERATORS)} files under {CORPUS}")


if __name__ == "__main__":
    main()
