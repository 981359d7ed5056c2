"""kg — knowledge graphs from Chinese health-bureau work reports.

The public Python API lives in :mod:`kg.api`; the CLI (`kg`) mirrors it.
"""

__version__ = "0.1.0"
