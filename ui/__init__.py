"""The pages' shared UI: the store and its cached reads, the filters, who is using it, the controls."""
