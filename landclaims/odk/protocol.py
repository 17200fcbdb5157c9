"""The OpenRosa 1.0 documents landclaims answers with (Form List API, Manifest API and the
Form Submission API's response), as ODK Collect v2025.x reads them.

Built with ElementTree so every name and title from the database is escaped."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, tostring

FORM_LIST_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"
RESPONSE_NS = "http://openrosa.org/http/response"
OPENROSA_VERSION = "1.0"
XML_CONTENT_TYPE = "text/xml; charset=utf-8"
# The colour ODK Collect gives the project in its project list (the site's green).
PROJECT_COLOUR = "#1f6f50"


@dataclass(frozen=True)
class ListedForm:
    form_id: str
    name: str
    version: str
    md5: str
    download_url: str
    manifest_url: str | None  # None: the form has no media


@dataclass(frozen=True)
class ListedMedia:
    filename: str
    md5: str
    download_url: str


def _document(root: Element) -> bytes:
    return tostring(root, encoding="utf-8", xml_declaration=True)


def _text(parent: Element, tag: str, text: str) -> None:
    SubElement(parent, tag).text = text


def form_list_xml(forms: Iterable[ListedForm]) -> bytes:
    root = Element("xforms", xmlns=FORM_LIST_NS)
    for form in forms:
        xform = SubElement(root, "xform")
        _text(xform, "formID", form.form_id)
        _text(xform, "name", form.name)
        _text(xform, "version", form.version)
        _text(xform, "hash", f"md5:{form.md5}")
        _text(xform, "downloadUrl", form.download_url)
        if form.manifest_url:
            _text(xform, "manifestUrl", form.manifest_url)
    return _document(root)


def manifest_xml(media: Iterable[ListedMedia]) -> bytes:
    root = Element("manifest", xmlns=MANIFEST_NS)
    for item in media:
        media_file = SubElement(root, "mediaFile")
        _text(media_file, "filename", item.filename)
        _text(media_file, "hash", f"md5:{item.md5}")
        _text(media_file, "downloadUrl", item.download_url)
    return _document(root)


def response_xml(message: str, *, success: bool) -> bytes:
    """The OpenRosaResponse Collect shows to the person (success or the reason it failed)."""
    root = Element("OpenRosaResponse", xmlns=RESPONSE_NS)
    node = SubElement(root, "message")
    if success:
        node.set("nature", "submit_success")
    node.text = message
    return _document(root)


def collect_settings_code(server_url: str) -> str:
    """What ODK Collect's "Configure with QR code" reads: base64(zlib(JSON settings))."""
    collect_settings = {
        "general": {
            "server_url": server_url,
            "form_update_mode": "match_exactly",
            "autosend": "wifi_and_cellular",
        },
        "admin": {},
        "project": {"name": "landclaims", "icon": "L", "color": PROJECT_COLOUR},
    }
    return base64.b64encode(zlib.compress(json.dumps(collect_settings).encode())).decode()
