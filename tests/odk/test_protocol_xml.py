"""Reading a submission's XML: its form, instanceID and answers; hostile XML refused."""

from __future__ import annotations

import pytest

from landclaims.odk.xml import SubmissionXmlError, answers_of, repeat_names, submission_parse

GROUP = b"""<?xml version="1.0"?>
<data xmlns:orx="http://openrosa.org/xforms" id="lc_group" version="2026120701">
  <village>12</village>
  <names><name_bn>\xe0\xa6\xa6\xe0\xa6\xb2</name_bn><name_en/></names>
  <sex>women</sex>
  <member><code>M-1</code><sex>female</sex></member>
  <member><code>M-2</code><sex>male</sex></member>
  <orx:meta><orx:instanceID>uuid:6f1c</orx:instanceID></orx:meta>
</data>"""


def test_the_form_version_and_instance_id_are_read_whatever_the_meta_namespace() -> None:
    parsed = submission_parse(GROUP)
    assert (parsed.form_id, parsed.version, parsed.instance_id) == (
        "lc_group",
        "2026120701",
        "uuid:6f1c",
    )


def test_groups_are_flattened_and_repeats_become_lists() -> None:
    answers = answers_of(submission_parse(GROUP).root, repeats=frozenset({"member"}))
    assert answers == {
        "village": "12",
        "name_bn": "দল",
        "name_en": "",
        "sex": "women",
        "member": [{"code": "M-1", "sex": "female"}, {"code": "M-2", "sex": "male"}],
    }


def test_a_repeat_answered_once_is_still_a_list() -> None:
    xml = GROUP.replace(b"<member><code>M-2</code><sex>male</sex></member>", b"")
    answers = answers_of(submission_parse(xml).root, repeats=frozenset({"member"}))
    assert answers["member"] == [{"code": "M-1", "sex": "female"}]


def test_the_repeats_are_read_from_the_xform() -> None:
    xform = b"""<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">
      <h:body><group ref="/data/member"><repeat nodeset="/data/member">
      <input ref="/data/member/code"/></repeat></group>
      <repeat nodeset="/data/photos"/></h:body></h:html>"""
    assert repeat_names(xform) == {"member", "photos"}


@pytest.mark.parametrize(
    ("xml", "says"),
    [
        (b"not xml at all", "not well-formed XML"),
        (b"<data id='lc_group'><meta><instanceID>uuid:1</instanceID></meta>", "well-formed"),
        (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b"<data id='lc_group'>&b;</data>",
            "DTD",
        ),
        (b"<data><meta><instanceID>uuid:1</instanceID></meta></data>", "no id"),
        (b"<data id='lc_group'><meta><instanceID> </instanceID></meta></data>", "instanceID"),
        (b"<data id='lc_group'><village>1</village></data>", "instanceID"),
    ],
)
def test_what_cannot_be_read_is_refused_with_the_reason(xml: bytes, says: str) -> None:
    with pytest.raises(SubmissionXmlError, match=says):
        submission_parse(xml)
