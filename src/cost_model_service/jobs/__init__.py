"""The job queue as services see it: enqueueing a job by name (below every domain; the
worker that runs the jobs is `worker/`)."""
