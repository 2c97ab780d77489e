"""Building blocks of the OpenAI analyzer: text windows, prompts, schemas, the client."""
