import pytest


@pytest.fixture
def media_root(media):
    """Stored files go to a fresh directory, so a test can assert exactly what was written."""
    return media


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
