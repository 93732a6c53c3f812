"""Widgets, Qt models and dialogs. Layouts come from ui/*.ui, compiled into gui/generated."""
