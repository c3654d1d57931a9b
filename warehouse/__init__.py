"""The DuckDB warehouse: loader, layered SQL (staging -> core -> marts), claims, views for analysts."""
