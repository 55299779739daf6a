"""Outputs: renderers that take the frozen, resolved model (never YAML) and return bytes;
the format-neutral document model, one module per format, and the atomic writer."""
