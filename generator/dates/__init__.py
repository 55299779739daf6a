"""Dates: China's working days, where a period ends, and each project's dated schedule."""
