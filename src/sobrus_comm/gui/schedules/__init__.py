"""« Envois programmés »: the schedule editor, the list view and their coordinator."""
