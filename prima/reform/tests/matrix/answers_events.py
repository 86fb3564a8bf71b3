"""Permission-matrix rows of the reform pages added with the split by topic: the satker's
answers to the evaluator's comments, and deleting an event.

``CASES`` uses the ``Case`` format of ``tests/permission_matrix.py`` and the objects of the
reform staff rows (``reform_objects``: Jepara's running 2020 plan with quarter II sent back for
revision, and an event Jepara organised with one participant). Only Jepara's reform writers
(the reform team member as officer, its administrator, the system administrator) answer the
comments and delete the event; the evaluator reads the answers on the review page.
"""

from prima.reform.models import ReviewComment
from tests.permission_matrix import MANAGERS, Case, add

JEPARA = "33.20"
REFORM = "reform"
WRITERS = MANAGERS


def evaluator_comment(ctx):
    """The evaluator's comment on the quarter II report (sent back for revision)."""
    ctx.answer_comment = ReviewComment.objects.create(
        report=ctx.revise, author=ctx.people.evaluator, text="Lengkapi notulen rapat tim.")


def answers_args(ctx):
    return [JEPARA, ctx.plan.pk, 2]


def event_args(ctx):
    return [JEPARA, ctx.event.pk]


CASES = [
    Case("reform-comment-answers", "reform:staff-comment-answers", answers_args, WRITERS,
         officer=REFORM, setup=evaluator_comment),
    Case(
        "reform-comment-answers-save",
        "reform:staff-comment-answers",
        answers_args,
        WRITERS,
        officer=REFORM,
        method="post",
        setup=evaluator_comment,
        data=lambda ctx: {f"answer_{ctx.answer_comment.pk}": "Notulen sudah diunggah."},
    ),
    Case("reform-event-delete-confirm", "reform:staff-event-delete", event_args, WRITERS,
         officer=REFORM),
    Case(
        "reform-event-delete",
        "reform:staff-event-delete",
        event_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {},
    ),
]

add(*CASES)
