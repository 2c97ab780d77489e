"""One entry point for the benchmarks.

    uv run python -m benchmarks subscriptions [--clients N] [--repeats R] [--hold S]
    uv run python -m benchmarks pipeline [--articles N]
    uv run python -m benchmarks subscription_memory [--clients N] [--tracebacks T]
    uv run python -m benchmarks graphql_worst_documents | index_import | llm_input_size

The last three are the older stand-alone scripts, run unchanged (`uv run python
benchmarks/<name>.py` still works too).
"""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("graphql_worst_documents", "index_import", "llm_input_size")
COMMANDS = ("subscriptions", "pipeline", "subscription_memory")


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name == "subscriptions":
        from benchmarks.subscriptions import main as run
    elif name == "pipeline":
        from benchmarks.pipeline import main as run
    elif name == "subscription_memory":
        from benchmarks.subscription_memory import main as run
    elif name in SCRIPTS:
        sys.argv = [str(HERE / f"{name}.py"), *rest]
        runpy.run_path(sys.argv[0], run_name="__main__")
        return 0
    else:
        print(f"unknown benchmark {name!r}; one of {', '.join(COMMANDS + SCRIPTS)}")
        return 2
    return run(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
