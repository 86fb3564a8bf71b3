"""The demo of information requests: a partial grant with its consequence test, a hard-copy
delivery receipt, a published answer on the register and a filled DIP; idempotent."""

from prima.demo.loader import run_demo
from prima.inforequests.choices import Decision
from prima.inforequests.models import (
    AnnualReportNote,
    HandoverReceipt,
    InformationListEntry,
    InformationRequest,
)


def test_demo_shows_the_new_parts_and_runs_twice(db):
    run_demo()
    jepara = InformationRequest.objects.filter(satker__code="33.20")
    partial = jepara.get(decision=Decision.GRANTED_IN_PART)
    assert partial.notice.consequence_test is not None and partial.notice.exemption == "h"
    receipt = HandoverReceipt.objects.get(request__satker__code="33.20")
    assert receipt.method == "hard_copy"
    assert jepara.exclude(answer_published_at=None).exists()
    dip = InformationListEntry.objects.filter(satker__code="33.20")
    assert dip.filter(information_class="berkala").exists()
    assert dip.exclude(dataset=None).exists() or dip.exclude(document=None).exists()
    assert AnnualReportNote.objects.filter(satker__code="33.20").exists()
    counts = (jepara.count(), dip.count(), HandoverReceipt.objects.count())
    run_demo()
    assert (jepara.count(), dip.count(), HandoverReceipt.objects.count()) == counts
