"""The content model: one pydantic model per content file, frozen after load."""
