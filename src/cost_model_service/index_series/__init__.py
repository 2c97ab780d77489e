"""Index series a tenant imports (Eurostat, BLS, FRED files, their own exports): their
observations, the earlier vintages of revised values, and the importers."""
