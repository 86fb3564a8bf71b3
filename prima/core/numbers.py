"""Figures as people write them: Indonesian grouping and decimal comma, no padding zeros
("8,67 orang", "3,4 indeks", "1.250 dokumen"), at most ``MAX_PLACES`` decimals."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

MAX_PLACES = 4


def figure(value, places: int | None = None) -> str:
    """``value`` with the decimals it needs (trailing zeros dropped, at most ``MAX_PLACES``), or
    exactly ``places`` decimals when given; "" for no value, text unchanged."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if places is None:
        number = number.quantize(Decimal(1).scaleb(-MAX_PLACES), rounding=ROUND_HALF_UP)
        number = number.normalize()
        places = max(0, -number.as_tuple().exponent)
    else:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number_format(number, decimal_pos=places, force_grouping=True)
