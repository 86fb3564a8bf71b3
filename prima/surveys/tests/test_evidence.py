"""Survey reports are citable evidence (EvidenceSource "survey_report")."""

import pytest
from django.core.exceptions import ValidationError

from prima.core import evidence

from .factories import make_survey


def test_survey_reports_are_citable_by_their_satker(tree, people):
    survey = make_survey(tree.jepara, people.head)
    draft = make_survey(tree.jepara, people.head, quarter=2, status="draft")
    page = evidence.citable("survey_report", satker=tree.jepara, user=people.employee)
    assert list(page.object_list) == [survey]  # drafts are not reports yet
    ref = evidence.EvidenceRef.of("survey_report", survey)
    assert evidence.check_citable(ref, satker=tree.jepara, user=people.employee) == survey
    with pytest.raises(ValidationError):
        evidence.check_citable(ref, satker=tree.kudus, user=people.other_employee)
    with pytest.raises(ValidationError):
        evidence.check_citable(evidence.EvidenceRef.of("survey_report", draft),
                               satker=tree.jepara, user=people.employee)
    cited = evidence.describe([ref], user=people.employee)[ref]
    assert cited.title == "SKM TW 1 2020 (Triwulan I 2020)"
    assert cited.public_url == "/satker/33.20/survei/"
