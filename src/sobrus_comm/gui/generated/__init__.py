"""Generated from ui/*.ui by scripts/compile-ui. Do not edit: edit the .ui file."""
