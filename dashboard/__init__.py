"""The read-only Dash dashboard: the guide's claims beside observed demand."""
