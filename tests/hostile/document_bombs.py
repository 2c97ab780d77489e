"""Hostile uploads from issue 8 (items 5-7), built from scratch: each small on the wire,
costly to parse. Shared by tests/hostile/test_documents.py and the measurement script."""

import io
import re
import zipfile

from docx import Document
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
HEADER_REL = R + "/header"
MIB = 1024 * 1024


def docx_header_bomb(parts: int = 95, part_bytes: int = MIB) -> bytes:
    """A real DOCX with `parts` header parts of exactly `part_bytes` each, every one related
    from the document and referenced by a section: each stays at the per-member size
    threshold, together under the container's 100 MiB, yet each is ~170,000 elements."""
    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W}">'
    tail = "</w:hdr>"
    body_bytes = part_bytes - len(head) - len(tail)
    header = head + "<w:p/>" * (body_bytes // 6) + " " * (body_bytes % 6) + tail
    assert len(header) == part_bytes
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for item in source.infolist():
            data: bytes | str = source.read(item.filename)
            if item.filename in (
                "[Content_Types].xml",
                "word/_rels/document.xml.rels",
                "word/document.xml",
            ):
                data = data.decode()  # type: ignore[union-attr]
            if item.filename == "[Content_Types].xml":
                overrides = "".join(
                    f'<Override PartName="/word/hdr{i}.xml" ContentType="{HEADER_TYPE}"/>'
                    for i in range(parts)
                )
                data = data.replace("</Types>", overrides + "</Types>")
            elif item.filename == "word/_rels/document.xml.rels":
                rels = "".join(
                    f'<Relationship Id="rIdHdr{i}" Type="{HEADER_REL}" Target="hdr{i}.xml"/>'
                    for i in range(parts)
                )
                data = data.replace("</Relationships>", rels + "</Relationships>")
            elif item.filename == "word/document.xml":
                # One section per header part: each paragraph's sectPr ends a section.
                sections = "".join(
                    f'<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" '
                    f'r:id="rIdHdr{i}" xmlns:r="{R}"/></w:sectPr></w:pPr>'
                    f"<w:r><w:t>Section {i}</w:t></w:r></w:p>"
                    for i in range(parts)
                )
                data = re.sub(r"(<w:body>)", r"\1" + sections, data, count=1)
            archive.writestr(item, data)
        for i in range(parts):
            archive.writestr(f"word/hdr{i}.xml", header)
    return out.getvalue()


def pdf_stream_bomb(inflated_bytes: int = 70 * 1000 * 1000, pages: int = 1) -> bytes:
    """A PDF whose Flate content stream (a few hundred KB) inflates to `inflated_bytes` of
    text operators, shared by `pages` pages (each page's text extraction parses it again)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    line = b"BT /F1 9 Tf 72 700 Td (Net weight 0.42 kg) Tj ET\n"
    stream = StreamObject()
    stream.set_data(line * (inflated_bytes // len(line)))
    stream = stream.flate_encode(level=9)
    page[NameObject("/Contents")] = writer._add_object(stream)
    for _ in range(pages - 1):
        writer.add_page(page)  # the same content stream object
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_png(side: int = 6300) -> bytes:
    """A white side x side PNG: just under the old 40-megapixel cap, a few hundred KB."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (side, side), 255).save(out, "PNG", optimize=True)
    return out.getvalue()


def long_text(chars: int = 2_000_000) -> bytes:
    """Plain text that is one weight-like table row after another, for the rules analyzer
    to score (each row is a candidate weight)."""
    rows = (f"{i} x M{i % 30} bolt | {i % 7}.{i % 100} kg | {i % 13} g" for i in range(chars))
    out, size = ["Hex bolt M12 x 60", "Net weight: 62 g"], 0
    for row in rows:
        out.append(row)
        size += len(row) + 1
        if size >= chars:
            break
    return "\n".join(out)[:chars].encode()
