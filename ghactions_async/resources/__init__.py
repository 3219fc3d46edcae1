"""One module per area of the Actions API; async only (the sync twins are generated)."""
