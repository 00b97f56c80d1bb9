"""Widgets of the review app: the lazy segment list, the detail pane and the header."""
