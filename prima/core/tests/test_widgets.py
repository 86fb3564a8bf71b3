from django import forms

from prima.core.widgets import QuickSelect


class Pick(forms.Form):
    satker = forms.ChoiceField(
        choices=[("", "Semua"), ("33", "Jawa <Tengah>"), ("33.20", "Jepara")],
        required=False, widget=QuickSelect)


def test_quick_select_renders_what_django_select_renders():
    quick = str(Pick({"satker": "33.20"})["satker"])
    assert quick.startswith("<select") and quick.endswith("</select>")
    assert 'name="satker"' in quick and 'id="id_satker"' in quick
    assert '<option value="33.20" selected>Jepara</option>' in quick
    assert '<option value="33">Jawa &lt;Tengah&gt;</option>' in quick   # labels are escaped
    assert quick.count("selected") == 1


def test_quick_select_keeps_aria_attributes_of_an_invalid_field():
    form = Pick({"satker": "99"})
    assert not form.is_valid()
    html = str(form["satker"])
    assert 'aria-invalid="true"' in html and "selected" not in html
