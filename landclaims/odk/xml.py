"""Reading what a phone sent: the form's id and version, meta/instanceID, and the answers.

Submissions come from outside: they are parsed with defusedxml, which refuses DTDs, entities
and external references (billion laughs, XXE) instead of expanding them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

Answers = dict[str, Any]

# Elements that are not answers: ODK's meta block, and what KoboToolbox adds to its exports.
NOT_ANSWERS = frozenset({"meta", "formhub", "__version__", "_version_", "_version__001"})


class SubmissionXmlError(ValueError):
    """The XML cannot be read as a submission; the message says why, for the phone."""


@dataclass(frozen=True)
class ParsedSubmission:
    form_id: str
    version: str
    instance_id: str
    root: Element
    # Set when the form was edited after sending (Kobo, Collect's edits): the earlier id.
    deprecated_id: str = ""


def local_name(element: Element) -> str:
    """The tag without its namespace ("{http://openrosa.org/xforms}meta" → "meta")."""
    return element.tag.rsplit("}", 1)[-1]


def submission_parse(xml: bytes) -> ParsedSubmission:
    """The submission's form id, version and instanceID; SubmissionXmlError naming what is
    wrong when it is not XML, has a DTD or entities, or lacks an id or an instanceID."""
    try:
        root = fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise SubmissionXmlError(
            _("The submission has a DTD or entities, which are not accepted.")
        ) from error
    except (ParseError, ValueError) as error:
        raise SubmissionXmlError(_("The submission is not well-formed XML.")) from error
    form_id = (root.get("id") or "").strip()
    if not form_id:
        raise SubmissionXmlError(_("The submission does not say which form it is (no id)."))
    instance_id = _meta(root, "instanceID")
    if not instance_id:
        raise SubmissionXmlError(_("The submission has no meta/instanceID."))
    return ParsedSubmission(
        form_id=form_id,
        version=(root.get("version") or "").strip(),
        instance_id=instance_id,
        root=root,
        deprecated_id=_meta(root, "deprecatedID"),
    )


def _meta(root: Element, name: str) -> str:
    for child in root:
        if local_name(child) == "meta":
            for item in child:
                if local_name(item) == name:
                    return (item.text or "").strip()
    return ""


def answers_of(root: Element, *, repeats: frozenset[str]) -> Answers:
    """The answers by element name, groups flattened and each repeat (by name) as a list of
    such dicts; `meta` and Kobo's bookkeeping left out."""
    answers: Answers = {}
    for child in root:
        name = local_name(child)
        if name in NOT_ANSWERS:
            continue
        if name in repeats:
            answers.setdefault(name, []).append(answers_of(child, repeats=repeats))
        elif len(child):  # a group: its answers sit beside the others
            answers.update(answers_of(child, repeats=repeats))
        else:
            answers[name] = child.text or ""
    return answers


def repeat_names(xform: bytes) -> frozenset[str]:
    """The names of a form's repeats, from its XForm (`<repeat nodeset="/data/member">`).

    A repeat answered once looks like a group in the submission: only the form tells."""
    root = fromstring(xform, forbid_dtd=True)
    return frozenset(
        (element.get("nodeset") or "").rstrip("/").rsplit("/", 1)[-1]
        for element in root.iter()
        if local_name(element) == "repeat"
    )
