"""What the Harmonia graph is: node and edge types, identifiers, provenance, code numbering."""
