"""aftersales: after-sales service promises as data, rendered into tender
proposals, maintenance manuals and a customer handbook."""

__version__ = "0.1.0"
