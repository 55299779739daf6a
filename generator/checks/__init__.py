"""Checks on validated content: references and self-contradictions (consistency),
promises the data cannot keep (integrity), and tender clauses against the promises (compliance)."""
