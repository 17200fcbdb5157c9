"""The review of what field phones sent: the list, and a submission's page where a held one
is corrected and applied, or rejected. HTTP in, odk.review reads and odk.applying writes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from landclaims.core.forms import add_service_errors
from landclaims.core.permissions import has_role
from landclaims.odk import review
from landclaims.odk.applying import submission_correct, submission_reject
from landclaims.odk.models import Submission
from landclaims.odk.review_forms import FixForm, RejectForm, SubmissionFilterForm


def _require_reviewer(request: HttpRequest) -> None:
    if not has_role(request.user, review.REVIEWERS):
        raise PermissionDenied(_("Your role may look at these records but not change them."))


@login_required
def submission_list_view(request: HttpRequest) -> HttpResponse:
    _require_reviewer(request)
    form = SubmissionFilterForm(request.GET or None, user=request.user)
    submissions = review.submission_list(request.user, **form.filters())
    page = Paginator(submissions, 50).get_page(request.GET.get("page"))
    for submission in page:
        submission.title = review.form_title(submission.form_id)
    return render(request, "odk/review_list.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reviewer(request)
    try:
        submission = review.submission_get(request.user, pk)
    except Submission.DoesNotExist:
        raise Http404(_("No such field submission.")) from None
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if data else None
    fix = FixForm(data if action == "correct" else None, submission=submission, user=request.user)
    reject = RejectForm(data if action == "reject" else None)
    if action == "correct" and fix.is_valid():
        done = _correct(request, submission, fix)
        if done is not None:
            return done
    if action == "reject" and reject.is_valid():
        try:
            submission_reject(
                submission=submission, by=request.user, note=reject.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(reject, error)
        else:
            messages.success(request, _("The submission was rejected."))
            return redirect("odk_review:detail", submission.pk)
    # A POST that did not act comes back with its errors.
    status = 400 if data is not None else 200
    context = _detail_context(request, submission, fix, reject)
    return render(request, "odk/review_detail.html", context, status=status)


def _correct(request: HttpRequest, submission: Submission, fix: FixForm) -> HttpResponse | None:
    try:
        done = submission_correct(
            submission=submission, by=request.user, corrections=fix.corrections()
        )
    except ValidationError as error:
        add_service_errors(fix, error)
        return None
    if done.status == Submission.Status.APPLIED:
        messages.success(request, _("Corrected and applied."))
    else:
        messages.warning(request, _("Still held: see what remains to be fixed."))
    return redirect("odk_review:detail", submission.pk)


def _detail_context(
    request: HttpRequest, submission: Submission, fix: FixForm, reject: RejectForm
) -> dict[str, object]:
    held = submission.status == Submission.Status.HELD
    return {
        "submission": submission,
        "title": review.form_title(submission.form_id),
        "sections": review.answer_sections(submission, request.user),
        "general_problems": review.general_problems(submission),
        "made": review.made_records(submission),
        "fix": fix if held else None,
        "reject": reject if held else None,
        "held": held,
    }
