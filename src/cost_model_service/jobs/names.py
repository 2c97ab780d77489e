"""Every job the worker runs, by the name arq files it under.

The name is the contract between whoever enqueues a job (a service, the sweep) and the
worker (`worker/tasks.py` registers one function per name): renaming one strands the jobs
already queued under the old name.
"""

from enum import StrEnum


class JobName(StrEnum):
    ANALYZE_ARTICLE = "analyze_article"
    EVALUATE_PRICE_ALERTS = "evaluate_price_alerts"
