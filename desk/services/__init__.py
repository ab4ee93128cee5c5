"""Services layer: one module per area; each public call is one transaction and returns frozen dataclasses."""
