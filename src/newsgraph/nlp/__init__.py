"""NLP stages: one extractor a module (entities, dates, amounts, places, quotes, themes, tone)."""
