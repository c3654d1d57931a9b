"""The Dash dashboard: the guide's claims beside observed demand, read-only over the warehouse.

`dashboard.app.create_app(db_path)` builds the app; `ma-demand serve` runs it under gunicorn.
"""
