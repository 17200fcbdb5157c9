"""The dashboard page and its tables as files; figures come from selectors.dashboard()."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from landclaims.core.scoping import scope_for
from landclaims.dashboard import tables
from landclaims.dashboard.forms import DashboardFilterForm
from landclaims.dashboard.page import page_context
from landclaims.dashboard.selectors import (
    DATE_FIELDS,
    DEFINITIONS,
    dashboard,
    home_counts,
    home_deadlines,
)
from landclaims.dashboard.work import WORK_DEFINITIONS


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The page after login: a few of the dashboard's figures, unfiltered."""
    context = {
        "counts": home_counts(user=request.user),
        "scope": scope_for(request.user),
        "deadlines": home_deadlines(user=request.user),
    }
    return render(request, "dashboard/home.html", context)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET, user=request.user)
    context = {
        "form": form,
        "definitions": DEFINITIONS + WORK_DEFINITIONS,
        "date_fields": DATE_FIELDS,
    }
    if not form.is_valid():
        return render(request, "dashboard/index.html", context, status=400)
    board = dashboard(user=request.user, filters=form.filters())
    context.update(page_context(board), query=request.GET.urlencode())
    return render(request, "dashboard/index.html", context)


FILES = {
    "xlsx": (tables.tables_xlsx, tables.XLSX_CONTENT_TYPE),
    "csv": (tables.tables_csv, tables.CSV_CONTENT_TYPE),
}


@login_required
@require_GET
def download(request: HttpRequest, file_format: str) -> HttpResponse:
    form = DashboardFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    board = dashboard(user=request.user, filters=form.filters())
    build, content_type = FILES[file_format]
    content = build(tables.dashboard_tables(board), tables.filters_about(board))
    response = HttpResponse(content, content_type=content_type)
    name = tables.download_name(board, file_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
