"""Evaluation and dashboard pages under /staf/rb/ (names prefixed "eval-" and "dashboard-").

These paths begin with fixed words ("evaluasi", "dasbor") where the staff pages have a satker
code; ``prima/reform/urls.py`` lists this module before ``urls_staff`` so that
``staf/rb/evaluasi/`` is not taken for a satker code.
"""

from django.urls import path

from . import views_dashboards as d
from . import views_evaluation as v

urlpatterns = [
    path("staf/rb/evaluasi/", v.inbox, name="eval-inbox"),
    path("staf/rb/evaluasi/laporan/<int:report_id>/", v.report_review, name="eval-report"),
    path("staf/rb/evaluasi/rekomendasi/", v.recommendation_list, name="eval-recommendations"),
    path("staf/rb/evaluasi/rekomendasi/<int:recommendation_id>/selesai/",
         v.recommendation_close, name="eval-recommendation-close"),
    path("staf/rb/dasbor/nasional/", d.national, name="dashboard-national"),
    path("staf/rb/dasbor/<str:code>/", d.satker_dashboard, name="dashboard-satker"),
    path("staf/rb/dasbor/<str:code>/perbandingan/", d.comparison, name="dashboard-comparison"),
]
