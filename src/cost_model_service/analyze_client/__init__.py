"""`cms analyze`: a client of the public GraphQL API that uploads files in batches, follows
them, and writes one row per article. It uses nothing of the service but its API."""
