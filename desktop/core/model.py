"""Steppe's data model: documents, entities, facts, and the one registry of labels and fact types.

Everything that needs to know which entity labels exist, which fact types exist and which
fields they carry (the facts table columns, the Excel sheets, validation, the extraction
contract) reads it from here. The definitions follow ``annotation-guidelines.md``.

Offsets are ``str`` indices into ``Document.text``, end-exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.core.countries import is_party_code

# --------------------------------------------------------------------------- entity labels

#: The entity labels in keyboard order: label ``i`` is assigned with the key ``i + 1``.
ENTITY_LABELS: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "COUNTRY",
    "LOCATION",
    "EVENT",
    "INITIATIVE",
    "MONEY",
    "PERCENT",
    "DATE",
)

LABEL_DESCRIPTIONS: dict[str, str] = {
    "PERSON": "A named individual, full or partial name, no title",
    "ORG": "A named organisation: ministry, agency, company, university, international body, outlet",
    "COUNTRY": "A sovereign state's name or standard short form",
    "LOCATION": "A named sub-national place or multi-country region",
    "EVENT": "A named meeting, summit, forum, expo or conference",
    "INITIATIVE": "A named initiative, strategy, programme, corridor, project, pipeline, railway or zone",
    "MONEY": "An amount of money with its currency",
    "PERCENT": "A percentage",
    "DATE": "A date, year, month, period or duration",
}

# --------------------------------------------------------------------------- statuses

SUGGESTED, ACCEPTED, REJECTED, EDITED = "suggested", "accepted", "rejected", "edited"
STATUSES: tuple[str, ...] = (SUGGESTED, ACCEPTED, REJECTED, EDITED)
#: Statuses that count as reviewed-and-kept (charts and "only reviewed" exports use these).
REVIEWED_KEPT: tuple[str, ...] = (ACCEPTED, EDITED)

# --------------------------------------------------------------------------- fact registry


@dataclass(frozen=True)
class FieldSpec:
    """One field of a fact type.

    ``kind`` decides the editor, the Excel type and the validation:
    ``text``, ``country`` (ISO alpha-3 or a group code), ``currency`` (ISO 4217),
    ``number``, ``percent`` (a number of percent, 40 = 40 %), ``period`` (schema period forms),
    ``date`` (ISO date), ``choice`` (one of ``choices``).
    """

    name: str
    kind: str
    title: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactType:
    name: str
    title: str
    sheet: str
    fields: tuple[FieldSpec, ...]

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def spec(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} facts have no field {name!r}")


QUALIFIERS = ("about", "over", "under")
FLOWS = ("total", "export", "import")
INVESTMENT_KINDS = ("stock", "flow", "pledge")

_QUALIFIER = FieldSpec("qualifier", "choice", "Qualifier", QUALIFIERS)
_PERIOD = FieldSpec("period", "period", "Period")
_PERIOD_TEXT = FieldSpec("period_text", "text", "Period as written")
_VALUE = FieldSpec("value", "number", "Value")
_CURRENCY = FieldSpec("currency", "currency", "Currency")
_VALUE_USD = FieldSpec("value_usd", "number", "Value (USD)")
_CHANGE = FieldSpec("change_pct", "percent", "Change %")

FACT_TYPES: dict[str, FactType] = {
    t.name: t
    for t in (
        FactType(
            "trade",
            "Trade",
            "Trade",
            (
                FieldSpec("reporter", "country", "Reporter"),
                FieldSpec("partner", "country", "Partner"),
                FieldSpec("flow", "choice", "Flow", FLOWS),
                _PERIOD,
                _PERIOD_TEXT,
                _VALUE,
                _CURRENCY,
                _VALUE_USD,
                _CHANGE,
                _QUALIFIER,
            ),
        ),
        FactType(
            "investment",
            "Investment",
            "Investment",
            (
                FieldSpec("investor", "country", "Investor"),
                FieldSpec("recipient", "country", "Recipient"),
                FieldSpec("kind", "choice", "Kind", INVESTMENT_KINDS),
                _PERIOD,
                _PERIOD_TEXT,
                _VALUE,
                _CURRENCY,
                _VALUE_USD,
                _CHANGE,
                _QUALIFIER,
            ),
        ),
        FactType(
            "indicator",
            "Indicator",
            "Indicators",
            (
                FieldSpec("subject", "country", "Subject"),
                FieldSpec("metric", "text", "Metric"),
                _VALUE,
                FieldSpec("unit", "text", "Unit"),
                _PERIOD,
                _PERIOD_TEXT,
                _CHANGE,
                _QUALIFIER,
            ),
        ),
        FactType(
            "event",
            "Event",
            "Events",
            (
                FieldSpec("name", "text", "Name"),
                FieldSpec("start", "date", "Start"),
                FieldSpec("end", "date", "End"),
                FieldSpec("location", "text", "Location"),
                FieldSpec("country", "country", "Country"),
            ),
        ),
        FactType(
            "role",
            "Role",
            "People & roles",
            (
                FieldSpec("person", "text", "Person"),
                FieldSpec("role", "text", "Role"),
                FieldSpec("organization", "text", "Organization"),
                FieldSpec("country", "country", "Country"),
            ),
        ),
    )
}

# --------------------------------------------------------------------------- validation

_PERIOD_FORMS = (
    re.compile(r"^\d{4}$"),  # a year: 2022
    re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),  # a month or an end-of-period stock: 2023-04
    re.compile(r"^\d{4}-(0[1-9]|1[0-2])/\d{4}-(0[1-9]|1[0-2])$"),  # month range
    re.compile(r"^\d{4}/\d{4}$"),  # span of years
)
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


class InvalidValue(ValueError):
    """A field value that the schema refuses; ``str(err)`` is a reason fit for the user."""


def validate_period(value: str) -> str:
    value = value.strip()
    if not any(p.match(value) for p in _PERIOD_FORMS):
        raise InvalidValue(
            f"{value!r} is not a period: use 2022, 2023-04, 2023-01/2023-04 or 2017/2024"
        )
    return value


def validate_field(fact_type: str, name: str, value: Any) -> Any:
    """Return ``value`` normalised for ``fact_type.name``, or raise :class:`InvalidValue`.

    ``None`` and the empty string mean "unknown" and are always allowed.
    """
    spec = FACT_TYPES[fact_type].spec(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = spec.kind
    if kind in ("number", "percent"):
        if isinstance(value, bool):
            raise InvalidValue(f"{spec.title}: {value!r} is not a number")
        if isinstance(value, (int, float)):
            return float(value)
        from desktop.core.numbers import parse_amount

        try:
            return parse_amount(str(value))
        except ValueError as err:
            raise InvalidValue(f"{spec.title}: {err}") from None
    text = str(value).strip()
    if kind == "text":
        return text
    if kind == "choice":
        low = text.lower()
        if low not in spec.choices:
            raise InvalidValue(f"{spec.title}: {text!r} is not one of {', '.join(spec.choices)}")
        return low
    if kind == "country":
        code = text.upper()
        if not is_party_code(code):
            raise InvalidValue(f"{spec.title}: {text!r} is not an ISO 3166 alpha-3 code, CA5 or WORLD")
        return code
    if kind == "currency":
        code = text.upper()
        if not _CURRENCY_RE.match(code):
            raise InvalidValue(f"{spec.title}: {text!r} is not an ISO 4217 code such as USD or CNY")
        return code
    if kind == "period":
        try:
            return validate_period(text)
        except InvalidValue as err:
            raise InvalidValue(f"{spec.title}: {err}") from None
    if kind == "date":
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            raise InvalidValue(f"{spec.title}: {text!r} is not a date (YYYY-MM-DD)") from None
    raise AssertionError(f"unknown field kind {kind}")


def validate_fields(fact_type: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Validate every field of a fact; unknown field names are refused."""
    if fact_type not in FACT_TYPES:
        raise InvalidValue(f"{fact_type!r} is not a fact type: use {', '.join(FACT_TYPES)}")
    known = FACT_TYPES[fact_type].field_names
    unknown = set(fields) - set(known)
    if unknown:
        raise InvalidValue(f"{fact_type} facts have no field(s) {', '.join(sorted(unknown))}")
    return with_derived_fields({name: validate_field(fact_type, name, fields.get(name)) for name in known})


