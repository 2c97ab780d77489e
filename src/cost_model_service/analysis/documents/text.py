"""Plain-text uploads: decoding (UTF-8 or detected legacy encodings), CSV and JSON."""

import codecs
import csv
import io
import json
import re
from collections import Counter

import charset_normalizer

from cost_model_service.analysis.base import DocumentError
from cost_model_service.analysis.documents.limits import BINARY_SAMPLE, DEFAULT_LIMITS, TextBudget

_MAX_CHARS = DEFAULT_LIMITS.max_chars

# C0 control bytes that never occur in real text (tab, LF, VT, FF, CR and ESC excluded).
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 11, 12, 13, 27}) + b"\x7f"
_MAX_CONTROL_RATIO = 0.01
_MAX_JSON_DEPTH = 32
# A camelCase key is words written together ("maxNutzergewicht", "netWeightKg"): split
# where a lowercase letter meets a capital, so the rules read "max Nutzergewicht".
_CAMEL = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])")


def decode_text(data: bytes) -> str:
    """Bytes to str; refuse binary content instead of decoding it into junk."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            if _garbled(text):  # a BOM in front of binary data
                raise DocumentError("not a text document: the file contains binary data")
            return text
    if _looks_binary(data):
        raise DocumentError("not a text document: the file contains binary data")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Legacy single-byte encodings (latin-1, cp1252, ...): let charset-normalizer pick one.
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DocumentError("not a text document: unknown character encoding")
    return str(best)


def _looks_binary(data: bytes) -> bool:
    sample = data[:BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_RATIO * len(sample)


def _garbled(text: str) -> bool:
    sample = text[:BINARY_SAMPLE]
    bad = sum(1 for char in sample if char == "\ufffd" or (char < " " and char not in "\t\n\r\f\v"))
    return bad > _MAX_CONTROL_RATIO * len(sample)


def csv_to_text(text: str, max_chars: int = _MAX_CHARS) -> str:
    """One line per row, cells joined with ' | ' so label and value stay together."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:4096], delimiters=",;\t|"
        )
    except csv.Error:
        dialect = csv.excel
    delimiter = _consistent_delimiter(text[:4096], dialect.delimiter)
    if delimiter != dialect.delimiter:
        dialect = type("Sheet", (csv.excel,), {"delimiter": delimiter})
    budget = TextBudget(max_chars)
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            cells = [cell.strip() for cell in row]
            while cells and not cells[-1]:
                cells.pop()
            if cells and not budget.add(" | ".join(cells)):
                break
    except csv.Error:
        return text  # malformed CSV (e.g. a field over the size limit): keep it as plain text
    return budget.text()


def _consistent_delimiter(sample: str, sniffed: str) -> str:
    """The delimiter that splits the most lines into the same number of cells, the
    sniffer's on a tie. The sniffer can be led astray by a title line and decimal commas
    ("peso;3,2 kg;2,9 kg" read as comma-separated); counting lines that agree is not."""
    lines = [line for line in sample.splitlines()[:50] if line.strip()]

    def agreeing(delimiter: str) -> int:
        counts = Counter(line.count(delimiter) for line in lines if delimiter in line)
        return counts.most_common(1)[0][1] if counts else 0

    def cells(delimiter: str) -> int:
        counts = Counter(line.count(delimiter) for line in lines if delimiter in line)
        return counts.most_common(1)[0][0] if counts else 0

    best = max(";,\t|", key=lambda d: (agreeing(d), cells(d)))
    if agreeing(best) > max(agreeing(sniffed), 1):
        return best
    # As many lines agree on both (a comma inside each row's description, "a | b, c | d"):
    # the delimiter that splits each of them into more cells is the table's.
    tied = agreeing(best) == agreeing(sniffed) > 1 and cells(best) > cells(sniffed)
    return best if tied else sniffed


def json_to_text(text: str, max_chars: int = _MAX_CHARS) -> str | None:
    """Flatten JSON to `path: value` lines; None when the text is not valid JSON."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None
    budget = TextBudget(max_chars)
    _flatten(document, "", budget, 0)
    return budget.text()


def _flatten(node: object, path: str, budget: TextBudget, depth: int) -> None:
    if budget.full:
        return
    if depth > _MAX_JSON_DEPTH:
        budget.add(f"{path}: {json.dumps(node)[: budget.max_chars]}")
    elif isinstance(node, dict):
        name = _name(node)
        quantity = _quantity(node) or (_value(node) if name else None)
        if name and quantity:
            # {"voce": "massa", "valore": 86500, "unità": "mg"}: a property row, read as
            # "specifiche[3].massa: 86500 mg", as a table's "massa | 86500 mg".
            budget.add(f"{path}.{name}: {quantity}" if path else f"{name}: {quantity}")
            node = {k: v for k, v in node.items() if k.lower() not in _ROW_KEYS}
        elif quantity:
            # {"value": 2850, "unit": "mg"} reads as one quantity: "mass: 2850 mg".
            budget.add(f"{path}: {quantity}")
            node = {k: v for k, v in node.items() if k.lower() not in _VALUE_KEYS | _UNIT_KEYS}
        for key, value in node.items():
            name = _CAMEL.sub(" ", str(key))
            _flatten(value, f"{path}.{name}" if path else name, budget, depth + 1)
    elif isinstance(node, list):
        if all(not isinstance(item, dict | list) for item in node):
            budget.add(f"{path}: {', '.join(_scalar(item) for item in node)}")
        else:
            for index, item in enumerate(node):
                _flatten(item, f"{path}[{index}]", budget, depth + 1)
    else:
        budget.add(f"{path}: {_scalar(node)}")


# In the five languages: {"valore": 340, "unita": "g"}, {"Wert": 1.2, "Einheit": "kg"}.
_VALUE_KEYS = {"value", "amount", "magnitude", "val", "wert", "valeur", "valor", "valore"}
_UNIT_KEYS = {
    "unit", "units", "uom", "unit_of_measure", "einheit", "unité", "unite", "unidad", "unita",
    "unità", "unidades",
}  # fmt: skip


# Keys naming the property a row of a spec list states, in the five languages.
_NAME_KEYS = {
    "name", "label", "property", "parameter", "characteristic", "attribute", "feature",
    "merkmal", "eigenschaft", "kenngröße", "bezeichnung", "nom", "libellé", "libelle",
    "caractéristique", "propriété", "paramètre", "nombre", "propiedad", "característica",
    "parámetro", "voce", "nome", "proprietà", "caratteristica", "parametro",
}  # fmt: skip
_ROW_KEYS = _NAME_KEYS | _VALUE_KEYS | _UNIT_KEYS


def _name(node: dict[str, object]) -> str | None:
    names = [v for k, v in node.items() if k.lower() in _NAME_KEYS and isinstance(v, str)]
    return _CAMEL.sub(" ", names[0]) if len(names) == 1 else None


def _value(node: dict[str, object]) -> str | None:
    values = [v for k, v in node.items() if k.lower() in _VALUE_KEYS]
    ok = len(values) == 1 and isinstance(values[0], int | float | str)
    return _scalar(values[0]) if ok else None


def _quantity(node: dict[str, object]) -> str | None:
    keys = {k.lower(): v for k, v in node.items()}
    value = next((keys[k] for k in _VALUE_KEYS if k in keys), None)
    unit = next((keys[k] for k in _UNIT_KEYS if k in keys), None)
    if isinstance(value, int | float | str) and isinstance(unit, str):
        return f"{_scalar(value)} {unit}"
    return None


def _scalar(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
