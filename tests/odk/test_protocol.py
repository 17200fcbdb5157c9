"""The OpenRosa server, driven as ODK Collect drives it: form list, form and manifest
download, media, HEAD then multipart POST of a submission with a photo; and what it refuses."""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import pytest
from defusedxml import ElementTree
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from landclaims.core.models import Membership
from landclaims.core.preferences import preference_save
from landclaims.odk import xlsforms
from landclaims.odk.models import FieldDevice, Submission, SubmissionAttachment
from landclaims.odk.services import (
    SubmissionRefused,
    field_device_issue,
    field_device_revoke,
    submission_receive,
)
from tests.factories import make_group, make_user
from tests.odk.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

LIST_NS = {"x": "http://openrosa.org/xforms/xformsList"}
MANIFEST_NS = {"m": "http://openrosa.org/xforms/xformsManifest"}
RESPONSE_NS = {"r": "http://openrosa.org/http/response"}
COLLECT = {"HTTP_X_OPENROSA_VERSION": "1.0", "secure": True}


@pytest.fixture
def phone(organiser) -> Phone:
    return Phone(organiser)


class Phone:
    """ODK Collect configured with a key: the server URL and the requests it makes."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self.secret = field_device_issue(user=user, name="test phone").secret
        self.server = f"/odk/key/{self.secret}/"
        self.client = Client()

    def get(self, url: str, **headers: Any) -> Any:
        return self.client.get(url.removeprefix("https://testserver"), **COLLECT, **headers)

    def form_list(self) -> dict[str, Element]:
        response = self.get(self.server + "formList")
        assert response.status_code == 200
        root = ElementTree.fromstring(response.content)
        return {
            x.findtext("x:formID", namespaces=LIST_NS): x for x in root.iterfind("x:xform", LIST_NS)
        }

    def send(self, xml: bytes, *files: tuple[str, bytes], incomplete: bool = False) -> Any:
        data: dict[str, Any] = {"xml_submission_file": _upload("submission.xml", xml)}
        data.update({name: _upload(name, content) for name, content in files})
        if incomplete:
            data["*isIncomplete*"] = "yes"
        return self.client.post(self.server + "submission", data, **COLLECT)


def _upload(name: str, content: bytes) -> Any:
    file = io.BytesIO(content)
    file.name = name
    return file


def training_xml(instance: str, *, form_id: str = "lc_training", community: str = "") -> bytes:
    version = xlsforms.built("lc_training").version
    return (
        f'<?xml version="1.0"?><lc_training id="{form_id}" version="{version}">'
        f"<training>1</training><group>1</group><women>3</women><men>0</men><others>0</others>"
        f"<community>{community}</community>"
        f"<meta><instanceID>{instance}</instanceID></meta></lc_training>"
    ).encode()


def incident_xml(instance: str, photo: str) -> bytes:
    version = xlsforms.built("lc_incident").version
    return (
        f'<?xml version="1.0"?><lc_incident id="lc_incident" version="{version}">'
        f"<kind>attack</kind><occurred_on>2026-12-01</occurred_on><location/>"
        f"<women_affected>1</women_affected><description>At the char</description>"
        f"<photos><photo>{photo}</photo></photos>"
        f"<meta><instanceID>{instance}</instanceID></meta></lc_incident>"
    ).encode()


def _message(response: Any) -> str:
    root = ElementTree.fromstring(response.content)
    return root.findtext("r:message", namespaces=RESPONSE_NS) or ""


def _nothing_written() -> bool:
    return not Submission.objects.exists() and not SubmissionAttachment.objects.exists()


# --- forms and lists ----------------------------------------------------------------------


def test_the_form_list_lists_only_the_forms_the_person_may_send(phone, organiser) -> None:
    listed = phone.form_list()
    assert list(listed) == [form.form_id for form in xlsforms.forms_for(organiser)]
    assert "lc_hearing" not in listed  # organisers record no hearing outcome


def test_the_form_list_names_the_forms_in_the_persons_language(organiser) -> None:
    preference_save(user=organiser, language="bn")
    names = [
        x.findtext("x:name", namespaces=LIST_NS) for x in Phone(organiser).form_list().values()
    ]
    with translation.override("bn"):
        assert names == [
            str(xlsforms.FORM_TITLES[form_id])
            for form_id in xlsforms.FORM_IDS
            if form_id != "lc_hearing"
        ]
    assert "Register a group" not in names


def test_every_answer_carries_the_openrosa_headers(phone) -> None:
    response = phone.get(phone.server + "formList")
    assert response["X-OpenRosa-Version"] == "1.0"
    assert response["Date"]
    assert "xml" in response["Content-Type"]
    assert not response.cookies  # no session, no CSRF token: a phone keeps neither


def test_a_downloaded_form_has_the_listed_hash(phone) -> None:
    for form_id, entry in phone.form_list().items():
        response = phone.get(entry.findtext("x:downloadUrl", namespaces=LIST_NS))
        assert response.status_code == 200, form_id
        md5 = hashlib.md5(response.content).hexdigest()  # noqa: S324 (OpenRosa's hash)
        assert entry.findtext("x:hash", namespaces=LIST_NS) == f"md5:{md5}"
        ElementTree.fromstring(response.content)


def test_each_list_in_a_manifest_downloads_with_its_hash(phone) -> None:
    manifests = [
        entry.findtext("x:manifestUrl", namespaces=LIST_NS)
        for entry in phone.form_list().values()
        if entry.find("x:manifestUrl", LIST_NS) is not None
    ]
    assert manifests
    for url in manifests:
        manifest = ElementTree.fromstring(phone.get(url).content)
        media = list(manifest.iterfind("m:mediaFile", MANIFEST_NS))
        assert media, url
        for item in media:
            response = phone.get(item.findtext("m:downloadUrl", namespaces=MANIFEST_NS))
            assert response.status_code == 200
            md5 = hashlib.md5(response.content).hexdigest()  # noqa: S324
            assert item.findtext("m:hash", namespaces=MANIFEST_NS) == f"md5:{md5}"


def test_an_unchanged_form_or_list_is_not_sent_again(phone) -> None:
    entry = phone.form_list()["lc_training"]
    url = entry.findtext("x:downloadUrl", namespaces=LIST_NS)
    first = phone.get(url)
    again = phone.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content
    manifest = ElementTree.fromstring(
        phone.get(entry.findtext("x:manifestUrl", namespaces=LIST_NS)).content
    )
    media_url = manifest.find("m:mediaFile", MANIFEST_NS).findtext(
        "m:downloadUrl", namespaces=MANIFEST_NS
    )
    etag = phone.get(media_url)["ETag"]
    assert phone.get(media_url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_another_organisations_groups_never_reach_a_phone(places, org, organiser, outsider) -> None:
    make_group(organisation=org, village=places.village_a, name_bn="আমাদের দল", name_en="Our group")
    theirs = Phone(outsider)
    ours = Phone(organiser)
    url = "forms/lc_training/media/groups.csv"
    assert "Our group" in ours.get(ours.server + url).content.decode()
    assert "Our group" not in theirs.get(theirs.server + url).content.decode()
    assert "আমাদের" not in theirs.get(theirs.server + url).content.decode()


def test_a_form_the_person_may_not_send_is_not_found(phone) -> None:
    assert phone.get(phone.server + "forms/lc_hearing/form.xml").status_code == 404
    assert phone.get(phone.server + "forms/lc_training/media/secrets.csv").status_code == 404


# --- keys and https -----------------------------------------------------------------------


def test_a_revoked_or_unknown_key_gets_401_and_writes_nothing(phone, organiser) -> None:
    field_device_revoke(device=FieldDevice.objects.get(user=organiser), by=organiser)
    assert phone.get(phone.server + "formList").status_code == 401
    response = phone.send(training_xml("uuid:revoked"))
    assert response.status_code == 401 and response["X-OpenRosa-Version"] == "1.0"
    assert phone.client.get("/odk/key/lcp_nothing/formList", **COLLECT).status_code == 401
    assert _nothing_written()


def test_plain_http_is_refused_outside_debug(phone) -> None:
    assert phone.client.get(phone.server + "formList").status_code == 403


# --- submissions --------------------------------------------------------------------------


def test_head_tells_the_phone_how_much_to_send_at_once(phone, settings) -> None:
    response = phone.client.head(phone.server + "submission", **COLLECT)
    assert response.status_code == 204
    assert response["X-OpenRosa-Accept-Content-Length"] == str(settings.ODK_SUBMISSION_MAX_BYTES)
    assert response["Location"].endswith(phone.server + "submission")


def test_a_submission_is_kept_exactly_as_received_with_its_photo(phone, organiser, org) -> None:
    xml, photo = incident_xml("uuid:kept-1", "1701.jpg"), jpeg_bytes()
    response = phone.send(xml, ("1701.jpg", photo), incomplete=True)
    assert response.status_code == 201
    assert "Received" in _message(response)
    submission = Submission.objects.get()
    assert bytes(submission.xml) == xml
    assert submission.xml_sha256 == hashlib.sha256(xml).hexdigest()
    assert (submission.organisation, submission.submitted_by) == (org, organiser)
    assert submission.answers["photos"] == [{"photo": "1701.jpg"}]
    assert submission.answers["kind"] == "attack"
    attachment = submission.attachments.get()
    assert (attachment.name, attachment.content_type, attachment.size_bytes) == (
        "1701.jpg",
        "image/jpeg",
        len(photo),
    )
    assert attachment.sha256 == hashlib.sha256(photo).hexdigest()
    assert attachment.file.read() == photo


def test_a_complete_submission_is_received_whatever_applying_it_makes_of_it(phone) -> None:
    response = phone.send(training_xml(f"uuid:{uuid.uuid4()}"))
    assert response.status_code == 201
    assert Submission.objects.get().status in {"applied", "held"}


def test_a_submission_split_over_several_posts_is_applied_when_its_last_part_comes(phone) -> None:
    xml = incident_xml("uuid:split", "a.jpg")
    assert phone.send(xml, ("a.jpg", jpeg_bytes()), incomplete=True).status_code == 201
    assert Submission.objects.get().problems == []  # kept, not tried yet
    assert phone.send(xml).status_code == 201
    submission = Submission.objects.get()
    assert submission.status == "applied" or submission.problems  # tried once complete


def test_a_long_file_name_is_kept_as_the_answers_name_it(phone) -> None:
    name = "photo-" + "x" * 200 + ".jpg"
    assert (
        phone.send(
            incident_xml("uuid:long", name), (name, jpeg_bytes()), incomplete=True
        ).status_code
        == 201
    )
    assert SubmissionAttachment.objects.get().name == name


def test_the_same_submission_again_is_kept_once_and_adds_only_new_files(phone) -> None:
    xml = incident_xml("uuid:twice", "a.jpg")
    assert phone.send(xml, ("a.jpg", jpeg_bytes()), incomplete=True).status_code == 201
    again = phone.send(xml, ("a.jpg", jpeg_bytes()), ("b.jpg", jpeg_bytes()), incomplete=True)
    assert again.status_code == 201
    assert Submission.objects.count() == 1
    assert sorted(SubmissionAttachment.objects.values_list("name", flat=True)) == ["a.jpg", "b.jpg"]


def test_other_xml_with_the_same_instance_id_is_a_conflict(phone) -> None:
    assert (
        phone.send(training_xml("uuid:same", community="one"), incomplete=True).status_code == 201
    )
    response = phone.send(training_xml("uuid:same", community="two"), ("x.jpg", jpeg_bytes()))
    assert response.status_code == 409
    assert bytes(Submission.objects.get().xml) == training_xml("uuid:same", community="one")
    assert not SubmissionAttachment.objects.exists()


@pytest.mark.parametrize(
    ("xml", "status", "says"),
    [
        (b"<lc_training id='lc_training'><training>", 400, "not well-formed"),
        (b"<lc_training id='lc_training'><training>1</training></lc_training>", 400, "instanceID"),
    ],
)
def test_bad_xml_is_refused_with_the_reason_and_nothing_written(phone, xml, status, says) -> None:
    response = phone.send(xml, ("p.jpg", jpeg_bytes()))
    assert response.status_code == status
    assert says in _message(response)
    assert _nothing_written()


def test_an_unknown_form_is_refused(phone) -> None:
    response = phone.send(training_xml("uuid:u1", form_id="someone_elses_form"))
    assert response.status_code == 400 and "someone_elses_form" in _message(response)
    assert _nothing_written()


def test_a_form_the_person_may_not_send_is_refused(phone) -> None:
    xml = training_xml("uuid:h1").replace(b'id="lc_training"', b'id="lc_hearing"')
    response = phone.send(xml)
    assert response.status_code == 403
    assert _nothing_written()


def test_a_file_over_the_limit_is_refused(phone, settings) -> None:
    settings.DOCUMENT_MAX_BYTES = 100
    response = phone.send(
        incident_xml("uuid:big", "big.jpg"), ("big.jpg", jpeg_bytes() + b"0" * 200)
    )
    assert response.status_code == 413
    assert _nothing_written()


def test_a_dtd_is_refused(phone) -> None:
    xml = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + (
        training_xml("uuid:dtd")
        .split(b"?>", 1)[1]
        .replace(b"<community></community>", b"<community>&e;</community>")
    )
    response = phone.send(xml)
    assert response.status_code == 400 and "DTD" in _message(response)
    assert _nothing_written()


def test_kobo_sends_one_submission_as_the_body(organiser) -> None:
    phone = Phone(organiser)
    # As Kobo's REST Services (type XML) send it: its asset id, its own bookkeeping.
    xml = training_xml("uuid:kobo-1", form_id="aKoboAssetUid").replace(
        b"<training>",
        b"<formhub><uuid>0f9e</uuid></formhub><__version__>vK3</__version__><training>",
    )
    response = phone.client.post(
        phone.server + "kobo/?form=lc_training", xml, content_type="application/xml", **COLLECT
    )
    assert response.status_code == 201
    submission = Submission.objects.get()
    assert (submission.channel, submission.form_id) == ("kobo", "lc_training")
    assert bytes(submission.xml) == xml
    assert "formhub" not in submission.answers and "__version__" not in submission.answers
    assert "uuid" not in submission.answers


def test_kobo_without_the_form_named_is_refused(phone) -> None:
    xml = training_xml("uuid:kobo-2", form_id="aKoboAssetUid")
    response = phone.client.post(phone.server + "kobo/", xml, content_type="text/xml", **COLLECT)
    assert response.status_code == 400 and "aKoboAssetUid" in _message(response)
    assert _nothing_written()


def test_a_key_sends_only_what_its_persons_role_may_send_today(org) -> None:
    legal = make_user(organisation=org, role="legal")
    phone = Phone(legal)
    Membership.objects.filter(user=legal).update(role="monitor")
    assert phone.form_list() == {}
    assert phone.send(training_xml("uuid:demoted")).status_code == 403
    assert _nothing_written()


def test_an_edited_form_is_refused_not_applied_a_second_time(phone) -> None:
    xml = training_xml("uuid:edit-2").replace(
        b"</instanceID>", b"</instanceID><deprecatedID>uuid:edit-1</deprecatedID>"
    )
    response = phone.send(xml)
    assert response.status_code == 409 and "review page" in _message(response)
    assert _nothing_written()


def test_a_refusal_after_a_file_was_stored_leaves_no_file_behind(organiser, settings) -> None:
    files = [
        SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg"),
        SimpleUploadedFile(None, b"a part with no file name", content_type="text/plain"),
    ]
    with pytest.raises(SubmissionRefused, match="no name"):
        submission_receive(
            user=organiser,
            device=None,
            xml=incident_xml("uuid:half", "a.jpg"),
            files=files,
            complete=False,
            channel="odk",
        )
    assert _nothing_written()
    stored = [p for p in Path(settings.DOCUMENT_ROOT).rglob("*") if p.is_file()]
    assert stored == []
