"""Item pipelines, in the order settings.ITEM_PIPELINES runs them: relevance, enrich, validation, landing."""
