"""The dashboard's pages, in menu order. Each module has PATH, NAME, layout(search, warehouse), register(app, warehouse)."""

from dashboard.pages import (certifications, ehr, explorer, geography, health, ladder, methods, pay, posting,
                             scorecard, skills, trends)

PAGES = (scorecard, certifications, ehr, skills, ladder, pay, geography, trends, explorer, health, methods, posting)
