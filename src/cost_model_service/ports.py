"""Is the port free? Asked before anything starts, so that a busy port costs one line at
once, not a banner and a traceback seconds later."""

import errno
import socket


def port_problem(host: str, port: int, setting: str = "--port or CMS_PORT") -> str | None:
    """Why `host:port` cannot be listened on, or None. Binds the way uvicorn does
    (SO_REUSEADDR, so a port in TIME_WAIT counts as free)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        return f"cannot resolve host {host!r} ({error.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (
                    f"{host}:{port} is already in use: stop what listens there, or choose "
                    f"another port ({setting})"
                )
            return f"cannot listen on {host}:{port} ({error.strerror})"
    return None
