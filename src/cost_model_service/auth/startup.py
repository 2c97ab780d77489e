"""What authentication the process starts with, said once at start."""

import logging

from cost_model_service.config import Environment, Settings

log = logging.getLogger(__name__)


class InsecureConfiguration(RuntimeError):
    pass


def check_auth_settings(settings: Settings) -> None:
    """Production never runs open; development may, and says so."""
    if settings.environment is Environment.production and not settings.requires_auth:
        raise InsecureConfiguration(
            "CMS_ENVIRONMENT=production needs authentication: unset CMS_AUTH_REQUIRED "
            "(or set it to true) and create keys with `cms api-key create --tenant NAME`"
        )
    if settings.requires_auth:
        jwt = "API keys and JWT" if settings.jwt_secret or settings.jwt_jwks else "API keys"
        log.info("authentication required (%s)", jwt)
    else:
        log.warning(
            "authentication is OFF: requests without credentials act as the 'default' tenant "
            "(set CMS_AUTH_REQUIRED=true to require API keys)"
        )