def with_derived_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Apply the schema's derived values: an amount in USD is its own USD value."""
    if "value_usd" in fields and fields.get("currency") == "USD" and fields.get("value") is not None:
        return fields | {"value_usd": fields["value"]}
    return fields


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Span:
    """A labelled stretch of text proposed by an extraction component."""

    start: int
    end: int
    label: str
    text: str
    source: str  # the rule or resource that produced it, e.g. "gazetteer:countries"
    confidence: float = 1.0


@dataclass(frozen=True)
class Zone:
    """A stretch of page chrome (navigation, teasers, contacts, foreign-language tail)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class FactProposal:
    """A fact proposed by extraction, before it is stored in a project."""

    type: str
    fields: dict[str, Any]
    evidence_start: int
    evidence_end: int
    confidence: float
    source: str  # the rule that produced it, e.g. "fact:trade"


@dataclass
class Document:
    id: int | None
    text: str
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date
    language: str | None = None
    content_hash: str = ""
    imported_at: str | None = None
    source_path: str | None = None
    zones: list[Zone] = field(default_factory=list)


@dataclass
class Entity:
    id: int | None
    doc_id: int
    start: int
    end: int
    label: str
    text: str
    status: str = SUGGESTED
    source: str = ""
    confidence: float = 1.0


@dataclass
class Fact:
    id: int | None
    doc_id: int
    type: str
    fields: dict[str, Any]
    evidence_start: int | None = None
    evidence_end: int | None = None
    status: str = SUGGESTED
    confidence: float = 1.0
    source: str = ""
