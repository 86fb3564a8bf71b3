import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """Stored files go to a fresh directory, so a test can assert exactly what was written."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
