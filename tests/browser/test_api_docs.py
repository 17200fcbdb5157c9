"""The API docs page, drawn by Swagger UI from the project's own static files."""

from __future__ import annotations

import pytest


@pytest.mark.django_db(transaction=True)
def test_the_docs_page_lists_every_operation(live_server, page) -> None:
    schema = page.request.get(f"{live_server.url}/api/schema/?format=json").json()
    expected = sum(len(ops) for ops in schema["paths"].values())
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() == expected
