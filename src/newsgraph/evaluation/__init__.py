"""Evaluation against gold sets: one module per task, each with ``evaluate(data, settings, limit)``.

The metrics follow the definitions of the reference scorer (docs/evaluation.md)."""
