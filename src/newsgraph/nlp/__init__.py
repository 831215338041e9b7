"""NLP stages: one extractor a module or package (entities, timex, amounts, places, quotes, themes, tone)."""
