"""The shared confirmation page."""

import pytest
from django import forms
from django.test import RequestFactory

from prima.core.confirm import confirm_page


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Alasan")


@pytest.mark.django_db
def test_confirm_page_lists_facts_form_and_both_ways_out(people):
    request = RequestFactory().get("/x/")
    request.user = people.admin
    form = ReasonForm({"reason": ""})
    form.is_valid()

    response = confirm_page(request, title="Hapus divisi?", message="Divisi akan dihapus.",
                            confirm_label="Ya, hapus", cancel_url="/kembali/",
                            crumbs=[("Divisi", "/divisi/")], facts=[("Nama", "Keuangan")],
                            form=form, status=400)
    html = response.content.decode()

    assert response.status_code == 400
    assert "<h1>Hapus divisi?</h1>" in html
    assert "<dt>Nama</dt><dd>Keuangan</dd>" in html
    assert 'href="/divisi/"' in html and 'href="/kembali/"' in html
    assert 'class="danger">Ya, hapus</button>' in html
    assert 'name="reason"' in html and 'class="error"' in html
    assert "jejak audit" in html
