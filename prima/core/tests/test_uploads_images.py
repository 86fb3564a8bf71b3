import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from prima.core.uploads import check_upload


def image_bytes(fmt: str, size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(("fmt", "kind", "mime"), [("JPEG", "jpeg", "image/jpeg"),
                                                   ("PNG", "png", "image/png")])
def test_real_images_are_accepted(fmt, kind, mime):
    content = image_bytes(fmt)
    checked = check_upload(SimpleUploadedFile(f"ktp.{kind}", content),
                           allowed_kinds=("pdf", "jpeg", "png"), max_bytes=10**6)
    assert (checked.kind, checked.content_type, checked.size) == (kind, mime, len(content))


def test_truncated_png_is_refused():
    content = image_bytes("PNG")[:60]
    with pytest.raises(ValidationError) as excinfo:
        check_upload(SimpleUploadedFile("ktp.png", content), allowed_kinds=("png",),
                     max_bytes=10**6)
    assert "rusak" in str(excinfo.value)


def test_an_executable_named_jpg_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        check_upload(SimpleUploadedFile("ktp.jpg", b"MZ\x90\x00" + b"\x00" * 200),
                     allowed_kinds=("jpeg", "png"), max_bytes=10**6)
    assert "bukan JPEG, PNG" in str(excinfo.value)


def test_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(ValidationError) as excinfo:
        check_upload(SimpleUploadedFile("peta.png", image_bytes("PNG", (300, 300))),
                     allowed_kinds=("png",), max_bytes=10**6)
    assert "piksel" in str(excinfo.value)
