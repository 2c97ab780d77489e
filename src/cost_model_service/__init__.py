"""cost-model-service: cost models for purchased articles from their specification sheets."""

__version__ = "0.1.0"
