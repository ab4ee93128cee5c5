"""UI layer: dialogs (setup, login, passwords, staff forms). Shown with show()/open(), never a bare exec()."""
