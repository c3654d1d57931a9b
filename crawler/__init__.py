"""The Scrapy project: one spider per permitted source, polite settings, item validation, landing files."""
