"""HTML to PDF with WeasyPrint, offline, with Bengali text that copies and searches intact.

Two things WeasyPrint does not do on its own:

- It fetches any URL a page names. The dossier may only read local files (its fonts and
  the static directory) and data: URLs; anything else is refused, so rendering never
  touches the network and a stray URL in a record cannot make the server fetch it.
- A PDF maps each glyph to one piece of text for the whole document. Bengali shaping puts
  vowel signs before their consonant and reuses glyphs across conjuncts, so text read back
  from the PDF (pdftotext, copy and paste, search) loses or reorders letters. Each line
  with Bengali in it is therefore wrapped in a marked-content span whose /ActualText is the
  line as typed; readers use that instead of the glyphs. The glyphs are left untouched.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from django.conf import settings
from weasyprint.draw import text as weasy_text
from weasyprint.urls import URLFetcher

# fonts-noto-core installs these (Makefile APT_PACKAGES); npm's copy is the fallback.
FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"),)
BENGALI = re.compile("[\u0980-\u09ff]")


class LocalOnlyFetcher(URLFetcher):
    """Reads file: URLs under the allowed directories and data: URLs; refuses the rest."""

    def __init__(self, roots: Iterable[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=False)
        self._roots = [Path(os.path.normpath(root.absolute())) for root in roots]

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith("file:"):
            # normpath, not resolve(): ".." is refused, symlinked vendor files still count.
            path = Path(os.path.normpath(url2pathname(urlsplit(url).path)))
            if not any(path == root or root in path.parents for root in self._roots):
                raise ValueError(f"Outside the dossier's directories: {url}")
        elif not url.startswith("data:"):
            raise ValueError(f"The dossier reads local files only: {url}")
        return super().fetch(url, headers)


def allowed_roots() -> list[Path]:
    return [*FONT_DIRS, *(Path(d) for d in settings.STATICFILES_DIRS)]


def html_to_pdf(html: str) -> bytes:
    """The PDF of `html`; relative URLs resolve against the static directory."""
    _install_actual_text()
    base = Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"
    document = weasyprint.HTML(
        string=html, base_url=base, url_fetcher=LocalOnlyFetcher(allowed_roots())
    )
    pdf: bytes = document.write_pdf()
    return pdf


_install_lock = threading.Lock()


def _install_actual_text() -> None:
    """Wrap WeasyPrint's line drawing once per process (see the module docstring)."""
    with _install_lock:
        original = weasy_text.draw_first_line
        if getattr(original, "_lc_actual_text", False):
            return

        def draw_first_line(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
            text = textbox.text
            if not BENGALI.search(text):
                return original(stream, textbox, *args, **kwargs)
            stream.stream.append(f"/Span <</ActualText <{_pdf_text(text)}>>> BDC".encode())
            try:
                return original(stream, textbox, *args, **kwargs)
            finally:
                stream.stream.append(b"EMC")

        draw_first_line._lc_actual_text = True  # type: ignore[attr-defined]
        weasy_text.draw_first_line = draw_first_line


def _pdf_text(text: str) -> str:
    """A PDF text string in hex: UTF-16BE with its byte-order mark."""
    return ("\ufeff" + text).encode("utf-16-be").hex().upper()
