"""Tools for people who write content: a new project file, JSON Schema for editors,
and what changed between two versions of the content."""
