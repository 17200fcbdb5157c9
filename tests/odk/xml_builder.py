"""ODK-shaped submission instances written from answers, as ODK Collect sends them: the
form's root element with its id and version, each answer an element (a repeat's rows as
repeated elements), and meta/instanceID. Shared by the protocol's and the applying tests."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree as ET

ORX = "http://openrosa.org/xforms"
JR = "http://openrosa.org/javarosa"


def instance_xml(
    form_id: str,
    answers: Mapping[str, Any],
    *,
    instance_id: str | None = None,
    version: str = "1",
    root: str = "data",
) -> bytes:
    """The instance's bytes; `answers` maps names to text, a repeat's name to a list of
    such mappings."""
    ET.register_namespace("orx", ORX)
    ET.register_namespace("jr", JR)
    element = ET.Element(root, {"id": form_id, "version": version})
    _add(element, answers)
    meta = ET.SubElement(element, f"{{{ORX}}}meta")
    ET.SubElement(meta, f"{{{ORX}}}instanceID").text = instance_id or new_instance_id()
    return b"<?xml version='1.0' ?>" + ET.tostring(element, encoding="utf-8")


def _add(parent: ET.Element, answers: Mapping[str, Any]) -> None:
    for name, value in answers.items():
        if isinstance(value, list):
            for row in value:
                _add(ET.SubElement(parent, name), row)
        else:
            ET.SubElement(parent, name).text = "" if value is None else str(value)


def new_instance_id() -> str:
    return f"uuid:{uuid.uuid4()}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
