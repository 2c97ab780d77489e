"""Uploads: readable safe filenames, content types that match the bytes, at most two files,
and files only where the schema has Upload arguments; a refused request stores nothing."""

import io
import json
import zipfile

import pytest

from cost_model_service.config import Settings
from cost_model_service.errors import BadUserInput
from cost_model_service.graphql.sniff import DOCX, XLSX, check_declared_type
from cost_model_service.graphql.uploads import MAX_FILENAME_CHARS, sanitize_filename
from tests.graphql_client import ANALYZE, PREFLIGHT, error_codes, post, upload
from tests.helpers import article_count, changed
from tests.stack import Stack, running_stack

SPEC = b"Bracket\nsteel\nNet weight: 0.3 kg\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.7\n" + b"\0" * 64


def _office(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{folder}/document.xml", "<x/>")
    return buffer.getvalue()


async def _multipart(
    stack: Stack, operations: object, files_map: object, files: dict[str, tuple[str, bytes, str]]
) -> dict:
    response = await stack.http.post(
        stack.graphql_url,
        headers=PREFLIGHT,
        files=files,
        data={"operations": json.dumps(operations), "map": json.dumps(files_map)},
    )
    assert response.status_code < 500, response.text
    return response.json()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("spec.pdf", "spec.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\Desktop\\Datenblatt Ü.pdf", "Datenblatt Ü.pdf"),
        ("in\x00vo\x7fice.txt", "invoice.txt"),
        ("line\r\nbreak.txt", "line break.txt"),
        ("photo\u202egpj.exe", "photogpj.exe"),  # no right-to-left override disguise
        ("two\u00a0 spaces\tand tab.txt", "two spaces and tab.txt"),
        ("..", "productSpecification"),
        ("dir/", "productSpecification"),
        ("\x01\x02", "productSpecification"),
        (None, "productSpecification"),
        (".hidden.txt", "hidden.txt"),
    ],
)
def test_filenames_are_sanitised(raw: str | None, expected: str) -> None:
    assert sanitize_filename(raw, "productSpecification") == expected


def test_long_filenames_keep_their_extension() -> None:
    name = sanitize_filename("a" * 500 + ".xlsx", "f")
    assert len(name) == MAX_FILENAME_CHARS and name.endswith("a.xlsx")
    assert len(sanitize_filename("b" * 500, "f")) == MAX_FILENAME_CHARS


@pytest.mark.parametrize(
    ("declared", "data"),
    [
        ("application/pdf", PNG),
        ("image/png", PDF),
        ("image/jpeg", PNG),
        ("text/plain", PDF),
        ("application/json", PNG),
        (DOCX, _office("xl")),
        (XLSX, _office("word")),
    ],
)
def test_a_declared_type_the_bytes_contradict_is_refused(declared: str, data: bytes) -> None:
    with pytest.raises(BadUserInput, match=f"declared as {declared}"):
        check_declared_type("productSpecification", declared, data)


@pytest.mark.parametrize(
    ("declared", "data"),
    [
        ("application/pdf", PDF),
        ("application/pdf; charset=binary", PDF),
        ("IMAGE/PNG", PNG),
        ("image/jpg", b"\xff\xd8\xff\xe0" + b"\0" * 16),
        (DOCX, _office("word")),
        ("application/octet-stream", PDF),
        ("application/zip", _office("xl")),
        (None, PNG),
        ("", PDF),
        ("text/plain", SPEC),
        ("text/csv", b"a;b\n1;2\n"),
        ("application/pdf", bytes(range(256))),  # no signature: the pipeline will say why
        ("text/plain", bytes(range(256))),
        ("application/pdf", b"GIF89a..."),  # unsupported formats: also the pipeline's to explain
    ],
)
def test_generic_types_and_bytes_without_signature_are_accepted(
    declared: str | None, data: bytes
) -> None:
    check_declared_type("productSpecification", declared, data)


@pytest.mark.slow
async def test_an_upload_is_stored_under_its_sanitised_name(stack: Stack) -> None:
    response = await upload(
        stack.http,
        stack.graphql_url,
        name="Bracket",
        spec=("../../tmp/\u202especs.txt", SPEC, "text/plain"),
    )
    article_id = response.json()["data"]["analyzeArticle"]["id"]
    body = await post(
        stack.http,
        stack.graphql_url,
        "query A($id: ID!) { article(id: $id) { files { filename } } }",
        id=article_id,
    )
    assert body["data"]["article"]["files"] == [{"filename": "specs.txt"}]


