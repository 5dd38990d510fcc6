"""Research tools above search: concordance, similar passages, citations, saved searches,
theme counts and trends, and the exports (CSV, JSON, JSON Lines) the command line and the page share."""
