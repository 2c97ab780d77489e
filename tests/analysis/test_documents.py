"""extract_text: every supported format, format detection, and hostile uploads."""

import importlib.util
import io
import json
import random
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from cost_model_service.analysis.base import DocumentError
from cost_model_service.analysis.documents import (
    OCR_MISSING,
    DocumentLimits,
    LimitExceeded,
    extract_text,
    ocr,
)

SPECS = Path(__file__).parent.parent / "data" / "specs"
HAS_OCR = importlib.util.find_spec("rapidocr_onnxruntime") is not None
needs_ocr = pytest.mark.skipif(not HAS_OCR, reason="the 'ocr' extra is not installed")


def read(name: str) -> str:
    return extract_text(name, None, (SPECS / name).read_bytes())


def text_pdf(lines: list[str], pages: int = 1, password: str | None = None) -> bytes:
    """A real PDF with a text layer, written with pypdf (Helvetica, one line per string)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica"}
    fonts = DictionaryObject(
        {
            NameObject("/F1"): DictionaryObject(
                {NameObject(k): NameObject(v) for k, v in font.items()}
            )
        }
    )
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    stream = DecodedStreamObject()
    ops = (f"BT /F1 11 Tf 72 {780 - 16 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines))
    stream.set_data("".join(ops).encode("latin-1"))
    page.replace_contents(stream)
    for _ in range(pages - 1):
        writer.add_page(page)
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- the corpus formats -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("angle_bracket_ab120.txt", "Weight:         0.42 kg"),
        ("centrifugal_pump_cp40.md", "| Net weight                   | 62.5 kg        |"),
        ("aluminium_enclosure_ah220.csv", "Weight | 1,250 | g"),
        ("control_cable_7g15.csv", "cable_weight | 0.168 kg/m"),
        ("end_cap_ec25.json", "mass: 2850 mg"),
        ("end_cap_ec25.json", "packaging.bag_qty_pcs: 500"),
        ("shipping_carton_0201.html", "Empty box weight | 410 g"),
        ("shipping_carton_0201.html", "Recommended max. content weight: 25 kg"),
        ("conveyor_roller_gr50.docx", "Roller weight | 1.6 kg"),
        ("conveyor_roller_gr50.docx", "Gravity Conveyor Roller GR-50 x 600"),
        ("helical_gearbox_hg80.docx", "Weight | 14.8 kg"),
        ("cilindro_pneumatico_iso15552.pdf", "Peso netto | 2,15 kg"),
        ("cordless_drill_dd18.pdf", "Weight (bare tool) | 3 lb 4 oz"),
        ("dc_motor_pm24.pdf", "Weight | 1.9 lb"),
    ],
)
def test_corpus_formats_keep_label_and_value_together(name: str, expected: str) -> None:
    assert expected in read(name)


def test_latin1_text_is_decoded() -> None:
    text = read("esg_glass_panel_600x400.txt")
    assert "Stand:          März 2024" in text
    assert "Gewicht:        3,6 kg" in text
    assert "\ufffd" not in text


def test_html_drops_markup_scripts_and_comments() -> None:
    html = (
        "<html><head><style>p{color:red}</style><script>var weight = '9 kg';</script></head>"
        "<body><!-- hidden 7 kg --><p>Widget <b>W-1</b>\n   rev 2</p>"
        "<table><tr><th>Weight</th><td>1.2 kg</td></tr></table></body></html>"
    )
    text = extract_text("spec.html", "text/html", html.encode())
    assert text.splitlines() == ["Widget W-1 rev 2", "Weight | 1.2 kg"]


def test_empty_file_gives_empty_text() -> None:
    assert read("flange_bearing_ucf205.txt") == ""
    assert extract_text("spec.pdf", "application/pdf", b"") == ""


def test_utf16_with_bom_is_decoded() -> None:
    data = "Gewicht: 2,5 kg".encode("utf-16")
    assert extract_text("spec.txt", "text/plain", data) == "Gewicht: 2,5 kg"


def test_json_is_flattened_and_invalid_json_stays_text() -> None:
    data = json.dumps({"article": {"weight": {"value": 1.5, "unit": "kg"}, "tags": ["a", "b"]}})
    assert extract_text("x.json", None, data.encode()).splitlines() == [
        "article.weight: 1.5 kg",
        "article.tags: a, b",
    ]
    assert extract_text("x.json", None, b"{not json: 2 kg") == "{not json: 2 kg"
    deep = b"[" * 100_000  # json.loads hits the recursion limit: kept as text, no crash
    assert extract_text("deep.json", None, deep).startswith("[[[")


def test_semicolon_csv_rows_become_lines() -> None:
    data = b"Merkmal;Wert\nGewicht;2,5 kg\n"
    assert extract_text("spec.csv", "text/csv", data).splitlines() == [
        "Merkmal | Wert",
        "Gewicht | 2,5 kg",
    ]


def test_xlsx_cells_rows_and_units_in_number_formats() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Spec"
    sheet.append(["Property", "Value"])
    sheet.append(["Weight", 1.2])
    sheet["B2"].number_format = '0.00 "kg"'
    sheet.append(["Pieces", 50.0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    text = extract_text("spec.xlsx", None, buffer.getvalue())
    assert text.splitlines() == ["# Spec", "Property | Value", "Weight | 1.2 kg", "Pieces | 50"]


def test_docx_paragraphs_and_tables_in_reading_order() -> None:
    document = Document()
    document.add_paragraph("Widget W-1")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Net weight", "0.8 kg"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Merged note"
    document.add_paragraph("Made in EU")
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract_text("w.docx", None, buffer.getvalue())
    # A blank line ends the table: the next table's rows must not take its header.
    lines = ["Widget W-1", "Net weight | 0.8 kg", "Merged note", "", "Made in EU"]
    assert text.splitlines() == lines


def test_docx_consecutive_tables_stay_apart() -> None:
    document = Document()
    for rows in (
        [("Función", "Rango"), ("Tensión", "0 … 600 V")],
        [("Datos generales", ""), ("Peso neto", "0,45 kg")],
    ):
        table = document.add_table(rows=2, cols=2)
        for index, (key, value) in enumerate(rows):
            table.cell(index, 0).text, table.cell(index, 1).text = key, value
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract_text("t.docx", None, buffer.getvalue())
    assert "Tensión | 0 … 600 V\n\nDatos generales | " in text


def test_pdf_text_layer() -> None:
    assert (
        extract_text("a.pdf", None, text_pdf(["Widget", "Weight: 1 kg"])) == "Widget\nWeight: 1 kg"
    )


# --- format detection ---------------------------------------------------------------------


def test_format_comes_from_the_bytes_not_the_name() -> None:
    pdf = text_pdf(["Weight: 1 kg"])
    assert extract_text("spec.txt", "text/plain", pdf) == "Weight: 1 kg"
    docx = (SPECS / "helical_gearbox_hg80.docx").read_bytes()
    assert "Weight | 14.8 kg" in extract_text("upload", "application/octet-stream", docx)
    html = b"<!DOCTYPE html><html><body><p>Weight: 3 kg</p></body></html>"
    assert extract_text("spec.txt", None, html) == "Weight: 3 kg"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("spec.pdf", b"just some text", "not a valid pdf file"),
        ("spec.docx", b"just some text", "not a valid docx file"),
        ("photo.gif", b"GIF89a" + bytes(100), "GIF image"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "legacy Office"),
        ("spec.pdf", b"%PDF-1.4\ngarbage without xref\n", "corrupt or unreadable PDF"),
        ("spec.docx", b"PK\x03\x04 truncated zip", "corrupt file"),
    ],
)
def test_unsupported_or_corrupt_files_are_refused(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        extract_text(name, None, data)


def test_zip_that_is_not_office_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("spec.txt", "Weight: 1 kg")
    with pytest.raises(DocumentError, match="not a DOCX or XLSX"):
        extract_text("spec.zip", None, buffer.getvalue())


# --- hostile input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        random.Random(42).randbytes(4096),
        bytes(range(128)) * 40,  # valid UTF-8, yet control bytes: binary, not text
        b"Weight: 1 kg\n" + bytes(range(1, 9)) * 50,
        b"\xff\xfe" + random.Random(1).randbytes(4096),  # a UTF-16 BOM before junk
    ],
)
def test_binary_bytes_named_txt_are_not_text(junk: bytes) -> None:
    with pytest.raises(DocumentError, match="not a text document"):
        extract_text("spec.txt", "text/plain", junk)


def test_encrypted_pdf_is_refused_but_an_empty_password_is_not_a_lock() -> None:
    with pytest.raises(DocumentError, match="encrypted PDF"):
        extract_text("locked.pdf", None, text_pdf(["secret"], password="s3cret"))
    # Owner-password-only PDFs open for everyone: they are readable.
    assert extract_text("open.pdf", None, text_pdf(["Weight: 2 kg"], password="")) == "Weight: 2 kg"


def test_pdf_with_thousands_of_pages_is_read_up_to_the_page_cap() -> None:
    data = text_pdf(["Widget W-1", "Weight: 0.42 kg"], pages=5000)
    started = time.perf_counter()
    text = extract_text("huge.pdf", None, data)
    assert time.perf_counter() - started < 20
    assert text.count("Widget W-1") == DocumentLimits().max_pdf_pages


def test_zip_bomb_disguised_as_docx_is_refused_before_decompression() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))  # ~1000:1
    data = buffer.getvalue()
    assert len(data) < 200_000
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="zip bomb"):
        extract_text("invoice.docx", "application/msword", data)
    assert time.perf_counter() - started < 1


def test_office_zip_over_the_total_size_cap_is_refused() -> None:
    data = (SPECS / "conveyor_roller_gr50.docx").read_bytes()  # a real DOCX, ~40 KB unpacked
    with pytest.raises(DocumentError, match="would expand to"):
        extract_text("roller.docx", None, data, DocumentLimits(max_zip_uncompressed=10_000))


def test_text_is_capped() -> None:
    data = b"Weight: 1 kg\n" * 10_000
    assert len(extract_text("big.txt", None, data, DocumentLimits(max_chars=1000))) == 1000


# --- OCR ----------------------------------------------------------------------------------


@pytest.mark.slow  # loads the OCR models
@needs_ocr
def test_png_table_is_read_by_ocr_row_by_row() -> None:
    text = read("motor_controller_mcb48.png")
    assert "Weight | 46 g" in text
    assert "Part number | MCB-48-R2" in text


@needs_ocr
def test_scanned_pdf_without_text_layer_is_ocrd() -> None:
    from PIL import Image

    buffer = io.BytesIO()
    with Image.open(SPECS / "flat_washer_din125_m8.png") as image:
        image.convert("RGB").save(buffer, "PDF")  # an image-only PDF, like a scan
    text = extract_text("scan.pdf", None, buffer.getvalue())
    assert "Net pack weight | 1.20 kg" in text


@needs_ocr
def test_phone_photo_is_turned_upright_by_its_exif_orientation() -> None:
    from PIL import Image

    with Image.open(SPECS / "flat_washer_din125_m8.png") as image:
        sideways = image.convert("RGB").rotate(90, expand=True)  # stored turned left
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    buffer = io.BytesIO()
    sideways.save(buffer, "JPEG", exif=exif, quality=95)
    assert "Net pack weight | 1.20 kg" in extract_text("photo.jpg", "image/jpeg", buffer.getvalue())


@needs_ocr
def test_pixel_bomb_is_refused_from_the_header() -> None:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    with pytest.raises(DocumentError, match="image too large"):
        extract_text("bomb.png", "image/png", png)


def test_missing_ocr_extra_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import now fails
    ocr._engine.cache_clear()
    try:
        with pytest.raises(DocumentError) as caught:
            read("flat_washer_din125_m8.png")
        assert caught.value.message == OCR_MISSING
        assert OCR_MISSING == "OCR is not installed: install the 'ocr' extra"
    finally:
        ocr._engine.cache_clear()


@pytest.mark.slow  # parses a large stream many times over
def test_pdf_pages_sharing_one_large_stream_are_charged_each_time() -> None:
    """Text extraction parses a page's content stream per page, shared or not."""
    from tests.hostile.document_bombs import pdf_stream_bomb

    data = pdf_stream_bomb(4_000_000, pages=5)  # 4 MB of operators, parsed 5 times
    bounded = DocumentLimits(max_pdf_stream_bytes=10_000_000, max_chars=100)
    assert extract_text("a.pdf", None, data, bounded).startswith("Net weight 0.42 kg")
    with pytest.raises(LimitExceeded, match="CMS_EXTRACTION_MAX_PDF_STREAM_MB"):
        extract_text("a.pdf", None, data, DocumentLimits(max_pdf_stream_bytes=3_000_000))


