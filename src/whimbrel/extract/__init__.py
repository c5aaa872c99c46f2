"""extract: parsed sentences with resolved tags in -> event drafts and merged Events out."""
