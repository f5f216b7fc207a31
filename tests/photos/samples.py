"""Picture files made in the tests: what phones send, and what a careless or hostile upload is."""

import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, ImageDraw

RED = (200, 30, 30)
BLUE = (30, 30, 200)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
    b' photoshop:City="Gaziantep"/></rdf:RDF></x:xmpmeta>'
)


def upload(data: bytes, name: str, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def half_red_half_blue(size=(300, 200)) -> Image.Image:
    """Top half red, bottom half blue: after a rotation one can tell which way it turned."""
    image = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(image).rectangle((0, 0, size[0], size[1] // 2 - 1), fill=RED)
    return image


def jpeg_from_a_phone(size=(300, 200)) -> bytes:
    """A JPEG as a phone writes it: GPS position, camera details, orientation 6 (the phone was
    held upright, so viewers rotate 90° clockwise), XMP, an ICC profile and a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "PhoneModel 12"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (37.0, 3.0, 45.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (37.0, 22.0, 58.1)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = BytesIO()
    half_red_half_blue(size).save(
        buffer,
        "JPEG",
        quality=90,
        exif=exif,
        xmp=XMP,
        icc_profile=icc,
        comment=b"taken at home",
    )
    return buffer.getvalue()


def photo_like(size=(600, 400), mode="RGB") -> Image.Image:
    """Busy pixels, so the encoded file is not tiny and half of it is half of the picture."""
    image = Image.effect_mandelbrot(size, (-2.0, -1.2, 1.0, 1.2), 60).convert(mode)
    noise = Image.effect_noise(size, 40).convert(mode)
    return Image.blend(image, noise, 0.3)


def encoded(image: Image.Image, format: str, **options) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def truncated_jpeg(size=(600, 400)) -> bytes:
    data = encoded(photo_like(size), "JPEG", quality=90)
    return data[: len(data) // 2]


def png_declaring(width: int, height: int) -> bytes:
    """A valid-looking PNG of a few dozen bytes whose header declares width × height pixels."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        checksum = zlib.crc32(kind + payload)
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + chunk(b"IEND", b"")
    )


def webp_declaring(width: int, height: int) -> bytes:
    """The start of an extended WebP whose header declares a width × height canvas."""
    header = b"VP8X" + (10).to_bytes(4, "little") + b"\x10\0\0\0"  # flags: alpha
    header += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    lossless = b"VP8L" + (5).to_bytes(4, "little") + b"\x2f\0\0\0\0\0"
    body = b"WEBP" + header + lossless
    return b"RIFF" + len(body).to_bytes(4, "little") + body
