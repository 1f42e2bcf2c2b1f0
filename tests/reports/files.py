"""Real files for the attachment tests, made with Pillow and pillow_heif."""
import io

import pillow_heif
from PIL import Image

pillow_heif.register_heif_opener()

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="SecretPhone"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def jpeg_with_gps(width=40, height=20, orientation=6) -> bytes:
    """A JPEG with EXIF (GPS position of Stockholm, camera make, orientation) and XMP."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((20, 20, 220), (0, 0, width // 2, height))  # left half blue: orientation shows
    exif = Image.Exif()
    exif[0x010F] = "SecretPhone"  # Make
    exif[0x0112] = orientation  # Orientation: 6 = rotate 90° clockwise to show
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (59.0, 19.0, 46.0)
    gps[3] = "E"
    gps[4] = (18.0, 4.0, 6.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), xmp=XMP)
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at Storgatan 5")
    out = io.BytesIO()
    Image.new("RGBA", (10, 12), (0, 255, 0, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def heic() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 16), (10, 200, 10)).save(out, format="HEIF")
    return out.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n"
    b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n188\n%%EOF\n"
)
PDF_WITH_SCRIPT = PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
WINDOWS_PE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def pdf_with(catalog_extra: bytes = b"", page_extra: bytes = b"", objects: bytes = b"") -> bytes:
    """A one-page PDF with extra entries in the catalog and the page, and extra objects (from 4)."""
    import re as re_module

    body = (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + page_extra + b" >>\nendobj\n" + objects
    )
    offsets = {int(m.group(1)): m.start() for m in re_module.finditer(rb"(?m)^(\d+) 0 obj", body)}
    size = max(offsets) + 1
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        xref += b"%010d 00000 n \n" % offsets[number]
    return body + xref + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, len(body))


def pdf_with_object_stream(catalog_extra: bytes, objects: dict[int, bytes] | None = None) -> bytes:
    """A PDF 1.5 file whose catalog (1) and further objects (4, …) sit in a compressed object
    stream (5) behind a cross-reference stream (6): their names never appear in the raw bytes."""
    import struct
    import zlib

    inner = {1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>", **(objects or {})}
    header, body = b"", b""
    for number, obj in inner.items():
        header += b"%d %d " % (number, len(body))
        body += obj + b"\n"
    stream = zlib.compress(header + body)
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = {}

    def write(number, data):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + data + b"\nendobj\n")

    write(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    write(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
    write(5, b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
          % (len(inner), len(header), len(stream)) + stream + b"\nendstream")
    size = max(7, max(inner) + 1)
    positions = {number: index for index, number in enumerate(inner)}
    xref_at = out.tell()
    rows = b""
    for number in range(size):
        if number in positions:
            rows += struct.pack(">BIH", 2, 5, positions[number])
        elif number == 6:
            rows += struct.pack(">BIH", 1, xref_at, 0)
        elif number in offsets:
            rows += struct.pack(">BIH", 1, offsets[number], 0)
        else:
            rows += struct.pack(">BIH", 0, 0, 65535)
    out.write(b"6 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (size, len(rows))
              + rows + b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return out.getvalue()


def png_of_size(width: int, height: int) -> bytes:
    """A small file declaring a large image (1 bit per pixel, all black): a decompression bomb."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()
