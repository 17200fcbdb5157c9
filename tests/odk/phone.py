"""A phone, as ODK Collect talks to a server (OpenRosa 1.0): it lists the forms, downloads
each form and its media when their hashes change, fills the form's own instance template
and sends it, HEAD first, then a multipart POST with the photos beside the XML.

Driven through Django's test client (over HTTPS), so a test exercises the same views,
middleware and services a real phone does; nothing here knows how the server is built
beyond the URLs the server itself hands out."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import uuid
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as ET

from defusedxml.ElementTree import fromstring
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

XFORMS = "http://www.w3.org/2002/xforms"
XHTML = "http://www.w3.org/1999/xhtml"
JAVAROSA = "http://openrosa.org/javarosa"
LIST_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"
HEADERS = {"HTTP_X_OPENROSA_VERSION": "1.0"}


@dataclass
class ListedForm:
    form_id: str
    name: str
    version: str
    hash: str
    download_url: str
    manifest_url: str


@dataclass
class DownloadedForm:
    listed: ListedForm
    xml: bytes
    media: dict[str, bytes] = field(default_factory=dict)

    def choices(self, media_name: str) -> list[dict[str, str]]:
        """The rows of one CSV choice list, as the phone reads them."""
        text = self.media[media_name].decode("utf-8")
        return list(csv.DictReader(io.StringIO(text)))


def md5(content: bytes) -> str:
    return "md5:" + hashlib.md5(content).hexdigest()  # noqa: S324 - OpenRosa's own hash


def path_of(url: str) -> str:
    """A server-given absolute URL as the test client's path."""
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1] if "://" in url else url


class Phone:
    def __init__(self, client: Client, server_url: str) -> None:
        self.client = client
        self.server = path_of(server_url).rstrip("/")

    def get(self, url: str) -> Any:
        answer = self.client.get(path_of(url), secure=True, **HEADERS)
        assert answer["X-OpenRosa-Version"] == "1.0", url
        return answer

    def form_list(self) -> list[ListedForm]:
        answer = self.get(f"{self.server}/formList")
        assert answer.status_code == 200, answer.content
        root = fromstring(answer.content)
        assert root.tag == f"{{{LIST_NS}}}xforms"
        return [
            ListedForm(
                form_id=item.findtext(f"{{{LIST_NS}}}formID", ""),
                name=item.findtext(f"{{{LIST_NS}}}name", ""),
                version=item.findtext(f"{{{LIST_NS}}}version", ""),
                hash=item.findtext(f"{{{LIST_NS}}}hash", ""),
                download_url=item.findtext(f"{{{LIST_NS}}}downloadUrl", ""),
                manifest_url=item.findtext(f"{{{LIST_NS}}}manifestUrl", ""),
            )
            for item in root.findall(f"{{{LIST_NS}}}xform")
        ]

    def download(self, listed: ListedForm) -> DownloadedForm:
        """The form and every media file, each checked against the hash the server listed."""
        answer = self.get(listed.download_url)
        assert answer.status_code == 200
        assert md5(answer.content) == listed.hash, f"{listed.form_id}: hash differs"
        form = DownloadedForm(listed=listed, xml=answer.content)
        if listed.manifest_url:
            for name, (hash_, url) in self.manifest(listed).items():
                media = self.get(url)
                assert media.status_code == 200, name
                assert md5(media.content) == hash_, f"{name}: hash differs"
                form.media[name] = media.content
        return form

    def manifest(self, listed: ListedForm) -> dict[str, tuple[str, str]]:
        answer = self.get(listed.manifest_url)
        assert answer.status_code == 200
        root = fromstring(answer.content)
        assert root.tag == f"{{{MANIFEST_NS}}}manifest"
        return {
            item.findtext(f"{{{MANIFEST_NS}}}filename", ""): (
                item.findtext(f"{{{MANIFEST_NS}}}hash", ""),
                item.findtext(f"{{{MANIFEST_NS}}}downloadUrl", ""),
            )
            for item in root.findall(f"{{{MANIFEST_NS}}}mediaFile")
        }

    def send(self, instance: bytes, photos: dict[str, bytes] | None = None, **extra: str) -> Any:
        """HEAD, then the multipart POST ODK Collect makes."""
        url = f"{self.server}/submission"
        head = self.client.head(url, secure=True, **HEADERS)
        assert head.status_code == 204, head.status_code
        assert head["X-OpenRosa-Version"] == "1.0"
        assert int(head["X-OpenRosa-Accept-Content-Length"]) > 0
        parts: dict[str, Any] = {
            "xml_submission_file": SimpleUploadedFile(
                "submission.xml", instance, content_type="text/xml"
            ),
            **extra,
        }
        for name, content in (photos or {}).items():
            parts[name] = SimpleUploadedFile(name, content, content_type="image/jpeg")
        return self.client.post(url, parts, secure=True, **HEADERS)


def fill(form_xml: bytes, answers: dict[str, Any]) -> bytes:
    """The form's own primary instance with `answers` written in, as Collect writes it: a
    repeat's answers are a list of dicts, one copy of the repeat's template each; every
    other answer is set on the element of that name; meta/instanceID is a new uuid."""
    head = fromstring(form_xml).find(f"{{{XHTML}}}head")
    assert head is not None
    model = head.find(f"{{{XFORMS}}}model")
    assert model is not None
    primary = next(i for i in model.findall(f"{{{XFORMS}}}instance") if "id" not in i.attrib)
    root = copy.deepcopy(next(iter(primary)))
    _fill(root, answers)
    # Collect writes the instance without the form's default namespace.
    for element in root.iter():
        element.tag = element.tag.split("}", 1)[-1]
    instance_id = root.find(".//instanceID")
    assert instance_id is not None
    instance_id.text = f"uuid:{uuid.uuid4()}"
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _fill(element: ET.Element, answers: dict[str, Any]) -> None:
    template_attr = f"{{{JAVAROSA}}}template"
    for child in list(element):
        name = child.tag.split("}", 1)[-1]
        if template_attr in child.attrib:
            rows = answers.get(name, [])
            position = list(element).index(child)
            # Collect sends only the repeats filled in, never the template.
            for default in [c for c in element if c.tag == child.tag and c is not child]:
                element.remove(default)
            element.remove(child)
            for offset, row in enumerate(rows):
                copy_ = copy.deepcopy(child)
                del copy_.attrib[template_attr]
                _fill(copy_, row)
                element.insert(position + offset, copy_)
        elif len(child):
            _fill(child, answers)
        elif name in answers:
            child.text = str(answers[name])


def instance_id_of(instance: bytes) -> str:
    found = fromstring(instance).find(".//instanceID")
    assert found is not None and found.text
    return found.text
