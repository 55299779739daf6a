"""The model: one pydantic model per content file with its typed values (money, durations,
clock times), frozen after load; and the resolved model every renderer takes (resolved.py)."""
