"""Which browser origins may use the API: one list (CMS_CORS_ORIGINS) for both transports.

Over HTTP Starlette's CORSMiddleware answers preflights and adds the CORS headers; a
WebSocket handshake is not subject to CORS, so strawberry checks its Origin against the
same list (`allowed_origins`; same-origin pages and non-browser clients always pass).
An origin not listed gets no Access-Control-Allow-Origin, which is what browsers enforce
(Starlette still adds its fixed allow/expose headers; they grant nothing without it).
Both compare exact strings, so the list is normalised once, by strawberry's own rules
(lowercase scheme and host, no default port), to the form browsers send.
"""

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from strawberry.http.websocket_origin import normalize_allowed_origins

from cost_model_service.config import Environment, Settings

ANY = "*"
METHODS = ["GET", "POST", "OPTIONS"]
# What Apollo Client and apollo-upload-client send, plus our request id.
HEADERS = [
    "content-type",
    "authorization",
    "apollo-require-preflight",
    "x-apollo-operation-name",
    "x-request-id",
]
EXPOSED = ["X-Request-ID"]
# Browsers may reuse a preflight answer this long (Chromium caps it at 2 hours).
PREFLIGHT_MAX_AGE_SECONDS = 600


class InvalidCorsOrigins(RuntimeError):
    pass


def allowed_origins(settings: Settings) -> frozenset[str]:
    """The configured origins, normalised; refuses malformed ones and "*" in production."""
    try:
        origins = normalize_allowed_origins(settings.cors_origins)
    except ValueError as error:
        raise InvalidCorsOrigins(f"CMS_CORS_ORIGINS: {error}") from None
    if ANY in origins and len(origins) > 1:
        raise InvalidCorsOrigins("CMS_CORS_ORIGINS: '*' allows every origin; list no others")
    if ANY in origins and settings.environment is Environment.production:
        raise InvalidCorsOrigins(
            "CMS_CORS_ORIGINS='*' is refused with CMS_ENVIRONMENT=production: list the "
            "frontends' origins, e.g. CMS_CORS_ORIGINS=https://app.example.com"
        )
    return origins


def cors_middleware(origins: frozenset[str]) -> Middleware:
    """With "*", any page may call, but without credentials (browsers refuse "*" with them)."""
    return Middleware(
        CORSMiddleware,
        allow_origins=sorted(origins),
        allow_methods=METHODS,
        allow_headers=HEADERS,
        expose_headers=EXPOSED,
        allow_credentials=ANY not in origins,
        max_age=PREFLIGHT_MAX_AGE_SECONDS,
    )
