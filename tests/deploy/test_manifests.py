"""The deployment files, checked offline: every Kubernetes manifest against the API
schemas shipped in kubernetes-validate (strict: unknown fields fail), compose.yaml and
the Dockerfile against what OPERATIONS.md promises about them."""

import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from cost_model_service.config import Settings

ROOT = Path(__file__).resolve().parents[2]
KUBERNETES = ROOT / "deploy" / "kubernetes"
# The oldest Kubernetes still commonly run, and the newest the schemas know.
VERSIONS = ["1.29.0", kubernetes_validate.utils.latest_version()]
GRACE = Settings(_env_file=None).worker_shutdown_grace_seconds  # type: ignore[call-arg]
HAND_BACK = 5  # worker/runner.py: HAND_BACK_SECONDS


def _resources() -> list[dict[str, Any]]:
    kustomization = yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())
    resources = []
    for name in kustomization["resources"]:
        resources += [doc for doc in yaml.safe_load_all((KUBERNETES / name).read_text()) if doc]
    return resources


def _one(kind: str, name: str) -> dict[str, Any]:
    (found,) = [r for r in _resources() if r["kind"] == kind and r["metadata"]["name"] == name]
    return found


def test_every_manifest_file_is_listed_in_the_kustomization() -> None:
    listed = set(yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())["resources"])
    assert listed == {p.name for p in KUBERNETES.glob("*.yaml")} - {"kustomization.yaml"}


@pytest.mark.parametrize("version", VERSIONS)
def test_manifests_are_valid_kubernetes(version: str) -> None:
    kinds = []
    for resource in _resources():
        kubernetes_validate.validate(resource, version, strict=True)
        kinds.append(resource["kind"])
    assert sorted(kinds) == sorted(
        [
            "ConfigMap",
            "Secret",
            "Job",
            "Deployment",
            "Service",
            "PodDisruptionBudget",
            "Deployment",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
        ]
    )


def test_a_broken_manifest_is_caught() -> None:
    broken = _one("Deployment", "cms-api")
    broken["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["httpGet"]["pth"] = "x"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, VERSIONS[-1], strict=True)


def test_probes_grace_and_scaling() -> None:
    api = _one("Deployment", "cms-api")["spec"]["template"]["spec"]["containers"][0]
    assert api["livenessProbe"]["httpGet"]["path"] == "/health"
    assert api["readinessProbe"]["httpGet"]["path"] == "/ready"
    worker = _one("Deployment", "cms-worker")["spec"]["template"]["spec"]
    assert worker["terminationGracePeriodSeconds"] > GRACE + HAND_BACK
    config = _one("ConfigMap", "cost-model-service")["data"]
    assert float(config["CMS_WORKER_SHUTDOWN_GRACE_SECONDS"]) == GRACE
    assert _one("Job", "cms-migrate")["spec"]["template"]["spec"]["containers"][0]["command"] == [
        "cms",
        "migrate",
    ]
    hpa = _one("HorizontalPodAutoscaler", "cms-worker")["spec"]
    assert hpa["scaleTargetRef"]["name"] == "cms-worker"
    assert hpa["metrics"][0]["resource"]["name"] == "cpu"
    # Every setting named in the ConfigMap and Secret is one the service knows.
    known = {f"CMS_{name.upper()}" for name in Settings.model_fields}
    secret = _one("Secret", "cost-model-service")["stringData"]
    assert set(config) | set(secret) <= known
    assert Settings(
        _env_file=None,
        **{  # type: ignore[call-arg]
            key.removeprefix("CMS_").lower(): value
            for key, value in {**config, **secret}.items()
            if value
        },
    ).database_url.startswith("postgresql+asyncpg://")


def _seconds(duration: str) -> float:
    return sum(float(n) * {"s": 1, "m": 60}[u] for n, u in re.findall(r"(\d+)([sm])", duration))


def test_compose_runs_production_with_health_checks_and_a_redis_volume() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "api", "worker"} <= set(services)
    for name in ("api", "worker", "migrate"):
        assert services[name]["environment"]["CMS_ENVIRONMENT"] == "production"
    for name in ("api", "worker"):
        assert services[name]["healthcheck"]["test"]
        assert (
            services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        )
    assert "/ready" in " ".join(services["api"]["healthcheck"]["test"])
    assert services["worker"]["healthcheck"]["test"] == ["CMD", "cms", "ready"]
    grace = float(services["worker"]["environment"]["CMS_WORKER_SHUTDOWN_GRACE_SECONDS"])
    assert _seconds(services["worker"]["stop_grace_period"]) > grace + HAND_BACK
    assert any(v.endswith(":/data") for v in services["redis"]["volumes"])
    assert "redis-data" in compose["volumes"]
    assert "cms api-key create" in (ROOT / "compose.yaml").read_text()  # the first key


def test_dockerfile_python_uv_user_and_layers() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    python = (ROOT / ".python-version").read_text().strip()
    assert re.search(rf"^FROM python:{re.escape(python)}-slim", dockerfile, re.M)
    assert re.search(r"ghcr.io/astral-sh/uv:\d+\.\d+\.\d+ ", dockerfile)  # pinned
    assert re.search(r"^USER (?!root|0\b)", dockerfile, re.M)
    assert "CMS_HOST=0.0.0.0" in dockerfile
    assert re.search(r"^HEALTHCHECK .*", dockerfile, re.M)
    assert "ARG OCR=0" in dockerfile and "--extra ocr" in dockerfile
    # The dependencies are installed before the source is copied (their own layer).
    assert dockerfile.index("--no-install-project") < dockerfile.index("COPY src")
