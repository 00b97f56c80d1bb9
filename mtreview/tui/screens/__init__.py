"""Screens of the review app: main, editor, help and the small dialogs."""
