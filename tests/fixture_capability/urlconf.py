"""The site's URLs built again while the test-only capability is installed."""

from prima.urls import build

urlpatterns = build()