def test_office_xml_is_bounded_over_all_parts_together() -> None:
    """Many parts each far under any per-part bound still add up (issue 8's DOCX)."""
    from tests.hostile.document_bombs import docx_header_bomb

    data = docx_header_bomb(parts=10, part_bytes=64 * 1024)
    assert "Section 9" in extract_text("ok.docx", None, data)
    with pytest.raises(LimitExceeded) as caught:
        extract_text("x.docx", None, data, DocumentLimits(max_xml_bytes=512 * 1024))
    assert caught.value.message == (
        "the document's XML parts exceed 0.5 MB when decompressed (limit CMS_EXTRACTION_MAX_XML_MB)"
    )
    with pytest.raises(LimitExceeded) as caught:
        extract_text("x.docx", None, data, DocumentLimits(max_xml_elements=50_000))
    assert caught.value.message == (
        "the document's XML parts hold more than 50,000 elements "
        "(limit CMS_EXTRACTION_MAX_XML_ELEMENTS)"
    )


def test_xlsx_xml_is_bounded_too() -> None:
    workbook = openpyxl.Workbook()
    for row in range(2000):
        workbook.active.append([f"item {row}", row, row * 0.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(LimitExceeded, match="CMS_EXTRACTION_MAX_XML_ELEMENTS"):
        extract_text("x.xlsx", None, buffer.getvalue(), DocumentLimits(max_xml_elements=5_000))


def test_a_semicolon_csv_with_decimal_commas_and_a_title_keeps_its_cells() -> None:
    # The sniffer alone reads this as comma-separated ("3 | 2 kg"): a title line without
    # delimiters and decimal commas in the values.
    data = (
        b"Pompa P-7 - codice ordinato: P-7B\nvoce;P-7A;P-7B\npotenza;0,4 kW;0,55 kW\n"
        b"peso;4,2 kg;4,8 kg\n"
    )
    text = extract_text("p7.csv", None, data)
    assert "peso | 4,2 kg | 4,8 kg" in text
