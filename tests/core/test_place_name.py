"""Places are named in the reader's language: the Bengali name on Bangla pages where it is
known, the English one otherwise (core.display.place_name, `{{ area|place }}`)."""

from __future__ import annotations

from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from landclaims.core.display import place_name

AMGACHHA = SimpleNamespace(name_en="Amgachha", name_bn="আমগাছা")


def test_bangla_pages_show_the_bengali_name() -> None:
    assert place_name(AMGACHHA, "bn") == "আমগাছা"


def test_english_pages_show_the_english_name() -> None:
    assert place_name(AMGACHHA, "en") == "Amgachha"


def test_a_missing_name_falls_back_to_the_other_language() -> None:
    assert place_name(SimpleNamespace(name_en="Amgachha", name_bn=""), "bn") == "Amgachha"
    assert place_name(SimpleNamespace(name_en="", name_bn="আমগাছা"), "en") == "আমগাছা"


def test_the_template_filter_follows_the_active_language() -> None:
    template = Template("{% load lc_format %}{{ area|place }}")
    with translation.override("bn"):
        assert template.render(Context({"area": AMGACHHA})) == "আমগাছা"
    with translation.override("en"):
        assert template.render(Context({"area": AMGACHHA})) == "Amgachha"