@pytest.mark.slow
async def test_a_contradicting_content_type_is_refused_end_to_end(stack: Stack) -> None:
    before = await article_count(stack)
    response = await upload(
        stack.http,
        stack.graphql_url,
        name="Bracket",
        spec=("spec.txt", SPEC, "text/plain"),
        drawing=("drawing.pdf", PNG, "application/pdf"),
    )
    body = response.json()
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["message"].startswith(
        "drawing is declared as application/pdf but its content is a PNG image"
    )
    assert await article_count(stack) == before


@pytest.mark.slow
async def test_files_past_the_limit_or_outside_map_are_refused_before_anything_is_stored(
    settings: Settings,
) -> None:
    # CMS_BATCH_MAX_ITEMS=1: analyzeArticles takes two files per item, so two in all.
    async with running_stack(changed(settings, batch_max_items=1), worker=False) as stack:
        before = await article_count(stack)
        operations = {"query": ANALYZE, "variables": {"name": "X", "spec": None, "drawing": None}}
        files = {key: (f"{key}.txt", SPEC, "text/plain") for key in ("0", "1", "2")}
        two_mapped = {"0": ["variables.spec"], "1": ["variables.drawing"]}
        three_mapped = {**two_mapped, "2": ["variables.description"]}
        body = await _multipart(stack, operations, three_mapped, files)
        assert error_codes(body) == ["BAD_USER_INPUT"]
        assert body["errors"][0]["message"] == "at most 2 files per request"
        # A part that map does not place would be spooled and silently dropped.
        del files["2"]
        body = await _multipart(stack, operations, {"0": ["variables.spec"]}, files)
        assert error_codes(body) == ["BAD_REQUEST"]
        assert body["errors"][0]["message"] == "file part '1' is not in 'map'"
        assert await article_count(stack) == before


@pytest.mark.slow
async def test_files_only_go_into_upload_variables(stack: Stack) -> None:
    before = await article_count(stack)
    file = {"0": ("spec.txt", SPEC, "text/plain")}
    # $name is a String!: graphql-core would answer with the UploadFile's repr.
    operations = {"query": ANALYZE, "variables": {"name": None, "spec": None}}
    body = await _multipart(stack, operations, {"0": ["variables.name", "variables.spec"]}, file)
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["message"] == (
        "files can only be sent in Upload variables, not in $name"
    )
    # A variable the operation does not declare: graphql-core would silently drop the file.
    operations = {"query": ANALYZE, "variables": {"name": "X", "spec": None, "extra": None}}
    body = await _multipart(stack, operations, {"0": ["variables.spec", "variables.extra"]}, file)
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert "$extra" in body["errors"][0]["message"]
    assert await article_count(stack) == before


@pytest.mark.parametrize(
    ("operations", "files_map"),
    [
        # Each of these made strawberry raise a TypeError or AttributeError: a 500.
        ({"query": ANALYZE, "variables": {"name": "X"}}, {"0": ["variables.name.deeper"]}),
        ({"query": ANALYZE, "variables": None}, {"0": ["variables.spec"]}),
        ([{"query": ANALYZE, "variables": {}}], {"0": ["0.variables.spec"]}),
        ({"query": ANALYZE, "variables": {}}, ["variables.spec"]),
        ({"query": ANALYZE, "variables": {}}, {"0": "variables.spec"}),
        ({"query": ANALYZE, "variables": {}}, {"0": ["query"]}),
    ],
)
async def test_malformed_operations_or_map_are_bad_requests(
    stack: Stack, operations: object, files_map: object
) -> None:
    body = await _multipart(stack, operations, files_map, {"0": ("a.txt", SPEC, "text/plain")})
    assert error_codes(body) == ["BAD_REQUEST"]


@pytest.mark.slow
async def test_a_multipart_body_without_boundary_gets_a_graphql_shaped_error(
    stack: Stack,
) -> None:
    response = await stack.http.post(
        stack.graphql_url,
        content=b"--x--\r\n",
        headers={**PREFLIGHT, "Content-Type": "multipart/form-data"},
    )
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]
