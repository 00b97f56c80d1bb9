"""The review terminal UI (Textual). The only package that imports textual; it calls the same core
functions as the CLI."""
